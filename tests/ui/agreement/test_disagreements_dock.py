"""The disagreements dock in the real window: ana's and ben's disagreements listed, gone
through with keys (each played with pre-roll), resolved as one undoable step each (the
store, the timeline and the list follow, undo brings all back), queued for review."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QSpinBox

from annotator.ui import dialogs
from annotator.ui.agreement.disagreement_keys import DisagreementKeys
from annotator.ui.main_window import MainWindow

SHIFT = Qt.KeyboardModifier.ShiftModifier
CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = CTRL | SHIFT
LISTED = [
    ("00:00:00:10", "laughter", "start +4, end +2 (ben against ana)", "10-40 | 14-42"),
    ("00:00:02:10", "laughter", "only ana", "60-70 | —"),
    ("00:00:03:05", "driving", "only ben", "— | 80-90"),
]


def open_dock(qtbot, window: MainWindow) -> DisagreementKeys:
    qtbot.keyClick(window, Qt.Key.Key_D, CTRL_SHIFT)
    keys = window.disagreements
    assert keys.dock is not None
    assert keys.dock.isVisible()
    assert keys.panel is not None
    return keys


def rows(keys: DisagreementKeys) -> list[tuple[str, ...]]:
    assert keys.panel is not None
    return keys.panel.row_texts()


def shown_on_timeline(window: MainWindow) -> set[str]:
    timeline = window.views.timeline
    assert timeline is not None
    return {i for i in ("a-pair", "b-pair", "a-alone", "b-alone") if timeline.segment(i) is not None}


def test_the_list_and_its_tolerance(qtbot, window: MainWindow) -> None:
    keys = open_dock(qtbot, window)
    assert rows(keys) == LISTED
    assert keys.panel.count.text() == "3 disagreements"
    keys.panel.tolerance.setFocus()
    keys.panel.tolerance.selectAll()
    qtbot.keyClicks(keys.panel.tolerance, "4")  # the pair's edges differ by 4 and 2: within
    assert rows(keys) == LISTED[1:]
    keys.panel.coder_b.setCurrentText("ana")
    assert rows(keys) == []
    assert keys.panel.count.text() == "Choose two different coders (the video's annotators)"


def test_keys_go_through_the_list_playing_each_with_preroll(qtbot, window: MainWindow) -> None:
    keys = open_dock(qtbot, window)
    engine = window.workspace.engine
    timeline = window.views.timeline
    qtbot.keyClick(window, Qt.Key.Key_D)
    assert sorted(timeline.selected_segment_ids()) == ["a-pair", "b-pair"]
    # 10 - 1 s is before the start: from 0; 42 + 0.5 s: to frame 54
    qtbot.waitUntil(lambda: not engine.is_playing and engine.current_frame == 54, timeout=10_000)
    keys.panel.table.setFocus()
    qtbot.keyClick(keys.panel.table, Qt.Key.Key_Down)  # moving in the list jumps too
    assert timeline.selected_segment_ids() == ["a-alone"]
    qtbot.waitUntil(lambda: not engine.is_playing and engine.current_frame == 82, timeout=10_000)
    qtbot.keyClick(window, Qt.Key.Key_D, SHIFT)
    assert keys.panel.current_row() == 0
    qtbot.waitUntil(lambda: not engine.is_playing and engine.current_frame == 54, timeout=10_000)


def test_keep_b_is_one_undoable_step_that_every_view_follows(qtbot, window: MainWindow) -> None:
    keys = open_dock(qtbot, window)
    store = window.workspace.project.store
    keys.panel.set_current_row(0)
    qtbot.keyClick(window, Qt.Key.Key_B, SHIFT)
    assert store.is_deleted("a-pair")
    assert store.segment("a-pair").attributes["merged_into"] == "b-pair"
    kept = store.segment("b-pair")
    assert kept.attributes["merged_from"] == ["a-pair", "b-pair"]
    assert kept.attributes["resolution"] == "keep_b"
    assert kept.attributes["resolved_by"] == "tester"
    qtbot.waitUntil(lambda: rows(keys) == LISTED[1:])
    assert keys.panel.current_row() == 0  # the next one is current
    assert shown_on_timeline(window) == {"b-pair", "a-alone", "b-alone"}
    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL)
    assert not store.is_deleted("a-pair")
    assert "resolution" not in store.segment("b-pair").attributes
    qtbot.waitUntil(lambda: rows(keys) == LISTED)
    assert shown_on_timeline(window) == {"a-pair", "b-pair", "a-alone", "b-alone"}
    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL_SHIFT)
    assert store.is_deleted("a-pair")
    qtbot.waitUntil(lambda: rows(keys) == LISTED[1:])


def test_keep_a_on_a_segment_only_b_coded_removes_it(qtbot, window: MainWindow) -> None:
    keys = open_dock(qtbot, window)
    keys.panel.set_current_row(2)
    qtbot.keyClick(window, Qt.Key.Key_A, SHIFT)
    assert window.workspace.project.store.is_deleted("b-alone")
    qtbot.waitUntil(lambda: rows(keys) == LISTED[:2])
    assert "b-alone" not in shown_on_timeline(window)


def test_adjust_asks_for_bounds_from_the_mean_edges(
    qtbot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    offered: list[tuple[int, int]] = []

    def answer(_parent, _title, bounds, frame_count):
        offered.append((bounds, frame_count))
        return (11, 41)

    monkeypatch.setattr(dialogs, "ask_bounds", answer)
    keys = open_dock(qtbot, window)
    keys.panel.set_current_row(0)
    qtbot.keyClick(window, Qt.Key.Key_M, SHIFT)
    assert offered == [((12, 41), 100)]
    store = window.workspace.project.store
    kept = store.segment("a-pair")
    assert (kept.start_frame, kept.end_frame, kept.attributes["resolution"]) == (11, 41, "adjust")
    assert store.is_deleted("b-pair")
    timeline = window.views.timeline
    qtbot.waitUntil(lambda: rows(keys) == LISTED[1:])
    shown = timeline.segment("a-pair")
    assert (shown.start_frame, shown.end_frame) == (11, 41)
    monkeypatch.setattr(dialogs, "ask_bounds", lambda *_args: None)  # cancelled: nothing changes
    qtbot.keyClick(window, Qt.Key.Key_M, SHIFT)
    assert not store.is_deleted("a-alone")


def test_review_mode_queues_the_disagreements(qtbot, window: MainWindow) -> None:
    keys = open_dock(qtbot, window)
    qtbot.mouseClick(keys.panel.review, Qt.MouseButton.LeftButton)
    review = window.review
    assert review.active
    assert review.session is not None
    assert review.session.queue == ["a-pair", "b-pair", "a-alone", "b-alone"]
    bar = review.panel.filter_bar
    assert (bar.status.currentText(), bar.proposals.currentText()) == ("Any", "include")
    engine = window.workspace.engine
    # the first plays from its pre-roll (frame 0) to its end + post-roll (2.1 s: frame 52)
    qtbot.waitUntil(lambda: not engine.is_playing and engine.current_frame == 52, timeout=10_000)


def test_edits_made_elsewhere_update_the_list(qtbot, window: MainWindow) -> None:
    keys = open_dock(qtbot, window)
    document = window.workspace.document
    document.remove_segments(["a-alone"])
    qtbot.waitUntil(lambda: rows(keys) == [LISTED[0], LISTED[2]])
    document.set_bounds("b-pair", 11, 41)  # now within the tolerance of 2
    qtbot.waitUntil(lambda: rows(keys) == [LISTED[2]])


def test_keys_act_on_the_list_as_it_is_now_even_with_the_dock_hidden(qtbot, window: MainWindow) -> None:
    keys = open_dock(qtbot, window)
    keys.dock.hide()
    window.workspace.document.remove_segments(["a-pair"])  # ben's [14, 42) is alone now
    qtbot.keyClick(window, Qt.Key.Key_D)
    assert window.views.timeline.selected_segment_ids() == ["b-pair"]
    assert keys.listed[0].segment_ids == ("b-pair",)
    keys.dock.show()
    assert rows(keys)[0] == ("00:00:00:14", "laughter", "only ben", "— | 14-42")


def test_adjust_with_the_real_bounds_dialog_typed_into(qtbot, window: MainWindow) -> None:
    keys = open_dock(qtbot, window)
    keys.panel.set_current_row(0)
    window.workspace.engine.pause()
    typed: list[str] = []

    def type_bounds() -> None:
        dialog = QApplication.activeModalWidget()
        assert dialog is not None
        start, end = dialog.findChildren(QSpinBox)
        typed.append(f"{start.value()}-{end.value()}")  # offered: the mean edges
        for box, text in ((start, "13"), (end, "40")):
            box.setFocus()
            box.selectAll()
            qtbot.keyClicks(box, text)
        qtbot.keyClick(end, Qt.Key.Key_Return)

    QTimer.singleShot(0, type_bounds)
    qtbot.keyClick(window, Qt.Key.Key_M, SHIFT)
    assert typed == ["12-41"]
    kept = window.workspace.project.store.segment("a-pair")
    assert (kept.start_frame, kept.end_frame) == (13, 40)

"""The main window driven with real keys and mouse on footage that carries its frame number."""

from __future__ import annotations

from PySide6.QtCore import Qt
from window_helpers import drag, press, readout, segment_point, shown_frame, wait_for_frame

from annotator.ui.main_window import MainWindow


def stored(window: MainWindow) -> list[tuple[str, int, int]]:
    assert window.workspace.project is not None
    store = window.workspace.project.store
    return [(store.label(s.label_id).name, s.start_frame, s.end_frame) for s in store.segments()]


def test_code_laughter_from_50_to_80_with_keys(qtbot, window: MainWindow) -> None:
    window.workspace.seek(50)
    wait_for_frame(qtbot, window, 50)
    press(qtbot, window, Qt.Key.Key_2)  # laughter opens at the frame on screen
    assert "laughter from 50" in window.coding_label.text()
    window.workspace.seek(80)
    wait_for_frame(qtbot, window, 80)
    press(qtbot, window, Qt.Key.Key_2)
    assert stored(window) == [("laughter", 50, 80)]
    assert window.views.table is not None
    assert window.views.table.model.rowCount() == 1
    assert segment_point(
        window, window.workspace.project.store.label_by_name("laughter").id, 50
    )  # on the timeline


def test_step_back_and_forth_shows_exact_frames(qtbot, window: MainWindow) -> None:
    window.workspace.seek(40)
    wait_for_frame(qtbot, window, 40)
    for expected in range(41, 52):
        press(qtbot, window, Qt.Key.Key_Right)
        wait_for_frame(qtbot, window, expected)
    for expected in range(50, 30, -1):
        press(qtbot, window, Qt.Key.Key_Left)
        wait_for_frame(qtbot, window, expected)
    press(qtbot, window, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    wait_for_frame(qtbot, window, 56)
    press(qtbot, window, Qt.Key.Key_Left, Qt.KeyboardModifier.ShiftModifier)
    wait_for_frame(qtbot, window, 31)
    assert "frame 31" in readout(window)
    assert "00:00:01:06" in readout(window)
    press(qtbot, window, Qt.Key.Key_End)
    wait_for_frame(qtbot, window, 99)
    press(qtbot, window, Qt.Key.Key_Home)
    wait_for_frame(qtbot, window, 0)


def test_in_out_marks_and_key(qtbot, window: MainWindow) -> None:
    window.workspace.seek(20)
    wait_for_frame(qtbot, window, 20)
    press(qtbot, window, Qt.Key.Key_I)
    window.workspace.seek(29)
    wait_for_frame(qtbot, window, 29)
    press(qtbot, window, Qt.Key.Key_O)
    press(qtbot, window, Qt.Key.Key_6)
    assert stored(window) == [("driving", 20, 30)]


def test_resize_by_dragging_the_edge_then_undo_redo(qtbot, window: MainWindow) -> None:
    assert window.workspace.document is not None
    label = window.workspace.project.store.label_by_name("laughter")
    segment = window.workspace.document.add_segment(window.workspace.video.id, label.id, 50, 80)
    timeline = window.views.timeline
    timeline.set_pixels_per_frame(8)
    timeline.centerOn(timeline.scale.x(80), timeline.track_rect(label.id).center().y())
    drag(qtbot, window, segment_point(window, label.id, 80), segment_point(window, label.id, 85))
    assert stored(window) == [("laughter", 50, 85)]
    press(qtbot, window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert stored(window) == [("laughter", 50, 80)]
    press(
        qtbot, window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert stored(window) == [("laughter", 50, 85)]
    assert window.workspace.document.segment(segment.id).end_frame == 85


def test_bracket_keys_nudge_the_selected_segment_and_delete(qtbot, window: MainWindow) -> None:
    label = window.workspace.project.store.label_by_name("driving")
    segment = window.workspace.document.add_segment(window.workspace.video.id, label.id, 30, 60)
    window.views.timeline.select_segments([segment.id])
    press(qtbot, window, Qt.Key.Key_BracketLeft)
    press(qtbot, window, Qt.Key.Key_BracketRight)
    assert stored(window) == [("driving", 29, 61)]
    press(qtbot, window, Qt.Key.Key_BracketRight, Qt.KeyboardModifier.ShiftModifier)
    assert stored(window) == [("driving", 29, 71)]
    press(qtbot, window, Qt.Key.Key_Delete)
    assert stored(window) == []
    press(qtbot, window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert stored(window) == [("driving", 29, 71)]


def test_double_click_in_table_seeks(qtbot, window: MainWindow) -> None:
    label = window.workspace.project.store.label_by_name("conversation")
    window.workspace.document.add_segment(window.workspace.video.id, label.id, 64, 70)
    table = window.views.table.table
    index = table.model().index(0, 0)
    rect = table.visualRect(index)
    # Qt 6 item views need the press before the double-click, as a real mouse sends.
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    wait_for_frame(qtbot, window, 64)
    assert shown_frame(window) == 64


def test_ctrl_g_goes_to_a_timecode_a_frame_or_seconds(qtbot, window: MainWindow, monkeypatch) -> None:
    from annotator.ui import dialogs

    answers = iter(["00:00:02:05", "17", "3.2s", "nonsense"])
    monkeypatch.setattr(dialogs, "ask_position", lambda *_args: next(answers))
    warnings: list[str] = []
    monkeypatch.setattr("annotator.ui.transport.QMessageBox.warning", lambda *args: warnings.append(args[2]))
    for expected in (55, 17, 80):
        press(qtbot, window, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
        wait_for_frame(qtbot, window, expected)
    press(qtbot, window, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    assert warnings
    assert window.workspace.engine.current_frame == 80


def test_space_plays_and_pauses_and_jkl_shuttle(qtbot, window: MainWindow) -> None:
    with qtbot.waitSignal(window.workspace.engine.playing_changed, timeout=5000) as started:
        press(qtbot, window, Qt.Key.Key_Space)
    assert started.args == [True]
    qtbot.waitUntil(lambda: window.workspace.engine.current_frame >= 5, timeout=10_000)
    with qtbot.waitSignal(window.workspace.engine.playing_changed, timeout=5000):
        press(qtbot, window, Qt.Key.Key_Space)
    press(qtbot, window, Qt.Key.Key_L)
    assert window.workspace.engine.rate == 1.0
    press(qtbot, window, Qt.Key.Key_L)
    assert window.workspace.engine.rate == 2.0
    press(qtbot, window, Qt.Key.Key_K)
    assert not window.workspace.engine.is_playing
    press(qtbot, window, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert window.workspace.engine.rate == 1.0
    press(qtbot, window, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    press(qtbot, window, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    press(qtbot, window, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert window.workspace.engine.rate == 0.25


def test_space_plays_and_pauses_whatever_has_the_focus(qtbot, window: MainWindow) -> None:
    """The transport button never takes the focus (Space would click it and also fire the
    window's key: two toggles, nothing happens); lists and the table leave Space alone."""
    assert window.player_panel.play_button.focusPolicy() == Qt.FocusPolicy.NoFocus
    assert window.views.table is not None
    for widget in (window.video_list, window.views.table.table, window.views.timeline):
        widget.setFocus()
        press(qtbot, window, Qt.Key.Key_Space)
        qtbot.waitUntil(lambda: window.workspace.engine.is_playing, timeout=3000)
        press(qtbot, window, Qt.Key.Key_Space)
        qtbot.waitUntil(lambda: not window.workspace.engine.is_playing, timeout=3000)
    window.player_panel.play_button.click()  # a click still plays
    qtbot.waitUntil(lambda: window.workspace.engine.is_playing, timeout=3000)
    press(qtbot, window, Qt.Key.Key_Space)
    assert not window.workspace.engine.is_playing

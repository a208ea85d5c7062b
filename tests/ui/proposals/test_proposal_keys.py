"""Proposals in the window: ghosts on their label's track with a tooltip; Tab / Shift+Tab
select the next / previous one and play it with a second of pre-roll; Enter accepts (a
normal segment by the current annotator), Delete rejects, each one undoable step; bulk
accept on a selection and accept or reject by score in a dialog."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from analysis_clips import HARD_CUT
from proposal_helpers import (
    LEFT,
    analyze,
    focus_timeline,
    press,
    proposals,
    timeline_pixels,
    track_point,
)
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt, QTimer
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QToolTip, QWidget

from annotator.domain.segment import Source
from annotator.editing.proposal_rules import score
from annotator.ui.main_window import MainWindow
from annotator.ui.proposal_score_dialog import ProposalScoreDialog
from annotator.ui.segment_table_model import NOTE, SEGMENT_ID_ROLE

SHIFT = Qt.KeyboardModifier.ShiftModifier


class Played:
    """The frames the engine showed from now on."""

    def __init__(self, window: MainWindow) -> None:
        self.frames: list[int] = []
        window.workspace.engine.frame_shown.connect(lambda frame, _image: self.frames.append(frame))


def show(qtbot, window: MainWindow, frame: int) -> None:
    window.workspace.seek(frame)
    qtbot.waitUntil(lambda: window.workspace.engine.current_frame == frame, timeout=5000)


def play_to(qtbot, window: MainWindow, stop: int) -> None:
    engine = window.workspace.engine
    qtbot.waitUntil(lambda: not engine.is_playing and engine.current_frame == stop, timeout=20_000)


def test_proposals_are_ghosts_with_their_score_in_a_tooltip(qtbot, window: MainWindow) -> None:
    analyze(qtbot, window)
    first = proposals(window, "shot")[0]
    timeline = window.views.timeline
    timeline.reveal(first.id)
    point = track_point(window, "shot", HARD_CUT / 2)
    qtbot.wait(50)
    ghost = timeline_pixels(window)[point.y(), point.x()].astype(int)
    assert ghost.max() < 100  # a faint fill: the track shows through (an opaque one is #9e9e9e)
    viewport = timeline.viewport()
    QApplication.sendEvent(viewport, QHelpEvent(QEvent.Type.ToolTip, point, viewport.mapToGlobal(point)))
    qtbot.waitUntil(lambda: QToolTip.text() == "Proposal: shot (shot), score 1.00")
    QToolTip.hideText()
    window.workspace.document.accept_proposals([first.id])
    qtbot.wait(50)
    accepted = timeline_pixels(window)[point.y(), point.x()].astype(int)
    assert abs(accepted - np.array([0x9E, 0x9E, 0x9E])).max() < 30  # now a real, opaque segment
    QApplication.sendEvent(viewport, QHelpEvent(QEvent.Type.ToolTip, point, viewport.mapToGlobal(point)))
    assert timeline.tooltip.text_at(QPointF(point)) == ""
    qtbot.waitUntil(lambda: not QToolTip.isVisible())


def test_tab_plays_the_next_proposal_with_preroll_and_enter_accepts_it(qtbot, window: MainWindow) -> None:
    analyze(qtbot, window)
    shots = proposals(window, "shot")
    document, timeline = window.workspace.document, window.views.timeline
    show(qtbot, window, 0)
    focus_timeline(qtbot, window)
    press(qtbot, window, Qt.Key.Key_Tab)
    assert timeline.selected_segment_ids() == [shots[0].id]
    play_to(qtbot, window, HARD_CUT - 1)
    played = Played(window)
    press(qtbot, window, Qt.Key.Key_Tab)
    assert timeline.selected_segment_ids() == [shots[1].id]
    play_to(qtbot, window, shots[1].end_frame - 1)  # its last frame, and no further
    assert played.frames[0] == HARD_CUT - 25  # one second (25 frames) of pre-roll
    assert max(played.frames) == shots[1].end_frame - 1
    assert window.focusWidget() is timeline  # Tab did not move the focus
    press(qtbot, window, Qt.Key.Key_Backtab, SHIFT)  # what Shift+Tab sends
    assert timeline.selected_segment_ids() == [shots[0].id]
    play_to(qtbot, window, HARD_CUT - 1)
    steps = document.undo_stack.count()
    press(qtbot, window, Qt.Key.Key_Return)
    accepted = document.segment(shots[0].id)
    assert (accepted.source, accepted.annotator) == (Source.MANUAL, "tester")
    assert accepted.attributes["accepted_proposal"] is True
    assert document.undo_stack.count() == steps + 1
    assert document.undo_stack.undoText() == "Accept proposal"
    document.undo_stack.undo()
    assert document.segment(shots[0].id).source == Source.PROPOSAL


def test_tab_works_from_the_segment_table_too(qtbot, window: MainWindow) -> None:
    analyze(qtbot, window)
    shots = proposals(window, "shot")
    table = window.views.table.table
    show(qtbot, window, HARD_CUT + 1)
    table.setFocus()
    qtbot.waitUntil(lambda: window.focusWidget() is table)
    press(qtbot, window, Qt.Key.Key_Tab)
    assert window.views.timeline.selected_segment_ids() == [shots[2].id]
    assert window.views.table.selected_segment_ids() == [shots[2].id]


def test_delete_rejects_the_proposal(qtbot, window: MainWindow) -> None:
    analyze(qtbot, window)
    shots = proposals(window, "shot")
    document = window.workspace.document
    show(qtbot, window, HARD_CUT)
    focus_timeline(qtbot, window)
    press(qtbot, window, Qt.Key.Key_Tab)
    press(qtbot, window, Qt.Key.Key_Delete)
    assert [s.id for s in proposals(window, "shot")] == [shots[0].id, *[s.id for s in shots[2:]]]
    assert document.undo_stack.undoText() == "Reject proposal"
    document.undo_stack.undo()
    assert len(proposals(window, "shot")) == len(shots)


def test_enter_accepts_a_selection_in_one_step(qtbot, window: MainWindow) -> None:
    analyze(qtbot, window)
    shots = proposals(window, "shot")
    document, timeline = window.workspace.document, window.views.timeline
    timeline.reveal(shots[0].id)
    viewport = timeline.viewport()
    qtbot.mouseClick(viewport, LEFT, Qt.KeyboardModifier.NoModifier, track_point(window, "shot", 30))
    second = track_point(window, "shot", (shots[1].start_frame + shots[1].end_frame) / 2)
    qtbot.mouseClick(viewport, LEFT, Qt.KeyboardModifier.ControlModifier, second)
    assert set(timeline.selected_segment_ids()) == {shots[0].id, shots[1].id}
    steps = document.undo_stack.count()
    press(qtbot, window, Qt.Key.Key_Enter)
    assert [s.id for s in proposals(window, "shot")] == [s.id for s in shots[2:]]
    assert document.undo_stack.count() == steps + 1
    assert document.undo_stack.undoText() == "Accept 2 proposals"


def when_dialog(handle: Callable[[QWidget], None]) -> None:
    """Call ``handle(dialog)`` once a modal dialog shows (it runs an event loop of its own)."""

    def poll() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None or not dialog.isVisible():
            QTimer.singleShot(10, poll)
            return
        handle(dialog)

    QTimer.singleShot(0, poll)


def test_reject_every_proposal_above_a_score(qtbot, window: MainWindow) -> None:
    analyze(qtbot, window, "Analyze all videos")
    every = proposals(window)
    scores = sorted({score(s) for s in every})
    minimum = np.floor(scores[-3] * 100) / 100  # two decimals, as the dialog takes it
    seen: list[str] = []

    def answer(dialog: QWidget) -> None:
        assert isinstance(dialog, ProposalScoreDialog)
        dialog.all_videos.setChecked(True)
        spin = dialog.score.lineEdit()
        qtbot.keyClick(spin, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClicks(spin, f"{minimum:.2f}")
        seen.append(dialog.count.text())
        qtbot.mouseClick(dialog.reject_button, LEFT, Qt.KeyboardModifier.NoModifier, QPoint(5, 5))

    when_dialog(answer)
    window.keys.actions["Accept or reject proposals by score…"].trigger()
    expected = [s.id for s in every if score(s) < minimum]
    assert [s.id for s in proposals(window)] == expected
    removed = len(every) - len(expected)
    assert seen == [f"{removed} proposals picked"]
    assert window.workspace.document.undo_stack.undoText() == f"Reject {removed} proposals"


def test_return_and_tab_still_edit_a_note_in_the_table(qtbot, window: MainWindow) -> None:
    """The window's Enter and Tab (proposal keys) leave a note being edited alone."""
    analyze(qtbot, window)
    first = proposals(window, "shot")[0]
    document, table = window.workspace.document, window.views.table
    window.views.select_segments([first.id])
    row = next(
        r for r in range(table.proxy.rowCount()) if table.proxy.index(r, 0).data(SEGMENT_ID_ROLE) == first.id
    )
    table.table.setCurrentIndex(table.proxy.index(row, NOTE))
    table.table.setFocus()
    qtbot.waitUntil(lambda: window.focusWidget() is table.table)
    press(qtbot, window, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: isinstance(window.focusWidget(), QLineEdit))
    qtbot.keyClicks(window.focusWidget(), "a cut")
    press(qtbot, window, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: document.segment(first.id).note == "a cut")
    assert document.segment(first.id).source == Source.PROPOSAL  # Return did not accept it
    press(qtbot, window, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: isinstance(window.focusWidget(), QLineEdit))
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_End)  # the editor opens with all selected
    qtbot.keyClicks(window.focusWidget(), "!")
    press(qtbot, window, Qt.Key.Key_Tab)  # commits and moves on, as in any table
    qtbot.waitUntil(lambda: document.segment(first.id).note == "a cut!")
    assert window.views.timeline.selected_segment_ids() == [first.id]  # Tab did not jump


def test_return_in_the_table_filter_accepts_nothing(qtbot, window: MainWindow) -> None:
    analyze(qtbot, window)
    first = proposals(window, "shot")[0]
    window.views.select_segments([first.id])
    text_filter = window.views.table.text_filter
    text_filter.setFocus()
    qtbot.waitUntil(lambda: window.focusWidget() is text_filter)
    qtbot.keyClicks(text_filter, "shot")
    press(qtbot, window, Qt.Key.Key_Return)
    assert window.workspace.document.segment(first.id).source == Source.PROPOSAL

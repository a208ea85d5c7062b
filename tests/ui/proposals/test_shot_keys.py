"""Shot keys and snapping: Ctrl+Left/Right jump between shot boundaries, S codes the shot
under the playhead with the vocabulary's selected label (one undoable step), and a dragged
edge snaps to a boundary within a few pixels."""

from __future__ import annotations

from analysis_clips import HARD_CUT
from proposal_helpers import analyze, drag, focus_timeline, label_id, press, select_vocabulary_label
from PySide6.QtCore import QPoint, Qt

from annotator.domain.segment import Source
from annotator.ui.main_window import MainWindow
from annotator.ui.shot_keys import NOT_ANALYSED

CTRL = Qt.KeyboardModifier.ControlModifier


def show(qtbot, window: MainWindow, frame: int) -> None:
    window.workspace.seek(frame)
    qtbot.waitUntil(lambda: window.workspace.engine.current_frame == frame, timeout=5000)


def test_ctrl_arrows_jump_between_shot_boundaries(qtbot, window: MainWindow) -> None:
    focus_timeline(qtbot, window)
    show(qtbot, window, 10)
    press(qtbot, window, Qt.Key.Key_Right, CTRL)
    assert window.status_line.text() == NOT_ANALYSED  # nothing known yet: the playhead stays
    assert window.workspace.engine.current_frame == 10
    analyze(qtbot, window)
    second = window.views.timeline.shot_frames()[1]
    focus_timeline(qtbot, window)
    for key, frame in (
        (Qt.Key.Key_Right, HARD_CUT),
        (Qt.Key.Key_Right, second),
        (Qt.Key.Key_Left, HARD_CUT),
        (Qt.Key.Key_Left, 0),  # the first shot starts at frame 0
    ):
        press(qtbot, window, key, CTRL)
        qtbot.waitUntil(lambda f=frame: window.workspace.engine.current_frame == f, timeout=5000)
    show(qtbot, window, HARD_CUT + 5)
    press(qtbot, window, Qt.Key.Key_Left, CTRL)  # inside a shot: to its first frame
    qtbot.waitUntil(lambda: window.workspace.engine.current_frame == HARD_CUT, timeout=5000)


def test_s_codes_the_shot_under_the_playhead(qtbot, window: MainWindow) -> None:
    analyze(qtbot, window)
    document = window.workspace.document
    second = window.views.timeline.shot_frames()[1]
    show(qtbot, window, 100)
    focus_timeline(qtbot, window)
    press(qtbot, window, Qt.Key.Key_S)
    assert "Select a label" in window.status_line.text()
    steps = document.undo_stack.count()
    select_vocabulary_label(qtbot, window, "driving")
    focus_timeline(qtbot, window)
    press(qtbot, window, Qt.Key.Key_S)
    coded = [s for s in document.segments() if s.label_id == label_id(window, "driving")]
    assert [(s.start_frame, s.end_frame, s.source, s.annotator) for s in coded] == [
        (HARD_CUT, second, Source.MANUAL, "tester")
    ]
    assert document.undo_stack.count() == steps + 1
    assert window.views.timeline.selected_segment_ids() == [coded[0].id]
    document.undo_stack.undo()
    assert not [s for s in document.segments() if s.label_id == label_id(window, "driving")]


def test_dragged_edges_snap_to_shot_boundaries(qtbot, window: MainWindow) -> None:
    analyze(qtbot, window)
    timeline = window.views.timeline
    document = window.workspace.document
    driving = label_id(window, "driving")
    segment = document.add_segment(window.workspace.video.id, driving, 20, 40)
    show(qtbot, window, 0)  # the playhead far from the edges
    timeline.set_pixels_per_frame(4.0)
    timeline.horizontalScrollBar().setValue(timeline.horizontalScrollBar().minimum())
    y = round(timeline.mapFromScene(0, timeline.track_rect(driving).center().y()).y())

    def x(frame: float) -> int:
        return round(timeline.mapFromScene(timeline.scale.x(frame), 0).x())

    drag(qtbot, window, QPoint(x(40), y), QPoint(x(HARD_CUT) + 3, y))  # 0.75 frame past the cut
    assert document.segment(segment.id).end_frame == HARD_CUT
    drag(qtbot, window, QPoint(x(HARD_CUT), y), QPoint(x(HARD_CUT) + 12, y))  # 3 frames: too far
    assert document.segment(segment.id).end_frame == HARD_CUT + 3
    start = document.segment(segment.id).start_frame
    drag(qtbot, window, QPoint(x(start + 4), y), QPoint(x(start + 4) - 10, y))  # moved: end near the cut
    moved = document.segment(segment.id)
    assert (moved.start_frame, moved.end_frame) == (start - 3, HARD_CUT)

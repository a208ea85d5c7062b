"""View ▸ Lanes per coder (Ctrl+Shift+L) on the real timeline: a lane per coder under each
label's track, named in the header, showing only that coder's segments (checked by pixels);
its segments can be clicked; a new coder gets lanes; a resolution and its undo show there."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPoint, QPointF, QRectF, Qt
from PySide6.QtGui import QImage

from annotator.ui.main_window import MainWindow
from annotator.ui.timeline.timeline_layout import CODER_LANE_HEIGHT_PX, HEADER_WIDTH_PX, TRACK_HEIGHT_PX
from annotator.ui.timeline.timeline_view import TimelineView

CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = CTRL | Qt.KeyboardModifier.ShiftModifier
LANE_BACKGROUND = (0x1B, 0x1D, 0x20)


def timeline_of(window: MainWindow) -> TimelineView:
    timeline = window.views.timeline
    assert timeline is not None
    return timeline


def laughter(window: MainWindow) -> int:
    label = window.workspace.project.store.label_by_name("laughter")
    assert label is not None
    assert label.id is not None
    return label.id


def lane_point(window: MainWindow, coder: str, frame: float) -> QPoint:
    """The middle of ``coder``'s laughter lane at ``frame``, in viewport pixels (scrolled
    into view)."""
    timeline = timeline_of(window)
    top = timeline.layout_rows.lane_top(laughter(window), coder)
    x = timeline.scale.x(frame)
    timeline.ensureVisible(QRectF(x, top, 1, CODER_LANE_HEIGHT_PX), HEADER_WIDTH_PX + 20, 40)
    return timeline.mapFromScene(QPointF(x, top + CODER_LANE_HEIGHT_PX / 2))


def pixel(window: MainWindow, point: QPoint) -> tuple[int, int, int]:
    image = timeline_of(window).viewport().grab().toImage().convertToFormat(QImage.Format.Format_RGB888)
    colour = image.pixelColor(point)
    return colour.red(), colour.green(), colour.blue()


def covered(window: MainWindow, coder: str, frame: float) -> bool:
    """Whether ``coder``'s laughter lane shows a segment at ``frame`` (not its background)."""
    found = pixel(window, lane_point(window, coder, frame))
    return bool(np.abs(np.subtract(found, LANE_BACKGROUND)).max() > 30)


def lanes_on(qtbot, window: MainWindow) -> TimelineView:
    qtbot.keyClick(window, Qt.Key.Key_L, CTRL_SHIFT)
    timeline = timeline_of(window)
    assert timeline.coder_lanes() == ["ana", "ben"]
    timeline.set_pixels_per_frame(8)
    return timeline


def test_each_coder_has_a_lane_with_only_their_segments(qtbot, window: MainWindow) -> None:
    timeline = timeline_of(window)
    assert timeline.coder_lanes() == []
    plain_bottom = timeline.layout_rows.bottom
    lanes_on(qtbot, window)
    labels = len(timeline.layout_rows.label_ids)
    assert timeline.layout_rows.bottom == plain_bottom + labels * 2 * CODER_LANE_HEIGHT_PX
    track = timeline.layout_rows.track_top(laughter(window))
    header = [(top, text) for top, _h, text, _c in timeline.overlay.header_rows() if top >= track]
    assert [text for _top, text in header[:3]] == ["2  laughter", "└ ana", "└ ben"]
    assert header[1][0] == track + TRACK_HEIGHT_PX
    # ana coded [10, 40), ben [14, 42): frame 12 is ana's only, 41 ben's only, 20 both
    assert (covered(window, "ana", 12), covered(window, "ben", 12)) == (True, False)
    assert (covered(window, "ana", 41), covered(window, "ben", 41)) == (False, True)
    assert (covered(window, "ana", 20), covered(window, "ben", 20)) == (True, True)
    qtbot.keyClick(window, Qt.Key.Key_L, CTRL_SHIFT)
    assert timeline.coder_lanes() == []
    assert timeline.layout_rows.bottom == plain_bottom


def test_a_segment_in_a_lane_is_selected_by_a_click(qtbot, window: MainWindow) -> None:
    timeline = lanes_on(qtbot, window)
    point = lane_point(window, "ben", 30)
    qtbot.mouseClick(timeline.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point)
    assert timeline.selected_segment_ids() == ["b-pair"]


def test_a_segment_in_a_lane_is_resized_by_dragging_its_edge(qtbot, window: MainWindow) -> None:
    timeline = lanes_on(qtbot, window)
    start, end = lane_point(window, "ben", 42), lane_point(window, "ben", 50)
    viewport = timeline.viewport()
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    for step in range(1, 6):
        qtbot.mouseMove(viewport, QPoint(start.x() + (end.x() - start.x()) * step // 5, start.y()))
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, end)
    resized = window.workspace.project.store.segment("b-pair")
    assert (resized.start_frame, resized.end_frame, resized.label_id) == (14, 50, laughter(window))
    assert covered(window, "ben", 48)
    assert not covered(window, "ana", 48)


def test_a_new_coder_gets_lanes_and_a_resolution_shows_in_them(qtbot, window: MainWindow) -> None:
    timeline = lanes_on(qtbot, window)
    document = window.workspace.document
    document.user = "cleo"
    document.add_segment(window.workspace.video.id, laughter(window), 50, 55)
    assert timeline.coder_lanes() == ["ana", "ben", "cleo"]
    assert covered(window, "cleo", 52)
    disagreements = window.disagreements
    disagreements.show(("ana", "ben"))
    assert disagreements.panel is not None
    disagreements.panel.set_current_row(0)  # the laughter pair
    window.workspace.engine.pause()
    qtbot.keyClick(window, Qt.Key.Key_A, Qt.KeyboardModifier.ShiftModifier)  # keep ana's
    assert not covered(window, "ben", 41)
    assert covered(window, "ana", 12)
    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL)
    assert covered(window, "ben", 41)

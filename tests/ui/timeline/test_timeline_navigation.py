"""Ruler seeking, zoom around the mouse, following the playhead, lanes."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QImage, QWheelEvent
from PySide6.QtWidgets import QApplication

from annotator.ui.timeline import FollowMode
from annotator.ui.timeline.timeline_layout import HEADER_WIDTH_PX, MAX_PIXELS_PER_FRAME, RULER_HEIGHT_PX


def _ruler_point(view, frame: float) -> QPoint:
    x = view.mapFromScene(QPointF(view.scale.x(frame), 0)).x()
    return QPoint(x, RULER_HEIGHT_PX // 2)


def _ctrl_wheel(view, pos: QPoint, notches: int) -> None:
    event = QWheelEvent(
        QPointF(pos),
        QPointF(view.viewport().mapToGlobal(pos)),
        QPoint(),
        QPoint(0, 120 * notches),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.ControlModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(view.viewport(), event)


def _frame_at(view, viewport_x: int) -> float:
    return view.scale.frame_at(view.mapToScene(viewport_x, 0).x())


def test_a_click_on_the_ruler_seeks_to_the_frame_under_the_mouse(qtbot, view) -> None:
    with qtbot.waitSignal(view.seek_requested) as blocker:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=_ruler_point(view, 123.5))
    assert blocker.args == [123]


def test_dragging_along_the_ruler_keeps_seeking(qtbot, view) -> None:
    frames: list[int] = []
    view.seek_requested.connect(frames.append)
    viewport = view.viewport()
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=_ruler_point(view, 10.5))
    qtbot.mouseMove(viewport, _ruler_point(view, 20.5))
    qtbot.mouseMove(viewport, _ruler_point(view, 30.5))
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=_ruler_point(view, 30.5))
    assert frames == [10, 20, 30]


def test_ctrl_wheel_zooms_and_keeps_the_frame_under_the_mouse(view) -> None:
    view.horizontalScrollBar().setValue(view.horizontalScrollBar().value() + 800)
    mouse = QPoint(700, 200)
    before_ppf, before_frame = view.pixels_per_frame(), _frame_at(view, mouse.x())
    _ctrl_wheel(view, mouse, 2)
    assert view.pixels_per_frame() > before_ppf
    assert abs(_frame_at(view, mouse.x()) - before_frame) <= 1 / before_ppf
    zoomed_ppf = view.pixels_per_frame()
    _ctrl_wheel(view, mouse, -3)
    assert view.pixels_per_frame() < zoomed_ppf
    assert abs(_frame_at(view, mouse.x()) - before_frame) <= 1 / before_ppf


def test_zoom_slots_span_whole_video_to_single_frames(view) -> None:
    view.zoom_to_fit()
    fitted = view.pixels_per_frame()
    right_edge = view.mapFromScene(QPointF(view.scale.x(view.scale.frame_count), 0)).x()
    assert HEADER_WIDTH_PX < right_edge <= view.viewport().width()
    for _ in range(30):
        view.zoom_in()
    assert view.pixels_per_frame() == MAX_PIXELS_PER_FRAME
    for _ in range(30):
        view.zoom_out()
    assert view.pixels_per_frame() == fitted


def test_zoom_in_keeps_a_visible_playhead_in_place(view) -> None:
    view.set_playhead(150)
    x_before = view.mapFromScene(QPointF(view.scale.x(150), 0)).x()
    view.zoom_in()
    assert abs(view.mapFromScene(QPointF(view.scale.x(150), 0)).x() - x_before) <= 1


def test_the_view_pages_after_the_playhead_while_following(view) -> None:
    view.set_following(True)
    far = 2000
    view.set_playhead(far)
    x = view.mapFromScene(QPointF(view.scale.x(far), 0)).x()
    assert HEADER_WIDTH_PX <= x < view.viewport().width()
    view.set_follow_mode(FollowMode.CENTRE)
    view.set_playhead(1000)
    x = view.mapFromScene(QPointF(view.scale.x(1000), 0)).x()
    assert abs(x - (HEADER_WIDTH_PX + view.viewport().width()) / 2) <= 2


def test_the_view_stays_put_when_not_following(view) -> None:
    scroll = view.horizontalScrollBar().value()
    view.set_playhead(2000)
    assert view.horizontalScrollBar().value() == scroll


def _grab(view) -> QImage:
    return view.viewport().grab().toImage()


def test_waveform_and_filmstrip_lanes_paint_once_filled(view) -> None:
    y_wave = view.mapFromScene(QPointF(0, view.layout_rows.waveform_top + 20)).y()
    y_film = view.mapFromScene(QPointF(0, view.layout_rows.filmstrip_top + 20)).y()
    x = HEADER_WIDTH_PX + 50
    empty = _grab(view)
    peaks = np.tile(np.array([[-0.9, 0.9]], dtype=np.float32), (10_000, 1))
    view.set_waveform(peaks)
    thumbnail = QImage(160, 90, QImage.Format.Format_RGB32)
    thumbnail.fill(QColor("#00ff00"))
    view.set_thumbnails([(frame, thumbnail) for frame in range(0, 2500, 25)])
    filled = _grab(view)
    assert filled.pixelColor(x, y_wave) != empty.pixelColor(x, y_wave)
    assert filled.pixelColor(x, y_film) == QColor("#00ff00")


def test_each_waveform_column_takes_the_peaks_of_its_own_10_ms_bins(view) -> None:
    peaks = np.full((10_000, 2), [-0.1, 0.1], dtype=np.float32)
    peaks[100] = [-1.0, 1.0]  # 1.00 s = frame 25 at 25 fps = scene x 100 at 4 px per frame
    view.set_waveform(peaks)
    lows, highs = view.waveform._column_peaks(np.arange(96, 106, dtype=np.float64))
    assert highs.tolist() == pytest.approx([0.1] * 4 + [1.0] + [0.1] * 4)
    assert lows[4] == pytest.approx(-1.0)

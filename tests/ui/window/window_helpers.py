"""Helpers for driving the real main window on numbered footage."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QImage

from annotator.media.synthetic import read_frame_number
from annotator.ui.main_window import MainWindow

LEFT = Qt.MouseButton.LeftButton
NO_MODIFIER = Qt.KeyboardModifier.NoModifier


def image_frame_number(image: QImage) -> int:
    rgb = image.convertToFormat(QImage.Format.Format_RGB888)
    rows = np.frombuffer(rgb.constBits(), np.uint8).reshape(rgb.height(), rgb.bytesPerLine())
    return read_frame_number(rows[:, : rgb.width() * 3].reshape(rgb.height(), rgb.width(), 3))


def shown_frame(window: MainWindow) -> int:
    """The frame number carried by the pixels the video view is showing."""
    return image_frame_number(window.player_panel.view.image)


def readout(window: MainWindow) -> str:
    return window.player_panel.position_label.text()


def wait_for_frame(qtbot, window: MainWindow, frame: int) -> None:
    """Wait until the engine reports ``frame`` and the picture on screen carries it."""
    qtbot.waitUntil(
        lambda: window.workspace.engine.current_frame == frame and shown_frame(window) == frame, timeout=5000
    )


def press(qtbot, window: MainWindow, key: Qt.Key, modifier: Qt.KeyboardModifier = NO_MODIFIER) -> None:
    qtbot.keyClick(window, key, modifier)


def segment_point(window: MainWindow, label_id: int, frame: float) -> QPoint:
    timeline = window.views.timeline
    assert timeline is not None
    rect = timeline.track_rect(label_id)
    return timeline.mapFromScene(QPointF(timeline.scale.x(frame), rect.center().y()))


def drag(qtbot, window: MainWindow, start: QPoint, end: QPoint, steps: int = 5) -> None:
    timeline = window.views.timeline
    assert timeline is not None
    viewport = timeline.viewport()
    qtbot.mousePress(viewport, LEFT, NO_MODIFIER, start)
    for step in range(1, steps + 1):
        x = start.x() + (end.x() - start.x()) * step // steps
        qtbot.mouseMove(viewport, QPoint(x, start.y() + (end.y() - start.y()) * step // steps))
    qtbot.mouseRelease(viewport, LEFT, NO_MODIFIER, end)

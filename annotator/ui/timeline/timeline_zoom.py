"""Zoom and scroll arithmetic: from the whole video down to single clickable frames."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum

from PySide6.QtCore import Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QGraphicsView

from annotator.ui.timeline.timeline_layout import HEADER_WIDTH_PX, MAX_PIXELS_PER_FRAME, RIGHT_PADDING_PX

ZOOM_STEP = 1.5
WHEEL_ZOOM_STEP = 1.25
FOLLOW_PAGE_LEAD = 0.1


class FollowMode(Enum):
    """How the view keeps a playing playhead in sight."""

    PAGE = "page"  # jump a page when the playhead leaves the view
    CENTRE = "centre"  # keep the playhead in the middle


@dataclass(frozen=True)
class ZoomState:
    """Where a timeline was: its zoom, its scroll, and whether it was fitted to the video."""

    pixels_per_frame: float
    scroll_x: int
    fitted: bool


def track_area_width(view: QGraphicsView) -> int:
    """Viewport pixels that show frames (right of the header column)."""
    return max(view.viewport().width() - HEADER_WIDTH_PX, 1)


def fit_pixels_per_frame(view: QGraphicsView, frame_count: int) -> float:
    """The zoom at which the whole video fits the visible track area."""
    return min((track_area_width(view) - RIGHT_PADDING_PX) / max(frame_count, 1), MAX_PIXELS_PER_FRAME)


def clamp_pixels_per_frame(view: QGraphicsView, frame_count: int, pixels_per_frame: float) -> float:
    low = min(fit_pixels_per_frame(view, frame_count), MAX_PIXELS_PER_FRAME)
    return min(max(pixels_per_frame, low), MAX_PIXELS_PER_FRAME)


def scene_x_at(view: QGraphicsView, viewport_x: float) -> float:
    return view.mapToScene(round(viewport_x), 0).x()


def scroll_scene_x_to(view: QGraphicsView, scene_x: float, viewport_x: float) -> None:
    """Scroll so that ``scene_x`` shows at ``viewport_x`` (as far as the scroll range allows)."""
    bar = view.horizontalScrollBar()
    bar.setValue(bar.value() + round(scene_x - scene_x_at(view, viewport_x)))


def follow(view: QGraphicsView, playhead_x: float, mode: FollowMode) -> None:
    """Bring the playhead's scene x into view the way ``mode`` says."""
    left = scene_x_at(view, HEADER_WIDTH_PX)
    width = track_area_width(view)
    if mode == FollowMode.CENTRE:
        scroll_scene_x_to(view, playhead_x, HEADER_WIDTH_PX + width / 2)
    elif not left <= playhead_x < left + width - 8:
        scroll_scene_x_to(view, playhead_x, HEADER_WIDTH_PX + width * FOLLOW_PAGE_LEAD)


def anchor_x(view: QGraphicsView, playhead_x: float | None) -> float:
    """Where zooming keeps the frame put: the playhead when it is on screen, else the
    middle of the track area (viewport x)."""
    if playhead_x is not None and HEADER_WIDTH_PX <= playhead_x < view.viewport().width():
        return playhead_x
    return HEADER_WIDTH_PX + track_area_width(view) / 2


def wheel(view: QGraphicsView, event: QWheelEvent, zoom_by: Callable[[float, float], None]) -> None:
    """Ctrl+wheel zooms around the mouse (``zoom_by(factor, viewport_x)``), Alt+wheel scrolls
    the tracks, the wheel alone scrolls time."""
    delta = event.angleDelta().y() or event.angleDelta().x()
    modifiers = event.modifiers()
    if modifiers & Qt.KeyboardModifier.ControlModifier:
        zoom_by(WHEEL_ZOOM_STEP ** (delta / 120), event.position().x())
    elif modifiers & Qt.KeyboardModifier.AltModifier:
        view.verticalScrollBar().setValue(view.verticalScrollBar().value() - delta // 4)
    else:
        view.horizontalScrollBar().setValue(view.horizontalScrollBar().value() - delta)
    event.accept()

"""Zoom and scroll arithmetic: from the whole video down to single clickable frames."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

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

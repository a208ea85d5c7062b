"""Where the window's parts go, and their default sizes for the screen at hand.

Laid out as video editors and ELAN do: the video large at the top, the segment table
(tabbed with the vocabulary) beside it, the timeline across the full width at the bottom.
The video list is a dock that starts hidden (the toolbar's video box picks among a few
videos). The sizes below are used only the first time: after that the user's own
arrangement (``QMainWindow.saveState``) is restored as it was left.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRect, QSize

TIMELINE_SHARE = 0.42
"""Of the window's height, for the timeline: 9 tracks and both lanes fit from 1080 up."""
TIMELINE_MIN_PX, TIMELINE_MAX_PX = 250, 400
TABLE_MIN_SHARE, TABLE_MAX_SHARE = 0.30, 0.50
VIDEO_ASPECT = 16 / 9
CHROME_PX = 90
"""Menu bar, toolbar and status bar together, about."""
TRANSPORT_PX = 40
"""The player's transport row under the picture."""


@dataclass(frozen=True)
class DefaultLayout:
    """The first-run sizes for a window of ``window`` size."""

    window: QSize
    table_width_px: int
    timeline_height_px: int


def default_layout(available: QRect) -> DefaultLayout:
    """Fill the screen's available area; give the timeline its share of the height and
    the table what is left beside a 16:9 picture as tall as the remaining height."""
    width, height = available.width(), available.height()
    timeline = round(min(max(height * TIMELINE_SHARE, TIMELINE_MIN_PX), TIMELINE_MAX_PX))
    video_height = max(height - CHROME_PX - timeline - TRANSPORT_PX, 120)
    beside_video = width - round(video_height * VIDEO_ASPECT)
    table = round(min(max(beside_video, width * TABLE_MIN_SHARE), width * TABLE_MAX_SHARE))
    return DefaultLayout(QSize(width, height), table, timeline)

"""Where things sit on the timeline: rows, their heights, and the frame-to-x scale.

Scene x is in pixels: ``x = frame * pixels_per_frame``, with frame 0 at x = 0. Zooming
changes ``pixels_per_frame`` and re-lays the few items (one per row) instead of scaling
the view, so text and one-pixel lines stay crisp and items paint in device pixels.
Scene y starts at ``-RULER_HEIGHT_PX``: the ruler and the header column are painted over
the viewport's top and left edges, so the scene reserves room for them.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from PySide6.QtCore import QRectF

RULER_HEIGHT_PX = 26
HEADER_WIDTH_PX = 170
FILMSTRIP_HEIGHT_PX = 44
WAVEFORM_HEIGHT_PX = 40
SOUND_LANE_HEIGHT_PX = 22
LANES_HEIGHT_PX = FILMSTRIP_HEIGHT_PX + WAVEFORM_HEIGHT_PX + SOUND_LANE_HEIGHT_PX
TRACK_HEIGHT_PX = 26
CODER_LANE_HEIGHT_PX = 18
CODER_COLOURS = ("#f5f5f5", "#ffd54f", "#4fc3f7", "#f06292", "#aed581", "#ba68c8", "#ff8a65")
"""Each coder's colour on the coder lanes (outline and header mark), by place in the list."""
RIGHT_PADDING_PX = 40
MAX_PIXELS_PER_FRAME = 40.0


@dataclass
class TimelineScale:
    """The shared, mutable zoom state that every item reads when it paints."""

    frame_count: int = 0
    pixels_per_frame: float = 1.0

    def x(self, frame: float) -> float:
        return frame * self.pixels_per_frame

    def frame_at(self, x: float) -> float:
        """The (fractional) frame position at scene x."""
        return x / self.pixels_per_frame

    def edge_at(self, x: float) -> int:
        """The frame boundary nearest to scene x, clamped to the video."""
        return min(max(round(x / self.pixels_per_frame), 0), self.frame_count)

    def frame_under(self, x: float) -> int:
        """The frame whose ``[n, n+1)`` holds scene x, clamped to the video."""
        return min(max(math.floor(x / self.pixels_per_frame), 0), max(self.frame_count - 1, 0))

    @property
    def width(self) -> float:
        return self.frame_count * self.pixels_per_frame


@dataclass
class TimelineLayout:
    """The rows top to bottom: filmstrip lane, waveform lane, sound lane (loudness and
    speech from the analysis), then one track per label, each followed by one lane per
    coder in ``coders`` (View ▸ Lanes per coder; none when off)."""

    label_ids: list[int] = field(default_factory=list)
    coders: list[str] = field(default_factory=list)

    @property
    def block_height(self) -> int:
        """A label's track and its coder lanes."""
        return TRACK_HEIGHT_PX + CODER_LANE_HEIGHT_PX * len(self.coders)

    @property
    def filmstrip_top(self) -> float:
        return 0.0

    @property
    def waveform_top(self) -> float:
        return float(FILMSTRIP_HEIGHT_PX)

    @property
    def sound_top(self) -> float:
        return float(FILMSTRIP_HEIGHT_PX + WAVEFORM_HEIGHT_PX)

    @property
    def tracks_top(self) -> float:
        return float(LANES_HEIGHT_PX)

    @property
    def bottom(self) -> float:
        return self.tracks_top + self.block_height * len(self.label_ids)

    def track_top(self, label_id: int) -> float:
        return self.tracks_top + self.block_height * self.label_ids.index(label_id)

    def lane_top(self, label_id: int, coder: str) -> float:
        """The top of ``coder``'s lane under the label's track."""
        return self.track_top(label_id) + TRACK_HEIGHT_PX + CODER_LANE_HEIGHT_PX * self.coders.index(coder)

    def label_at(self, y: float) -> int | None:
        """The label whose track holds scene y, or None outside the tracks (and on the
        coder lanes)."""
        place = self._block_at(y)
        return place[0] if place is not None and place[1] < TRACK_HEIGHT_PX else None

    def lane_at(self, y: float) -> tuple[int, str] | None:
        """The (label, coder) whose coder lane holds scene y, or None."""
        place = self._block_at(y)
        if place is None or place[1] < TRACK_HEIGHT_PX:
            return None
        lane = int((place[1] - TRACK_HEIGHT_PX) // CODER_LANE_HEIGHT_PX)
        return (place[0], self.coders[lane]) if lane < len(self.coders) else None

    def _block_at(self, y: float) -> tuple[int, float] | None:
        """The label whose block (track and lanes) holds y, and y below the block's top."""
        if y < self.tracks_top:
            return None
        row, offset = divmod(y - self.tracks_top, self.block_height)
        return (self.label_ids[int(row)], offset) if 0 <= row < len(self.label_ids) else None

    def labels_between(self, y0: float, y1: float) -> list[int]:
        """Labels whose tracks overlap the scene y range (for rubber-band selection)."""
        low, high = min(y0, y1), max(y0, y1)
        return [
            label_id
            for label_id in self.label_ids
            if self.track_top(label_id) < high and self.track_top(label_id) + TRACK_HEIGHT_PX > low
        ]

    def scene_rect(self, scale: TimelineScale) -> QRectF:
        return QRectF(
            -HEADER_WIDTH_PX,
            -RULER_HEIGHT_PX,
            HEADER_WIDTH_PX + scale.width + RIGHT_PADDING_PX,
            RULER_HEIGHT_PX + self.bottom + 4,
        )

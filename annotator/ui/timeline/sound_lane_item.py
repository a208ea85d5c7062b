"""The sound lane under the waveform: what the sound analysis found.

Speech and loud non-speech stretches are tinted (green and orange) and the loudness of
each 100 ms cell is drawn over them as a filled curve, -60 dBFS at the bottom to 0 at the
top. Frame edges are mapped to seconds through the frame table, as the waveform does, so
the lane lines up with the pictures on VFR footage too. Empty until the video is analysed.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from annotator.analysis.results import SoundEvent, SoundKind
from annotator.analysis.sounds import CELL_S, SoundCells
from annotator.domain.frame_times import FrameTimes
from annotator.ui.timeline.timeline_layout import SOUND_LANE_HEIGHT_PX, TimelineScale
from annotator.ui.timeline.waveform_item import frame_edges_s

FLOOR_DB = -60.0
SPAN_COLOURS = {SoundKind.SPEECH: QColor(76, 175, 80, 150), SoundKind.LOUD: QColor(255, 152, 0, 170)}
_CURVE_ARGB = np.uint32(0xC0E0E0E0)


class SoundLaneItem(QGraphicsItem):
    """Loudness curve and speech / loud spans along the video's frames."""

    def __init__(self, scale: TimelineScale) -> None:
        super().__init__()
        self._scale = scale
        self._edges_s = np.zeros(1)
        self._loudness: np.ndarray | None = None
        self._offset_s = 0.0
        self.events: list[SoundEvent] = []
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption, True)

    def boundingRect(self) -> QRectF:
        return QRectF(0, 0, self._scale.width, SOUND_LANE_HEIGHT_PX)

    def relayout(self) -> None:
        self.prepareGeometryChange()

    def set_frame_times(self, frame_times: FrameTimes) -> None:
        self._edges_s = frame_edges_s(frame_times)
        self.update()

    def set_sound(self, cells: SoundCells | None, events: Sequence[SoundEvent]) -> None:
        """What the analysis found; ``None`` and no events empty the lane."""
        self._loudness = (
            None if cells is None or not len(cells.loudness_db) else np.asarray(cells.loudness_db)
        )
        self._offset_s = cells.offset_s if cells is not None else 0.0
        self.events = [event for event in events if event.kind in SPAN_COLOURS]
        self.update()

    @property
    def has_sound(self) -> bool:
        return self._loudness is not None or bool(self.events)

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        exposed = option.exposedRect  # type: ignore[attr-defined]
        ppf = self._scale.pixels_per_frame
        for event in self.events:
            x0, x1 = event.start_frame * ppf, event.end_frame * ppf
            if x1 >= exposed.left() and x0 <= exposed.right():
                painter.fillRect(
                    QRectF(x0, 0, max(x1 - x0, 1.0), SOUND_LANE_HEIGHT_PX), SPAN_COLOURS[event.kind]
                )
        if self._loudness is None or len(self._edges_s) < 2:
            return
        left = max(math.floor(exposed.left()), 0)
        right = min(math.ceil(exposed.right()), math.ceil(self._scale.width))
        if right > left:
            painter.drawImage(left, 0, _curve_image(self._column_loudness(np.arange(left, right) + 0.5)))

    def _column_loudness(self, centres_x: np.ndarray) -> np.ndarray:
        """The loudness (dBFS) of the cell under each pixel column's centre."""
        assert self._loudness is not None
        frames = np.clip(centres_x / self._scale.pixels_per_frame, 0, len(self._edges_s) - 1)
        whole = np.minimum(frames.astype(np.int64), len(self._edges_s) - 2)
        seconds = self._edges_s[whole] + (frames - whole) * (self._edges_s[whole + 1] - self._edges_s[whole])
        cells = np.floor((seconds - self._offset_s) / CELL_S).astype(np.int64)
        inside = (cells >= 0) & (cells < len(self._loudness))
        values = np.full(len(cells), FLOOR_DB)
        values[inside] = self._loudness[cells[inside]]
        return np.nan_to_num(values, nan=FLOOR_DB, neginf=FLOOR_DB, posinf=0.0)


def _curve_image(loudness_db: np.ndarray) -> QImage:
    """One column per value, filled from the bottom up to its loudness."""
    share = np.clip((loudness_db - FLOOR_DB) / -FLOOR_DB, 0, 1)
    tops = np.round((1 - share) * (SOUND_LANE_HEIGHT_PX - 2)) + 1
    rows = np.arange(SOUND_LANE_HEIGHT_PX, dtype=np.float64)[:, None]
    pixels = np.ascontiguousarray(np.where(rows >= tops, _CURVE_ARGB, 0), dtype=np.uint32)
    pixels[:, share <= 0] = 0
    image = QImage(pixels.data, pixels.shape[1], pixels.shape[0], QImage.Format.Format_ARGB32)
    return image.copy()

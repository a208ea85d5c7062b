"""The audio lane: min/max peaks per 10 ms, one vertical line per pixel column.

Peaks arrive later from background work; until then the lane stays empty. Frame edges
are mapped to seconds through the video's frame timestamp table (exact on VFR), then
each pixel column takes the min and max of the 10 ms bins it covers.
"""

from __future__ import annotations

import math

import numpy as np
from PySide6.QtCore import QLineF, QRectF
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from annotator.domain.frame_times import FrameTimes
from annotator.ui.timeline.timeline_layout import WAVEFORM_HEIGHT_PX, TimelineScale

PEAKS_PER_SECOND = 100


def frame_edges_s(frame_times: FrameTimes) -> np.ndarray:
    """Seconds from the first frame to each frame's start, plus the end: ``frame_count + 1``."""
    pts = np.asarray((*frame_times.pts, frame_times.end_pts), dtype=np.float64)
    return (pts - pts[0]) * float(frame_times.time_base)


class WaveformItem(QGraphicsItem):
    """Audio peaks under the video's frames."""

    def __init__(self, scale: TimelineScale) -> None:
        super().__init__()
        self._scale = scale
        self._peaks: np.ndarray | None = None
        self._edges_s = np.zeros(1)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption, True)

    def boundingRect(self) -> QRectF:
        return QRectF(0, 0, self._scale.width, WAVEFORM_HEIGHT_PX)

    def relayout(self) -> None:
        self.prepareGeometryChange()

    def set_frame_times(self, frame_times: FrameTimes) -> None:
        self._edges_s = frame_edges_s(frame_times)
        self.update()

    def set_peaks(self, peaks: np.ndarray | None) -> None:
        """``peaks``: shape (N, 2), min and max per 10 ms, in -1..1; None empties the lane."""
        self._peaks = None if peaks is None or not len(peaks) else np.asarray(peaks, dtype=np.float32)
        self.update()

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        if self._peaks is None or len(self._edges_s) < 2:
            return
        exposed = option.exposedRect  # type: ignore[attr-defined]
        columns = np.arange(math.floor(exposed.left()), math.ceil(exposed.right()) + 2, dtype=np.float64)
        lows, highs = self._column_peaks(columns)
        mid, half = WAVEFORM_HEIGHT_PX / 2, WAVEFORM_HEIGHT_PX / 2 - 2
        tops, bottoms = mid - highs * half, mid - lows * half
        painter.setPen(QPen(QColor("#5a8fd0"), 1))
        painter.drawLines(
            [
                QLineF(x, top, x, bottom + 0.5)
                for x, top, bottom in zip(columns[:-1].tolist(), tops.tolist(), bottoms.tolist(), strict=True)
            ]
        )

    def _column_peaks(self, columns: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Min and max of the bins each pixel column ``[x, x+1)`` covers."""
        assert self._peaks is not None
        frames = np.clip(columns / self._scale.pixels_per_frame, 0, len(self._edges_s) - 1)
        seconds = np.interp(frames, np.arange(len(self._edges_s)), self._edges_s)
        bins = np.clip((seconds * PEAKS_PER_SECOND).astype(np.int64), 0, len(self._peaks) - 1)
        lows = np.minimum.reduceat(self._peaks[:, 0], bins[:-1])
        highs = np.maximum.reduceat(self._peaks[:, 1], bins[:-1])
        return np.clip(lows, -1, 1), np.clip(highs, -1, 1)

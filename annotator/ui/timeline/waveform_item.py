"""The audio lane: min/max peaks per 10 ms, one vertical bar per pixel column.

Peaks arrive later from background work; until then the lane stays empty. Frame edges
are mapped to seconds through the video's frame timestamp table (exact on VFR), then
each pixel column takes the min and max of the 10 ms bins it covers, and the columns
are drawn as one numpy-built image.
"""

from __future__ import annotations

import math

import numpy as np
from PySide6.QtCore import QRectF
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from annotator.domain.frame_times import FrameTimes
from annotator.ui.timeline.timeline_layout import WAVEFORM_HEIGHT_PX, TimelineScale

PEAKS_PER_SECOND = 100
_WAVE_ARGB = np.uint32(0xFF5A8FD0)


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
        left = max(math.floor(exposed.left()), 0)
        right = min(math.ceil(exposed.right()), math.ceil(self._scale.width))
        if right > left:
            lows, highs = self._column_peaks(np.arange(left, right + 1, dtype=np.float64))
            painter.drawImage(left, 0, _columns_image(lows, highs))

    def _column_peaks(self, edges_x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Min and max of the 10 ms bins between consecutive pixel edges ``edges_x``."""
        assert self._peaks is not None
        frames = np.clip(edges_x / self._scale.pixels_per_frame, 0, len(self._edges_s) - 1)
        whole = np.minimum(frames.astype(np.int64), len(self._edges_s) - 2)
        seconds = self._edges_s[whole] + (frames - whole) * (self._edges_s[whole + 1] - self._edges_s[whole])
        bins = np.clip((seconds * PEAKS_PER_SECOND).astype(np.int64), 0, len(self._peaks) - 1)
        # reduceat's last slice runs to the array's end: the last edge is only a stop, dropped
        lows = np.minimum.reduceat(self._peaks[:, 0], bins)[:-1]
        highs = np.maximum.reduceat(self._peaks[:, 1], bins)[:-1]
        return np.clip(lows, -1, 1), np.clip(highs, -1, 1)


def _columns_image(lows: np.ndarray, highs: np.ndarray) -> QImage:
    """One pixel column per min/max pair, drawn with numpy: a ``QLineF`` per column would
    cost more in Python than this whole image."""
    mid, half = WAVEFORM_HEIGHT_PX / 2, WAVEFORM_HEIGHT_PX / 2 - 2
    tops = np.floor(mid - highs * half)
    bottoms = np.ceil(mid - lows * half)
    rows = np.arange(WAVEFORM_HEIGHT_PX, dtype=np.float64)[:, None]
    inside = (rows >= tops) & (rows <= bottoms)
    pixels = np.ascontiguousarray(np.where(inside, _WAVE_ARGB, 0), dtype=np.uint32)
    image = QImage(pixels.data, pixels.shape[1], pixels.shape[0], QImage.Format.Format_ARGB32_Premultiplied)
    return image.copy()  # own the pixels: the numpy buffer goes away with this call

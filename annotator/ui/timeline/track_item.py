"""One label's track: paints all its segments in a single item.

One item per track, not one per segment: 10,000 ``QGraphicsItem`` objects make the
scene's index and Python-side paint calls the bottleneck. The item asks its
``SegmentIndex`` for the exposed frame range only. When a track shows more segments than
can be outlined one by one, their pixel spans are merged with numpy into runs and filled
in one pass; selected segments are always drawn individually on top.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from annotator.domain.label import Label
from annotator.domain.segment import Segment
from annotator.ui.timeline.segment_index import SegmentIndex
from annotator.ui.timeline.timeline_layout import TRACK_HEIGHT_PX, TimelineScale
from annotator.ui.timeline.timeline_selection import TimelineSelection

MAX_OUTLINED_SEGMENTS = 400
MIN_NOTE_WIDTH_PX = 36
_MARGIN_PX = 3


class TrackItem(QGraphicsItem):
    """Segments of one label, painted from an interval index."""

    def __init__(self, label: Label, scale: TimelineScale, selection: TimelineSelection) -> None:
        super().__init__()
        self.label = label
        self.index = SegmentIndex()
        self._scale = scale
        self._selection = selection
        self._fill = QColor(label.colour)
        self._fill.setAlpha(210)
        self._outline = QColor(label.colour).darker(150)
        self._text = QColor("#000000") if self._fill.lightness() > 140 else QColor("#ffffff")
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption, True)

    def boundingRect(self) -> QRectF:
        return QRectF(0, 0, self._scale.width, TRACK_HEIGHT_PX)

    def relayout(self) -> None:
        """Call before the scale changes: the bounding rect follows the zoom."""
        self.prepareGeometryChange()

    def update_frames(self, start_frame: int, end_frame: int) -> None:
        """Repaint the part of the track that shows frames ``[start, end)``."""
        x0 = self._scale.x(start_frame) - 2
        self.update(QRectF(x0, 0, self._scale.x(end_frame) - x0 + 4, TRACK_HEIGHT_PX))

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        exposed = option.exposedRect  # type: ignore[attr-defined]
        ppf = self._scale.pixels_per_frame
        i0, i1 = self.index.span(exposed.left() / ppf, exposed.right() / ppf)
        starts, ends, segments = self.index.arrays()
        starts, ends = starts[i0:i1], ends[i0:i1]
        visible = ends > exposed.left() / ppf
        if i1 - i0 <= MAX_OUTLINED_SEGMENTS:
            self._paint_outlined(painter, [s for s, v in zip(segments[i0:i1], visible, strict=True) if v])
            return
        self._paint_runs(painter, starts[visible] * ppf, ends[visible] * ppf)
        chosen = [s for s in segments[i0:i1] if s.id in self._selection] if len(self._selection) else []
        self._paint_outlined(painter, chosen)

    def _segment_rect(self, segment: Segment) -> QRectF:
        x0 = self._scale.x(segment.start_frame)
        width = max(self._scale.x(segment.end_frame) - x0, 1.0)
        return QRectF(x0, _MARGIN_PX, width, TRACK_HEIGHT_PX - 2 * _MARGIN_PX)

    def _paint_outlined(self, painter: QPainter, segments: list[Segment]) -> None:
        metrics = QFontMetrics(painter.font())
        for segment in segments:
            rect = self._segment_rect(segment)
            selected = segment.id in self._selection
            painter.setPen(QPen(QColor("#ffffff") if selected else self._outline, 2 if selected else 1))
            painter.setBrush(self._fill.lighter(130) if selected else self._fill)
            painter.drawRect(rect)
            if segment.note and rect.width() >= MIN_NOTE_WIDTH_PX:
                painter.setPen(self._text)
                text_rect = rect.adjusted(4, 0, -4, 0)
                text = metrics.elidedText(segment.note, Qt.TextElideMode.ElideRight, int(text_rect.width()))
                painter.drawText(text_rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, text)

    def _paint_runs(self, painter: QPainter, x0: np.ndarray, x1: np.ndarray) -> None:
        """Fill overlapping or touching pixel spans as merged runs (x0 sorted)."""
        if not len(x0):
            return
        left = np.floor(x0).astype(np.int64)
        right = np.maximum(np.ceil(x1).astype(np.int64), left + 1)
        reach = np.maximum.accumulate(right)
        starts_run = np.ones(len(left), dtype=bool)
        starts_run[1:] = left[1:] > reach[:-1]
        first = np.flatnonzero(starts_run)
        last = np.append(first[1:] - 1, len(left) - 1)
        height = TRACK_HEIGHT_PX - 2 * _MARGIN_PX
        colour = self._fill
        for run_left, run_right in zip(left[first].tolist(), reach[last].tolist(), strict=True):
            painter.fillRect(run_left, _MARGIN_PX, run_right - run_left, height, colour)

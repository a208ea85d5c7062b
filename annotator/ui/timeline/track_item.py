"""One label's track: paints all its segments in a single item.

One item per track, not one per segment: 10,000 ``QGraphicsItem`` objects make the
scene's index and Python-side paint calls the bottleneck. The item asks its
``SegmentIndex`` for the exposed frame range only. When a track shows more segments than
can be outlined one by one, their pixel spans are merged with numpy into runs and filled
in one pass; selected segments are always drawn individually on top.

A coder lane (View ▸ Lanes per coder) is a ``TrackItem`` of one coder's segments of the
label, lower than a track, each segment outlined in the coder's colour.

Proposals (``source = proposal``) are ghosts: a dashed outline over a faint fill, drawn
after the label's real segments, so they never pass for someone's coding.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPen, QStaticText
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from annotator.domain.label import Label
from annotator.domain.segment import Segment
from annotator.ui.timeline.segment_index import SegmentIndex
from annotator.ui.timeline.timeline_layout import TRACK_HEIGHT_PX, TimelineScale
from annotator.ui.timeline.timeline_selection import TimelineSelection

MAX_OUTLINED_SEGMENTS = 400
MIN_NOTE_WIDTH_PX = 36
_MARGIN_PX = 3
_MAX_NOTE_WIDTH_PX = 1200
_NOTE_CACHE_SIZE = 5000
_SELECTED_OUTLINE = QColor("#ffffff")
GHOST_FILL_ALPHA = 45


class TrackItem(QGraphicsItem):
    """Segments of one label, painted from an interval index."""

    def __init__(
        self,
        label: Label,
        scale: TimelineScale,
        selection: TimelineSelection,
        height: int = TRACK_HEIGHT_PX,
        outline: str | None = None,
    ) -> None:
        """``height`` and ``outline`` (a coder's colour) make a coder lane."""
        super().__init__()
        self.label = label
        self.index = SegmentIndex()
        self._scale = scale
        self._selection = selection
        self._height = height
        self._fill = QColor(label.colour)
        self._outline = QColor(outline) if outline else QColor(label.colour).darker(150)
        self._outline_width = 2 if outline else 0
        self._text = QColor("#000000") if self._fill.lightness() > 140 else QColor("#ffffff")
        self._ghost_fill = QColor(label.colour)
        self._ghost_fill.setAlpha(GHOST_FILL_ALPHA)
        self._ghost_pen = QPen(QColor(label.colour).lighter(130), 1.5, Qt.PenStyle.DashLine)
        self._notes: dict[tuple[str, int], QStaticText] = {}
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption, True)

    def boundingRect(self) -> QRectF:
        return QRectF(0, 0, self._scale.width, self._height)

    def relayout(self) -> None:
        """Call before the scale changes: the bounding rect follows the zoom."""
        self.prepareGeometryChange()

    def clear_caches(self) -> None:
        """Forget laid-out notes (they are rebuilt on the next paint)."""
        self._notes.clear()

    def update_frames(self, start_frame: int, end_frame: int) -> None:
        """Repaint the part of the track that shows frames ``[start, end)``."""
        x0 = self._scale.x(start_frame) - 2
        self.update(QRectF(x0, 0, self._scale.x(end_frame) - x0 + 4, self._height))

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        exposed = option.exposedRect  # type: ignore[attr-defined]
        ppf = self._scale.pixels_per_frame
        i0, i1 = self.index.span(exposed.left() / ppf, exposed.right() / ppf)
        starts, ends, all_segments = self.index.arrays()
        ghost = self.index.proposal_mask()[i0:i1]
        segments = all_segments[i0:i1]
        x0, x1 = starts[i0:i1] * ppf, ends[i0:i1] * ppf
        real = np.flatnonzero(~ghost)
        if len(real) <= MAX_OUTLINED_SEGMENTS:
            self._paint_outlined(painter, [segments[i] for i in real], x0[real], x1[real])
        else:
            self._paint_runs(painter, x0[real], x1[real])
            chosen = [i for i in real.tolist() if segments[i].id in self._selection]
            self._paint_outlined(painter, [segments[i] for i in chosen], x0[chosen], x1[chosen])
        ghosts = np.flatnonzero(ghost)
        if len(ghosts):
            self._paint_ghosts(painter, [segments[i] for i in ghosts], x0[ghosts], x1[ghosts])

    def _paint_ghosts(
        self, painter: QPainter, segments: list[Segment], x0: np.ndarray, x1: np.ndarray
    ) -> None:
        """Proposals: a faint fill inside a dashed outline; a selected one outlined white."""
        height = self._height - 2 * _MARGIN_PX - 1
        widths = np.maximum(x1 - x0 - 1, 1.0)
        rects = [
            QRectF(x + 0.5, _MARGIN_PX + 0.5, w, height)
            for x, w in zip(x0.tolist(), widths.tolist(), strict=True)
        ]
        painter.setPen(self._ghost_pen)
        painter.setBrush(self._ghost_fill)
        painter.drawRects(rects)
        chosen = [
            rect for segment, rect in zip(segments, rects, strict=True) if segment.id in self._selection
        ]
        if chosen:
            painter.setPen(QPen(_SELECTED_OUTLINE, 2, Qt.PenStyle.DashLine))
            painter.drawRects(chosen)

    def _paint_outlined(
        self, painter: QPainter, segments: list[Segment], x0: np.ndarray, x1: np.ndarray
    ) -> None:
        """Opaque fills and outlines in one batched call, then the selection, then notes."""
        if not segments:
            return
        height = self._height - 2 * _MARGIN_PX
        widths = np.maximum(x1 - x0, 1.0)
        rects = [QRectF(x, _MARGIN_PX, w, height) for x, w in zip(x0.tolist(), widths.tolist(), strict=True)]
        painter.setPen(QPen(self._outline, self._outline_width))
        painter.setBrush(self._fill)
        painter.drawRects(rects)
        chosen = [
            rect for segment, rect in zip(segments, rects, strict=True) if segment.id in self._selection
        ]
        if chosen:
            painter.setPen(QPen(_SELECTED_OUTLINE, 2))
            painter.setBrush(self._fill.lighter(135))
            painter.drawRects(chosen)
        self._paint_notes(painter, segments, x0, np.minimum(x1, np.append(x0[1:], np.inf)))

    def _paint_notes(
        self, painter: QPainter, segments: list[Segment], x0: np.ndarray, shown_x1: np.ndarray
    ) -> None:
        """Notes where a segment's own part (up to the next segment's start) is wide enough."""
        wide = np.flatnonzero(shown_x1 - x0 >= MIN_NOTE_WIDTH_PX)
        if not len(wide) or self._height < TRACK_HEIGHT_PX:  # a coder lane has no room
            return
        painter.setPen(self._text)
        y = _MARGIN_PX + (self._height - 2 * _MARGIN_PX - QFontMetrics(painter.font()).height()) / 2
        for i in wide.tolist():
            segment = segments[i]
            if segment.note:
                text = self._static_note(painter, segment, float(shown_x1[i] - x0[i]) - 8)
                painter.drawStaticText(QPointF(float(x0[i]) + 4, y), text)

    def _static_note(self, painter: QPainter, segment: Segment, width: float) -> QStaticText:
        """The note elided to ``width``, laid out once: layout costs far more than drawing."""
        bucket = min(int(width) // 8 * 8, _MAX_NOTE_WIDTH_PX)
        key = (segment.note, bucket)
        cached = self._notes.get(key)
        if cached is None:
            if len(self._notes) > _NOTE_CACHE_SIZE:
                self._notes.clear()
            elided = QFontMetrics(painter.font()).elidedText(
                segment.note, Qt.TextElideMode.ElideRight, bucket
            )
            cached = self._notes[key] = QStaticText(elided)
        return cached

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
        height = self._height - 2 * _MARGIN_PX
        colour = self._fill
        for run_left, run_right in zip(left[first].tolist(), reach[last].tolist(), strict=True):
            painter.fillRect(run_left, _MARGIN_PX, run_right - run_left, height, colour)

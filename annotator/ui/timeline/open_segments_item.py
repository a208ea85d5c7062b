"""Segments being coded (a label key pressed, not pressed again yet) as growing bars.

Each open label gets a translucent, dashed bar on its track from where it was opened to
the playhead: exactly the frames the second press would store, ``[start, playhead)`` (at
least one frame; opened after the playhead, the other way round). It grows as the video
plays and goes when the segment is closed or dropped (Escape).
"""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from annotator.ui.timeline.timeline_layout import TRACK_HEIGHT_PX, TimelineLayout, TimelineScale

_MARGIN_PX = 2


class OpenSegmentsItem(QGraphicsItem):
    """One item for all open segments, over the tracks."""

    def __init__(self, scale: TimelineScale, layout: TimelineLayout) -> None:
        super().__init__()
        self._scale = scale
        self._layout = layout
        self._open: dict[int, tuple[int, QColor]] = {}  # label id -> (start frame, colour)
        self._playhead = 0
        self.setZValue(5)

    def set_open(self, open_segments: dict[int, tuple[int, QColor]]) -> None:
        """``{label id: (start frame, colour)}`` of the segments open now."""
        self.prepareGeometryChange()
        self._open = dict(open_segments)
        self.update()

    def set_playhead(self, frame: int) -> None:
        if frame != self._playhead:
            if self._open:
                self.prepareGeometryChange()
            self._playhead = frame
            self.update()

    def relayout(self) -> None:
        self.prepareGeometryChange()

    def bars(self) -> dict[int, tuple[int, int]]:
        """``{label id: (first frame, end frame)}``: what closing each now would store."""
        bars = {}
        for label_id, (start, _colour) in self._open.items():
            low, high = min(start, self._playhead), max(start, self._playhead)
            bars[label_id] = (low, max(high, low + 1))
        return bars

    def bar_rect(self, label_id: int) -> QRectF:
        """The scene rectangle of ``label_id``'s open bar."""
        first, end = self.bars()[label_id]
        top = self._layout.track_top(label_id) + _MARGIN_PX
        left, right = self._scale.x(first), self._scale.x(end)
        return QRectF(left, top, right - left, TRACK_HEIGHT_PX - 2 * _MARGIN_PX)

    def boundingRect(self) -> QRectF:
        rect = QRectF()
        for label_id in self.bars():
            if label_id in self._layout.label_ids:
                rect = rect.united(self.bar_rect(label_id).adjusted(-2, -2, 2, 2))
        return rect

    def paint(
        self, painter: QPainter, _option: QStyleOptionGraphicsItem, _widget: QWidget | None = None
    ) -> None:
        for label_id, (_start, colour) in self._open.items():
            if label_id not in self._layout.label_ids:
                continue
            rect = self.bar_rect(label_id)
            fill = QColor(colour)
            fill.setAlpha(110)
            painter.fillRect(rect, fill)
            painter.setPen(QPen(QColor(colour).lighter(150), 1.5, Qt.PenStyle.DashLine))
            painter.drawRect(rect)

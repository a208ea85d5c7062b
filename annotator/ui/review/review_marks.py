"""In and out marks on the timeline: the exact first and last frames under review.

One scene item over the tracks. It shades the segment's first and last frame columns and
draws a line at each edge, so at any zoom the reviewer sees which frames belong to the
segment (at frame zoom the shaded columns are the frames Home and End show).
"""

from __future__ import annotations

from typing import cast

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from annotator.ui.timeline.timeline_layout import TimelineScale
from annotator.ui.timeline.timeline_view import TimelineView

_IN_COLOUR = QColor("#2ecc71")
_OUT_COLOUR = QColor("#e67e22")
_MARGIN_PX = 4


class ReviewMarks(QGraphicsItem):
    """Marks frames ``first_frame`` and ``last_frame`` on ``timeline``."""

    def __init__(self, timeline: TimelineView) -> None:
        super().__init__()
        self._timeline = timeline
        self.first_frame: int | None = None
        self.last_frame: int | None = None
        self.setZValue(20)
        timeline.scene().addItem(self)
        timeline.zoom_changed.connect(self._on_timeline_zoom_changed)

    def set_frames(self, first_frame: int | None, last_frame: int | None) -> None:
        self.prepareGeometryChange()
        self.first_frame, self.last_frame = first_frame, last_frame
        self.update()

    def remove(self) -> None:
        self._timeline.zoom_changed.disconnect(self._on_timeline_zoom_changed)
        self._timeline.scene().removeItem(self)

    def boundingRect(self) -> QRectF:
        if self.first_frame is None or self.last_frame is None:
            return QRectF()
        scale = self._scale()
        scene = self._timeline.sceneRect()
        left = scale.x(self.first_frame) - _MARGIN_PX
        right = scale.x(self.last_frame + 1) + _MARGIN_PX
        return QRectF(left, scene.top(), right - left, scene.height())

    def paint(
        self, painter: QPainter, _option: QStyleOptionGraphicsItem, _widget: QWidget | None = None
    ) -> None:
        if self.first_frame is None or self.last_frame is None:
            return
        scale = self._scale()
        rect = self.boundingRect()
        for frame, edge, colour in (
            (self.first_frame, self.first_frame, _IN_COLOUR),
            (self.last_frame, self.last_frame + 1, _OUT_COLOUR),
        ):
            column = QRectF(scale.x(frame), rect.top(), scale.pixels_per_frame, rect.height())
            shade = QColor(colour)
            shade.setAlpha(60)
            painter.fillRect(column, shade)
            x = scale.x(edge)
            painter.setPen(QPen(colour, 2))
            painter.drawLine(QPointF(x, rect.top()), QPointF(x, rect.bottom()))

    def _scale(self) -> TimelineScale:
        # TimelineView's ``scale`` attribute shadows QGraphicsView.scale() for type checkers.
        return cast(TimelineScale, self._timeline.scale)

    def _on_timeline_zoom_changed(self, _pixels_per_frame: float) -> None:
        self.prepareGeometryChange()

"""The filmstrip lane: thumbnails tiled edge to edge, each showing the frame at its left edge.

Thumbnails arrive later from background work; until then the lane stays empty. Each is
scaled once to the lane's height and kept as a pixmap. Tiles sit at fixed slots so a
partial repaint draws the same picture as a full one.
"""

from __future__ import annotations

import bisect

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QImage, QPainter, QPixmap
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from annotator.ui.timeline.timeline_layout import FILMSTRIP_HEIGHT_PX, TimelineScale

_PAD_PX = 2


class FilmstripItem(QGraphicsItem):
    """Thumbnails of the video along the frame axis."""

    def __init__(self, scale: TimelineScale) -> None:
        super().__init__()
        self._scale = scale
        self._frames: list[int] = []
        self._pixmaps: list[QPixmap] = []
        self._slot_px = 1
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption, True)

    def boundingRect(self) -> QRectF:
        return QRectF(0, 0, self._scale.width, FILMSTRIP_HEIGHT_PX)

    def relayout(self) -> None:
        self.prepareGeometryChange()

    def set_thumbnails(self, thumbnails: list[tuple[int, QImage]]) -> None:
        """``(frame, image)`` pairs in any order; an empty list empties the lane."""
        height = FILMSTRIP_HEIGHT_PX - 2 * _PAD_PX
        ordered = sorted(thumbnails, key=lambda pair: pair[0])
        self._frames = [frame for frame, _ in ordered]
        self._pixmaps = [
            QPixmap.fromImage(image.scaledToHeight(height, Qt.TransformationMode.SmoothTransformation))
            for _, image in ordered
        ]
        self._slot_px = max((pixmap.width() for pixmap in self._pixmaps), default=0) + 1
        self.update()

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        if not self._frames:
            return
        exposed = option.exposedRect  # type: ignore[attr-defined]
        slot_px = self._slot_px
        first_slot = max(int(exposed.left() // slot_px), 0)
        last_slot = int(min(exposed.right(), self._scale.width) // slot_px)
        for slot in range(first_slot, last_slot + 1):
            x = slot * slot_px
            pixmap = self._pixmaps[self._nearest(self._scale.frame_at(x))]
            shown = QRectF(
                0, 0, min(pixmap.width(), self._scale.width - x), pixmap.height()
            )  # stop at the end
            painter.drawPixmap(QPointF(x, _PAD_PX), pixmap, shown)

    def _nearest(self, frame: float) -> int:
        """Index of the thumbnail at or just before ``frame`` (the first if none is)."""
        return max(bisect.bisect_right(self._frames, frame) - 1, 0)

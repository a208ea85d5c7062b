"""Shot boundaries over the filmstrip: a line where each new shot begins, and a band over
each gradual transition (a dissolve or fade, from its first frame to its end).

The ruler shows the same boundaries (``TimelineOverlay``); both read ``ShotMarks``.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass, field

from PySide6.QtCore import QLineF, QRectF
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from annotator.analysis.results import ShotBoundary, ShotKind
from annotator.ui.timeline.timeline_layout import FILMSTRIP_HEIGHT_PX, TimelineScale

SHOT_COLOUR = QColor("#ffd400")
_BAND = QColor(255, 212, 0, 70)


@dataclass
class ShotMarks:
    """The boundaries of the video on the timeline, sorted by frame."""

    boundaries: list[ShotBoundary] = field(default_factory=list)
    frames: list[int] = field(default_factory=list)

    def set(self, boundaries: Sequence[ShotBoundary]) -> None:
        self.boundaries = sorted(boundaries, key=lambda b: b.frame)
        self.frames = [b.frame for b in self.boundaries]

    def between(self, first_frame: float, last_frame: float) -> list[ShotBoundary]:
        """Boundaries whose transition reaches into ``[first_frame, last_frame]``."""
        widest = max((b.end_frame - b.start_frame for b in self.boundaries), default=0)
        i0 = bisect.bisect_left(self.frames, first_frame - widest)
        i1 = bisect.bisect_right(self.frames, last_frame + widest)
        return self.boundaries[i0:i1]

    def nearest(self, frame: float) -> int | None:
        """The boundary frame nearest ``frame``."""
        index = bisect.bisect_left(self.frames, frame)
        near = self.frames[max(index - 1, 0) : index + 1]
        return min(near, key=lambda b: abs(b - frame)) if near else None


class ShotMarksItem(QGraphicsItem):
    """Draws ``ShotMarks`` over the filmstrip lane."""

    def __init__(self, scale: TimelineScale, marks: ShotMarks) -> None:
        super().__init__()
        self._scale = scale
        self._marks = marks
        self.setZValue(1)  # over the thumbnails
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemUsesExtendedStyleOption, True)

    def boundingRect(self) -> QRectF:
        return QRectF(-2, 0, self._scale.width + 4, FILMSTRIP_HEIGHT_PX)

    def relayout(self) -> None:
        self.prepareGeometryChange()

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        exposed = option.exposedRect  # type: ignore[attr-defined]
        ppf = self._scale.pixels_per_frame
        shown = self._marks.between(exposed.left() / ppf, exposed.right() / ppf)
        for boundary in shown:
            if boundary.kind == ShotKind.GRADUAL:
                x0, x1 = boundary.start_frame * ppf, boundary.end_frame * ppf
                painter.fillRect(QRectF(x0, 0, max(x1 - x0, 1.0), FILMSTRIP_HEIGHT_PX), _BAND)
        painter.setPen(QPen(SHOT_COLOUR, 2))
        painter.drawLines([QLineF(b.frame * ppf, 0, b.frame * ppf, FILMSTRIP_HEIGHT_PX) for b in shown])

"""A widget that paints the latest frame letterboxed, keeping its aspect ratio.

Painting is a single scaled ``drawImage`` into the target rectangle (measured at 0.6-1.8 ms
a frame in DESIGN.md), so it keeps up with playback; the widget holds no player state.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

NOTHING_LOADED = "No video"


def letterbox(image_size: QSize, area: QRect) -> QRect:
    """The largest rectangle of ``image_size``'s aspect ratio centred in ``area``."""
    if image_size.isEmpty() or area.isEmpty():
        return QRect()
    scaled = image_size.scaled(area.size(), Qt.AspectRatioMode.KeepAspectRatio)
    left = area.x() + (area.width() - scaled.width()) // 2
    top = area.y() + (area.height() - scaled.height()) // 2
    return QRect(left, top, scaled.width(), scaled.height())


class VideoView(QWidget):
    """Shows a ``QImage`` on black, or a line of text when there is nothing to show."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._image = QImage()
        self._message = NOTHING_LOADED
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(160, 90)

    @property
    def image(self) -> QImage:
        return self._image

    @property
    def message(self) -> str:
        """The text shown instead of a picture ("" while a picture is shown)."""
        return self._message

    def set_image(self, image: QImage) -> None:
        """Show ``image`` from now on."""
        self._image = image
        self._message = ""
        self.update()

    def set_message(self, text: str) -> None:
        """Show ``text`` (nothing loaded, an error) instead of a picture."""
        self._image = QImage()
        self._message = text
        self.update()

    def image_rect(self) -> QRect:
        """Where the picture is painted, in widget coordinates."""
        return letterbox(self._image.size(), self.rect())

    def sizeHint(self) -> QSize:
        return QSize(640, 360)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(event.rect(), QColor(Qt.GlobalColor.black))
        if self._image.isNull():
            painter.setPen(QColor(Qt.GlobalColor.lightGray))
            painter.drawText(
                self.rect(), Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self._message
            )
        else:
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, self._smooth())
            painter.drawImage(self.image_rect(), self._image)
        painter.end()

    def _smooth(self) -> bool:
        """Smooth scaling only when shrinking a lot; nearest is cheaper and exact at 1:1."""
        return self.image_rect().width() < self._image.width() // 2

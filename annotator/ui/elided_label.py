"""One-line labels that elide what does not fit, for the status bar and the player's row.

A plain ``QLabel`` asks for its text's whole width: a long message would widen the window
or push its neighbours away, and with word wrap it grows a line. These ask for nothing,
draw ``…`` where the text is cut, and show the whole text on hover.
"""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget


class ElidedLabel(QLabel):
    """A single line, elided at the right; its tooltip is the whole text."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.setText(text)

    def setText(self, text: str) -> None:
        one_line = " · ".join(part.strip() for part in text.splitlines() if part.strip())
        super().setText(one_line)
        self.setToolTip(one_line if one_line else "")

    def shown_text(self) -> str:
        """The text as drawn: elided to the label's width."""
        width = self.contentsRect().width()
        return self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideRight, width)

    def sizeHint(self) -> QSize:
        return QSize(min(super().sizeHint().width(), 400), self.fontMetrics().height() + 4)

    def minimumSizeHint(self) -> QSize:
        return QSize(20, self.fontMetrics().height() + 4)

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setPen(self.palette().color(self.foregroundRole()))
        align = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        painter.drawText(self.contentsRect(), int(align), self.shown_text())


class StatusLine(ElidedLabel):
    """The status bar's message line: ``show_message(text, ms)`` for that long, elided."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("", parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(lambda: self.setText(""))

    def show_message(self, text: str, timeout_ms: int = 0) -> None:
        self.setText(text)
        if timeout_ms > 0:
            self._timer.start(timeout_ms)
        else:
            self._timer.stop()

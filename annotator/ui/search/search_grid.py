"""The grid of search results: each segment's middle frame with its label, video,
timecodes and note under it. Double-click or Enter asks for the result to be played."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QImage, QKeyEvent, QPainter, QPalette
from PySide6.QtWidgets import QListView, QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from annotator.ui.search.search_results_model import COLOUR_ROLE, LINES_ROLE, SEGMENT_ID_ROLE

PICTURE_WIDTH, PICTURE_HEIGHT = 192, 108
TEXT_LINES = 4
PADDING = 6
_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
Index = QModelIndex | QPersistentModelIndex


class ResultDelegate(QStyledItemDelegate):
    """Draws one result: its picture (letterboxed, or "…" until made) and four lines."""

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        line = option.fontMetrics.lineSpacing()
        return QSize(PICTURE_WIDTH + 2 * PADDING, PICTURE_HEIGHT + TEXT_LINES * line + 3 * PADDING)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        rect: QRect = option.rect
        palette: QPalette = option.palette
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        painter.save()
        if selected:
            painter.fillRect(rect.adjusted(1, 1, -1, -1), palette.highlight())
        picture = QRect(rect.x() + PADDING, rect.y() + PADDING, PICTURE_WIDTH, PICTURE_HEIGHT)
        painter.fillRect(picture, QColor("#202020"))
        image = index.data(Qt.ItemDataRole.DecorationRole)
        if isinstance(image, QImage) and not image.isNull():
            scaled = image.size().scaled(picture.size(), Qt.AspectRatioMode.KeepAspectRatio)
            target = QRect(0, 0, scaled.width(), scaled.height())
            target.moveCenter(picture.center())
            painter.drawImage(target, image)
        else:
            painter.setPen(QColor("#909090"))
            painter.drawText(picture, Qt.AlignmentFlag.AlignCenter, "…")
        lines = index.data(LINES_ROLE) or []
        metrics = option.fontMetrics
        text_colour = palette.highlightedText() if selected else palette.text()
        y = picture.bottom() + PADDING
        for number, text in enumerate(lines):
            font = QFont(option.font)
            font.setBold(number == 0)
            font.setItalic(number == 3)
            painter.setFont(font)
            painter.setPen(text_colour.color())
            indent = 0
            if number == 0:  # the label's colour before its name
                side = metrics.height() - 4
                swatch = QRect(picture.x(), y + (metrics.lineSpacing() - side) // 2, side, side)
                painter.fillRect(swatch, QColor(str(index.data(COLOUR_ROLE))))
                indent = side + 4
            line_rect = QRect(picture.x() + indent, y, PICTURE_WIDTH - indent, metrics.lineSpacing())
            shown = metrics.elidedText(str(text), Qt.TextElideMode.ElideRight, PICTURE_WIDTH - indent)
            painter.drawText(line_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, shown)
            y += metrics.lineSpacing()
        painter.restore()


class SearchGrid(QListView):
    """Results left to right, wrapping; keeps Return and Enter (the window's shortcuts
    would take them) to play the current result."""

    play_requested = Signal(str)  # segment id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setFlow(QListView.Flow.LeftToRight)
        self.setWrapping(True)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setMovement(QListView.Movement.Static)
        self.setUniformItemSizes(True)
        self.setSpacing(4)
        self.setSelectionMode(QListView.SelectionMode.ExtendedSelection)
        self.setItemDelegate(ResultDelegate(self))
        self.doubleClicked.connect(self._on_double_clicked)

    def event(self, event: QEvent) -> bool:
        overriding = event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent)
        if overriding and event.key() in _ENTER:  # type: ignore[attr-defined]
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in _ENTER and self.currentIndex().isValid():
            self.play_requested.emit(str(self.currentIndex().data(SEGMENT_ID_ROLE)))
            return
        super().keyPressEvent(event)

    def _on_double_clicked(self, index: QModelIndex) -> None:
        self.play_requested.emit(str(index.data(SEGMENT_ID_ROLE)))

    def show_segment(self, segment_id: str) -> None:
        """Make the result of ``segment_id`` current and bring it into view (Play all)."""
        model = self.model()
        for row in range(model.rowCount()):
            index = model.index(row, 0)
            if index.data(SEGMENT_ID_ROLE) == segment_id:
                self.setCurrentIndex(index)
                self.scrollTo(index)
                return

    def selected_segment_ids(self) -> list[str]:
        return [str(index.data(SEGMENT_ID_ROLE)) for index in self.selectionModel().selectedIndexes()]

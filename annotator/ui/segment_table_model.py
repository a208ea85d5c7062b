"""The segment table: translates document signals into Qt model changes, nothing more."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor, QFont

from annotator.domain.frame_times import FrameTimes
from annotator.domain.segment import Review, Segment, review_status
from annotator.domain.timecode import format_smpte
from annotator.editing.annotation_document import AnnotationDocument
from annotator.editing.proposal_rules import is_proposal, proposal_text

COLUMNS = ("Label", "Start", "End", "Secs", "Annotator", "Note", "Status")
LABEL, START, END, DURATION, ANNOTATOR, NOTE, STATUS = range(len(COLUMNS))
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
SEGMENT_ID_ROLE = Qt.ItemDataRole.UserRole + 2
Index = QModelIndex | QPersistentModelIndex


class SegmentTableModel(QAbstractTableModel):
    """Segments of the current video, one row each, in document order."""

    def __init__(self, document: AnnotationDocument, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._document = document
        self._video_id: int | None = None
        self._fps = Fraction(25)
        self._times: FrameTimes | None = None
        self._rows: list[Segment] = []
        self._status: dict[str, Review] = {}
        document.segment_added.connect(self._on_document_segment_added)
        document.segment_changed.connect(self._on_document_segment_changed)
        document.segment_removed.connect(self._on_document_segment_removed)
        document.labels_changed.connect(self._on_document_labels_changed)
        document.review_added.connect(self._on_document_review_changed)
        document.review_removed.connect(self._on_document_review_changed)
        document.reset.connect(self._on_document_reset)

    def set_video(self, video_id: int | None, fps: Fraction, times: FrameTimes | None) -> None:
        self.beginResetModel()
        self._video_id, self._fps, self._times = video_id, fps, times
        self._rows = self._document.segments(video_id) if video_id is not None else []
        self._status = self._document.store.latest_reviews(video_id) if video_id is not None else {}
        self.endResetModel()

    def segment_at(self, row: int) -> Segment:
        return self._rows[row]

    def row_of(self, segment_id: str) -> int:
        return next((row for row, s in enumerate(self._rows) if s.id == segment_id), -1)

    # -- Qt model API -----------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section] if 0 <= section < len(COLUMNS) else None
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return flags | Qt.ItemFlag.ItemIsEditable if index.column() == NOTE else flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        segment = self._rows[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self._display(segment, column)
        if role == SORT_ROLE:
            return self._sort_key(segment, column)
        if role == SEGMENT_ID_ROLE:
            return segment.id
        if role == Qt.ItemDataRole.DecorationRole and column == LABEL:
            return QColor(self._document.label(segment.label_id).colour)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(segment, column)
        if role == Qt.ItemDataRole.FontRole and is_proposal(segment):
            font = QFont()  # italic: a proposal is nobody's coding until accepted
            font.setItalic(True)
            return font
        return None

    def _tooltip(self, segment: Segment, column: int) -> str | None:
        """Start and end as frame numbers; the whole note (its column is often narrow)."""
        if column in (START, END):
            return f"frame {segment.start_frame if column == START else segment.end_frame}"
        if column == NOTE:
            return segment.note or None
        if column == LABEL:
            name = self._document.label(segment.label_id).name
            return proposal_text(segment, name) if is_proposal(segment) else name
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or index.column() != NOTE or role != Qt.ItemDataRole.EditRole:
            return False
        self._document.set_note(self._rows[index.row()].id, str(value))
        return True

    def _display(self, segment: Segment, column: int) -> Any:
        if column == LABEL:
            return self._document.label(segment.label_id).name
        if column in (START, END):
            return format_smpte(segment.start_frame if column == START else segment.end_frame, self._fps)
        if column == DURATION:
            return f"{float(self._duration_s(segment)):.3f}"
        if column == ANNOTATOR:
            return "(proposal)" if is_proposal(segment) else segment.annotator
        if column == NOTE:
            return segment.note
        return self.status_of(segment.id).replace("_", " ")

    def _sort_key(self, segment: Segment, column: int) -> Any:
        if column == START:
            return segment.start_frame
        if column == END:
            return segment.end_frame
        if column == DURATION:
            return float(self._duration_s(segment))
        return str(self._display(segment, column)).casefold()

    def _duration_s(self, segment: Segment) -> Fraction:
        if self._times is None:
            return Fraction(segment.frame_count) / self._fps
        return self._times.seconds(segment.end_frame) - self._times.seconds(segment.start_frame)

    def status_of(self, segment_id: str) -> str:
        return review_status(self._status.get(segment_id))

    # -- document signals ------------------------------------------------------------------
    def _on_document_segment_added(self, segment: Segment) -> None:
        if segment.video_id != self._video_id or self.row_of(segment.id) >= 0:
            return
        row = len(self._rows)
        self.beginInsertRows(QModelIndex(), row, row)
        self._rows.append(segment)
        self.endInsertRows()

    def _on_document_segment_changed(self, _old: Segment, new: Segment) -> None:
        row = self.row_of(new.id)
        if row < 0:
            return
        self._rows[row] = new
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))

    def _on_document_segment_removed(self, segment: Segment) -> None:
        row = self.row_of(segment.id)
        if row < 0:
            return
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._rows[row]
        self.endRemoveRows()

    def _on_document_labels_changed(self) -> None:
        if self._rows:
            self.dataChanged.emit(self.index(0, LABEL), self.index(len(self._rows) - 1, LABEL))

    def _on_document_reset(self) -> None:
        """Many rows changed at once (an import, its undo): read the video's rows again."""
        self.set_video(self._video_id, self._fps, self._times)

    def _on_document_review_changed(self, review: Review) -> None:
        if self._video_id is None:
            return
        self._status = self._document.store.latest_reviews(self._video_id)
        row = self.row_of(review.segment_id)
        if row >= 0:
            self.dataChanged.emit(self.index(row, STATUS), self.index(row, STATUS))


class SegmentFilterModel(QSortFilterProxyModel):
    """Sorts by real values (frames, not timecode text); filters by label and text."""

    def __init__(self, source: SegmentTableModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setSourceModel(source)
        self.setSortRole(SORT_ROLE)
        self._label_name = ""
        self._text = ""

    def set_label_filter(self, label_name: str) -> None:
        self.beginFilterChange()
        self._label_name = label_name.casefold()
        self.endFilterChange()

    def set_text_filter(self, text: str) -> None:
        self.beginFilterChange()
        self._text = text.casefold().strip()
        self.endFilterChange()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        if self._label_name:
            label = str(model.data(model.index(source_row, LABEL, source_parent))).casefold()
            if label != self._label_name:
                return False
        if not self._text:
            return True
        cells = (model.data(model.index(source_row, c, source_parent)) for c in range(len(COLUMNS)))
        return any(self._text in str(cell).casefold() for cell in cells)

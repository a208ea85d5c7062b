"""The segment table with its filter bar (label and text)."""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from annotator.editing.annotation_document import AnnotationDocument
from annotator.ui.note_delegate import KeyKeepingLineEdit, NoteDelegate
from annotator.ui.segment_table_model import (
    LABEL,
    NOTE,
    SEGMENT_ID_ROLE,
    START,
    SegmentFilterModel,
    SegmentTableModel,
)

ALL_LABELS = "All labels"
_COLUMN_SAMPLES = (
    "vehicle showcase",
    "00:00:00:00",
    "00:00:00:00",
    "100.000",
    "annotator",
    "",
    "unreviewed",
)
"""What each column is sized for (the note column stretches)."""


class SegmentTableWidget(QWidget):
    """Sortable, filterable segments; double-click seeks; notes edit in place."""

    segment_activated = Signal(str)  # segment id
    selection_changed = Signal(list)  # segment ids

    def __init__(self, document: AnnotationDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._document = document
        self.model = SegmentTableModel(document, self)
        self.proxy = SegmentFilterModel(self.model, self)
        self.label_filter = QComboBox()
        self.text_filter = KeyKeepingLineEdit()
        self.text_filter.setPlaceholderText("Filter text…")
        self.text_filter.setClearButtonEnabled(True)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(START, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.EditKeyPressed | QAbstractItemView.EditTrigger.SelectedClicked
        )
        self.table.setItemDelegateForColumn(NOTE, NoteDelegate(self.table))
        self._size_columns()
        self.table.doubleClicked.connect(self._on_table_double_clicked)
        self.table.selectionModel().selectionChanged.connect(self._on_selection_changed)
        self.label_filter.currentTextChanged.connect(self._on_label_filter_changed)
        self.text_filter.textChanged.connect(self.proxy.set_text_filter)
        document.labels_changed.connect(self._fill_label_filter)
        document.reset.connect(self._fill_label_filter)
        bar = QHBoxLayout()
        bar.addWidget(self.label_filter)
        bar.addWidget(self.text_filter, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addLayout(bar)
        layout.addWidget(self.table)
        self._fill_label_filter()
        self._syncing = False

    def _size_columns(self) -> None:
        """One line per row; every column as wide as its usual content, the note column
        takes the rest (its whole text shows on hover) and keeps the status in view."""
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        metrics = self.table.fontMetrics()
        rows = self.table.verticalHeader()
        rows.setVisible(False)
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(metrics.height() + 8)
        header = self.table.horizontalHeader()
        header.setMinimumSectionSize(40)
        for column, sample in enumerate(_COLUMN_SAMPLES):
            swatch = 22 if column == LABEL else 0
            header.resizeSection(column, metrics.horizontalAdvance(sample) + 16 + swatch)
        header.setSectionResizeMode(NOTE, QHeaderView.ResizeMode.Stretch)

    def _fill_label_filter(self) -> None:
        current = self.label_filter.currentText()
        self.label_filter.blockSignals(True)
        self.label_filter.clear()
        self.label_filter.addItem(ALL_LABELS)
        self.label_filter.addItems([label.name for label in self._document.labels(include_archived=True)])
        index = self.label_filter.findText(current)
        self.label_filter.setCurrentIndex(max(index, 0))
        self.label_filter.blockSignals(False)

    def show_label(self, name: str) -> None:
        """Filter to the label ``name`` (as choosing it in the label box does)."""
        index = self.label_filter.findText(name)
        if index >= 0:
            self.label_filter.setCurrentIndex(index)

    def _on_label_filter_changed(self, text: str) -> None:
        self.proxy.set_label_filter("" if text == ALL_LABELS else text)

    def _on_table_double_clicked(self, index: QModelIndex) -> None:
        if index.column() != NOTE:  # the note column edits instead
            self.segment_activated.emit(str(index.data(SEGMENT_ID_ROLE)))

    def selected_segment_ids(self) -> list[str]:
        rows = self.table.selectionModel().selectedRows()
        return [str(index.data(SEGMENT_ID_ROLE)) for index in rows]

    def select_segments(self, segment_ids: list[str]) -> None:
        """Mirror a selection made elsewhere (the timeline) without echoing it back."""
        selection = QItemSelection()
        for segment_id in segment_ids:
            row = self.model.row_of(segment_id)
            if row >= 0:
                index = self.proxy.mapFromSource(self.model.index(row, 0))
                selection.select(index, index)
        self._syncing = True
        flags = QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        self.table.selectionModel().select(selection, flags)
        if not selection.isEmpty():
            self.table.scrollTo(selection.indexes()[0])
        self._syncing = False

    def _on_selection_changed(self, *_args: object) -> None:
        if not self._syncing:
            self.selection_changed.emit(self.selected_segment_ids())

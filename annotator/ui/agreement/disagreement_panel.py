"""The disagreements dock: two coders, a tolerance, the list, and what to do with one.

It shows and forwards only: ``DisagreementKeys`` fills it (``set_coders``,
``set_disagreements``) and acts on its signals. A row is one place where coder A and
coder B differ: a segment only one of them coded, or a matched pair whose edges differ by
more than the tolerance. Moving to a row (arrows, a click) or activating it (Return,
double-click) asks to jump there; the buttons resolve the current one or queue all of them
for review mode.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from fractions import Fraction

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDoubleSpinBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from annotator.analysis.disagreements import Disagreement, DisagreementKind
from annotator.domain.timecode import format_smpte
from annotator.editing.disagreement_resolution import Resolution

COLUMNS = ("Start", "Label", "What", "Frames")
DEFAULT_TOLERANCE_FRAMES = 2


def describe(disagreement: Disagreement, coders: tuple[str, str]) -> str:
    """What differs: "only ana", or "start +4, end -2 (ben against ana)"."""
    if disagreement.kind == DisagreementKind.ONLY_A:
        return f"only {coders[0]}"
    if disagreement.kind == DisagreementKind.ONLY_B:
        return f"only {coders[1]}"
    start, end = disagreement.start_diff, disagreement.end_diff
    return f"start {start:+d}, end {end:+d} ({coders[1]} against {coders[0]})"


def frames_text(disagreement: Disagreement) -> str:
    """Each side's frames, ``[start, end)``: "10-40 | 14-42", "— | 200-220"."""
    sides = [f"{s.start_frame}-{s.end_frame}" if s else "—" for s in (disagreement.a, disagreement.b)]
    return " | ".join(sides)


class DisagreementModel(QAbstractTableModel):
    """The rows' texts; set whole (``set_rows``), so 10,000 disagreements cost one reset."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[tuple[str, ...]] = []

    def set_rows(self, rows: list[tuple[str, ...]]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if role == Qt.ItemDataRole.DisplayRole and index.isValid():
            return self.rows[index.row()][index.column()]
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return COLUMNS[section]
        return None


class DisagreementPanel(QWidget):
    """Coders, tolerance and IoU on top, the list, then the resolution buttons."""

    choice_changed = Signal()  # coders, tolerance or IoU changed: list again
    row_chosen = Signal(int)  # the user moved to a row: jump there
    row_activated = Signal(int)  # Return or double-click: jump there (again)
    resolve_requested = Signal(object)  # Resolution (adjust asks for bounds first)
    review_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.coder_a = QComboBox()
        self.coder_b = QComboBox()
        self.tolerance = QSpinBox()
        self.tolerance.setRange(0, 100_000)
        self.tolerance.setValue(DEFAULT_TOLERANCE_FRAMES)
        self.tolerance.setSuffix(" frames")
        self.tolerance.setToolTip("Matched segments are listed when a start or end differs by more")
        self.iou = QDoubleSpinBox()
        self.iou.setRange(0.05, 1.0)
        self.iou.setSingleStep(0.05)
        self.iou.setValue(0.5)
        self.count = QLabel()
        self.model = DisagreementModel()
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.keep_a = QPushButton("Keep A's")
        self.keep_b = QPushButton("Keep B's")
        self.adjust = QPushButton("Adjust…")
        self.review = QPushButton("Review these")
        self._filling = False
        self._build_layout()
        self._connect()

    def _build_layout(self) -> None:
        choices = QGridLayout()
        named = (("Coder A", self.coder_a), ("Coder B", self.coder_b), ("Tolerance", self.tolerance))
        for row, (name, widget) in enumerate((*named, ("IoU at least", self.iou))):
            choices.addWidget(QLabel(name), row // 2, (row % 2) * 2)
            choices.addWidget(widget, row // 2, (row % 2) * 2 + 1)
        choices.setColumnStretch(1, 1)
        choices.setColumnStretch(3, 1)
        buttons = QHBoxLayout()
        for button in (self.keep_a, self.keep_b, self.adjust, self.review):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(choices)
        layout.addWidget(self.count)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)

    def _connect(self) -> None:
        for combo in (self.coder_a, self.coder_b):
            combo.currentIndexChanged.connect(self._on_choice_changed)
        self.tolerance.valueChanged.connect(self._on_choice_changed)
        self.iou.valueChanged.connect(self._on_choice_changed)
        self.table.selectionModel().currentRowChanged.connect(self._on_table_current_row_changed)
        self.table.activated.connect(lambda index: self.row_activated.emit(index.row()))
        self.table.doubleClicked.connect(lambda index: self.row_activated.emit(index.row()))
        self.keep_a.clicked.connect(lambda: self.resolve_requested.emit(Resolution.KEEP_A))
        self.keep_b.clicked.connect(lambda: self.resolve_requested.emit(Resolution.KEEP_B))
        self.adjust.clicked.connect(lambda: self.resolve_requested.emit(Resolution.ADJUST))
        self.review.clicked.connect(self.review_requested)

    # -- the choices ----------------------------------------------------------------------------
    def set_coders(self, coders: Sequence[str], chosen: tuple[str, str] | None = None) -> None:
        """The video's coders; A and B as ``chosen``, else as they were, else the first two."""
        wanted = chosen or self.coders()
        self._filling = True
        for combo, default in ((self.coder_a, 0), (self.coder_b, 1)):
            name = wanted[default] if wanted else None
            combo.clear()
            combo.addItems(list(coders))
            index = combo.findText(name) if name else -1
            combo.setCurrentIndex(index if index >= 0 else min(default, len(coders) - 1))
        self._filling = False

    def coders(self) -> tuple[str, str] | None:
        a, b = self.coder_a.currentText(), self.coder_b.currentText()
        return (a, b) if a and b and a != b else None

    def set_iou(self, iou: Fraction) -> None:
        self.iou.setValue(float(iou))

    def min_iou(self) -> Fraction:
        return Fraction(round(self.iou.value() * 100), 100)

    def _on_choice_changed(self) -> None:
        if not self._filling:
            self.choice_changed.emit()

    # -- the list -------------------------------------------------------------------------------
    def set_disagreements(
        self,
        disagreements: Sequence[Disagreement],
        label_names: Mapping[int, str],
        fps: Fraction,
        current: int | None,
        note: str = "",
    ) -> None:
        """Fill the list; ``current`` is the row to make current (without asking to jump)."""
        coders = self.coders() or ("A", "B")
        self._filling = True
        self.model.set_rows(
            [
                (
                    format_smpte(found.start_frame, fps),
                    label_names.get(found.label_id, "?"),
                    describe(found, coders),
                    frames_text(found),
                )
                for found in disagreements
            ]
        )
        self.table.resizeColumnsToContents()  # measures the first 1,000 rows at most
        if current is not None and disagreements:
            self.set_current_row(min(current, len(disagreements) - 1))
        self._filling = False
        count = len(disagreements)
        self.count.setText(note or f"{count} disagreement{'' if count == 1 else 's'}")
        for button in (self.keep_a, self.keep_b, self.adjust, self.review):
            button.setEnabled(count > 0)

    def current_row(self) -> int | None:
        index = self.table.currentIndex()
        return index.row() if index.isValid() else None

    def set_current_row(self, row: int) -> None:
        """Make ``row`` current as the user would (it asks to jump there)."""
        self.table.setCurrentIndex(self.model.index(row, 0))

    def clear_current(self) -> None:
        """No row current (D then goes to the first one after the playhead)."""
        self.table.selectionModel().clear()

    def row_texts(self) -> list[tuple[str, ...]]:
        """Every row's cells, as shown."""
        return list(self.model.rows)

    def _on_table_current_row_changed(self, current: QModelIndex, previous: QModelIndex) -> None:
        if not self._filling and current.isValid() and current.row() != previous.row():
            self.row_chosen.emit(current.row())

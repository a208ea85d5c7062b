"""Analyze ▸ Agreement…: the coders compared on the current video, figure by figure.

The dialog only asks and shows: which coders (two or more, the video's annotators), which
labels (all checked: every label the coders used) and the IoU threshold; ``requested``
carries the choice to its owner (``AgreementKeys``), which computes in the background and
hands back a ``VideoAgreement`` (``show_figures``) or an error (``show_error``). An
undefined figure is shown as "—", its reason in the cell's tooltip and in the notes below
the table. "List disagreements" asks for the first two checked coders' disagreements.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from fractions import Fraction

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from annotator.analysis.agreement_figures import FIELDS, LabelAgreement
from annotator.project.agreement import VideoAgreement

UNDEFINED = "—"
COLUMNS = (
    "Label",
    "Kappa",
    "Alpha",
    "Precision",
    "Recall",
    "F1",
    "Matched",
    "Start Δ med",
    "Start Δ p90",
    "End Δ med",
    "End Δ p90",
)
COLUMN_TIPS = {
    "Kappa": "Cohen's kappa over the frames (two coders)",
    "Alpha": "Krippendorff's alpha, nominal, over the frames",
    "Precision": "matched / the other coder's segments (mean over ordered pairs with more coders)",
    "Recall": "matched / the reference coder's segments",
    "Matched": "segment pairs matched one to one, highest IoU first",
    "Start Δ med": "median |start difference| of the matched pairs, in frames",
    "Start Δ p90": "90th percentile of |start difference|, in frames",
    "End Δ med": "median |end difference| of the matched pairs, in frames",
    "End Δ p90": "90th percentile of |end difference|, in frames",
}
ALL_LABELS = "All labels"


def figure_text(value: float | int | None) -> str:
    """3 decimals, whole counts as they are, "—" for an undefined figure."""
    if value is None:
        return UNDEFINED
    return str(value) if isinstance(value, int) else f"{value:.3f}"


class AgreementDialog(QDialog):
    """Choices on the left, the figures on the right; not modal, so the window stays usable."""

    requested = Signal(object, object, object)  # coders (tuple), labels (tuple; () = all used), IoU
    disagreements_requested = Signal(object, object)  # (coder A, coder B), IoU

    def __init__(
        self, parent: QWidget | None, video: str, coders: Sequence[str], labels: Sequence[str]
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Agreement — {video}")
        self.setObjectName("agreement-dialog")
        self.coders = _check_list(coders, "Coders: the annotators of this video's segments")
        self.labels = _check_list(labels, "Labels (all checked: every label the coders used)")
        self.iou = QDoubleSpinBox()
        self.iou.setRange(0.05, 1.0)
        self.iou.setSingleStep(0.05)
        self.iou.setDecimals(2)
        self.iou.setValue(0.5)
        self.iou.setToolTip("Segments match one to one, highest IoU first, when IoU is at least this")
        self.compute_button = QPushButton("&Compute")
        self.compute_button.setDefault(True)
        self.disagreements_button = QPushButton("List &disagreements")
        self.disagreements_button.setToolTip("The first two checked coders' disagreements, in their dock")
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(COLUMNS)
        for column, name in enumerate(COLUMNS):
            self.table.horizontalHeaderItem(column).setToolTip(COLUMN_TIPS.get(name, ""))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.notes = QLabel()
        self.notes.setWordWrap(True)
        self.notes.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._build_layout()
        self.compute_button.clicked.connect(self.request)
        self.disagreements_button.clicked.connect(self._on_disagreements_button_clicked)
        for widget in (self.coders, self.labels):
            widget.itemChanged.connect(self._update_buttons)
            widget.itemActivated.connect(lambda _item: self.request())  # Return in a list
        self._update_buttons()

    def _build_layout(self) -> None:
        form = QFormLayout()
        form.addRow("IoU at least", self.iou)
        for widget in (self.coders, self.labels):
            widget.setMaximumWidth(170)
        choices = QVBoxLayout()
        for widget in (QLabel("Coders"), self.coders, QLabel("Labels"), self.labels):
            choices.addWidget(widget)
        choices.addLayout(form)
        close = QPushButton("Close")
        close.setAutoDefault(False)
        self.disagreements_button.setAutoDefault(False)
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        for button in (self.compute_button, self.disagreements_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        figures = QVBoxLayout()
        for widget in (self.status, self.table, self.notes):
            figures.addWidget(widget)
        figures.setStretch(1, 1)
        top = QHBoxLayout()
        top.addLayout(choices)
        top.addLayout(figures, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(buttons)
        self.resize(1000, 470)

    # -- what is chosen -----------------------------------------------------------------------
    def chosen_coders(self) -> tuple[str, ...]:
        return _checked(self.coders)

    def chosen_labels(self) -> tuple[str, ...]:
        """The checked labels' names; () when all are checked (every label the coders used)."""
        checked = _checked(self.labels)
        return () if len(checked) == self.labels.count() else checked

    def min_iou(self) -> Fraction:
        return Fraction(round(self.iou.value() * 100), 100)

    def request(self) -> None:
        """Ask for the figures of what is chosen (Compute, and once when shown)."""
        if self._problem():
            return
        self.status.setText("Computing…")
        self.requested.emit(self.chosen_coders(), self.chosen_labels(), self.min_iou())

    def _problem(self) -> str:
        if len(self.chosen_coders()) < 2:
            return "Check two or more coders."
        if not _checked(self.labels):
            return "Check at least one label."
        return ""

    def _update_buttons(self) -> None:
        problem = self._problem()
        self.compute_button.setEnabled(not problem)
        self.disagreements_button.setEnabled(not problem)
        if problem:
            self.status.setText(problem)

    def _on_disagreements_button_clicked(self) -> None:
        coders = self.chosen_coders()
        if len(coders) >= 2:
            self.disagreements_requested.emit((coders[0], coders[1]), self.min_iou())

    # -- what came back -----------------------------------------------------------------------
    def show_error(self, message: str) -> None:
        self.table.setRowCount(0)
        self.notes.clear()
        self.status.setText(message)

    def show_figures(self, result: VideoAgreement) -> None:
        """One row per label, then all labels (overall alpha); undefined figures as "—"."""
        coders = ", ".join(
            f"{name} (reference)" if i == 0 and len(result.coders) == 2 else name
            for i, name in enumerate(result.coders)
        )
        self.status.setText(f"{result.video}: {result.frames} frames; coders {coders}")
        self.table.setRowCount(0)
        notes: list[str] = []
        for name, figures in result.labels.items():
            self._add_row(name, [figures.as_dict()[field] for field in FIELDS], figures.reasons)
            notes += _notes(name, figures)
        overall: list[float | int | None] = [None] * len(FIELDS)
        overall[FIELDS.index("alpha")] = result.overall_alpha
        reasons = {"alpha": result.overall_reason} if result.overall_reason else {}
        self._add_row(ALL_LABELS, overall, reasons, only=("alpha",))
        if result.overall_reason:
            notes.append(f"{ALL_LABELS}: alpha: {result.overall_reason}")
        self.notes.setText("\n".join([f"{UNDEFINED} undefined:", *notes]) if notes else "")

    def _add_row(
        self,
        name: str,
        values: Sequence[float | int | None],
        reasons: Mapping[str, str],
        only: tuple[str, ...] = FIELDS,
    ) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        self.table.setItem(row, 0, QTableWidgetItem(name))
        for column, (field, value) in enumerate(zip(FIELDS, values, strict=True), start=1):
            item = QTableWidgetItem(figure_text(value) if field in only else "")
            item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if field in only and value is None:
                item.setToolTip(reasons.get(field, "undefined"))
            self.table.setItem(row, column, item)

    def cell_text(self, label: str, column: str) -> str:
        """The text shown for a label (or "All labels") in a column (for tests and readers)."""
        for row in range(self.table.rowCount()):
            if self.table.item(row, 0).text() == label:
                return self.table.item(row, COLUMNS.index(column)).text()
        raise KeyError(label)

    def cell_tooltip(self, label: str, column: str) -> str:
        for row in range(self.table.rowCount()):
            if self.table.item(row, 0).text() == label:
                return self.table.item(row, COLUMNS.index(column)).toolTip()
        raise KeyError(label)


def _check_list(names: Sequence[str], tooltip: str) -> QListWidget:
    widget = QListWidget()
    widget.setToolTip(tooltip)
    for name in names:
        item = QListWidgetItem(name)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked)
        widget.addItem(item)
    if names:
        widget.setCurrentRow(0)
    return widget


def _checked(widget: QListWidget) -> tuple[str, ...]:
    return tuple(
        widget.item(i).text()
        for i in range(widget.count())
        if widget.item(i).checkState() == Qt.CheckState.Checked
    )


def _notes(name: str, figures: LabelAgreement) -> list[str]:
    """One line per reason, naming the figures it explains."""
    grouped: dict[str, list[str]] = {}
    for field, reason in figures.reasons.items():
        grouped.setdefault(reason, []).append(field.replace("_", " "))
    return [f"{name}: {', '.join(fields)}: {reason}" for reason, fields in grouped.items()]

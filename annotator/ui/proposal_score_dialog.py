"""Analyze ▸ Accept or reject proposals by score…: a minimum score, a label, this video or
all, and how many proposals that picks; Accept or Reject acts on them (one undo step)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QWidget,
)

Picker = Callable[[float, "int | None", bool], list[str]]
"""Ids of the proposals scored at least that much, of that label (None: any), on all
videos or only the current one."""


class ProposalScoreDialog(QDialog):
    """Asks what to pick; ``choice`` is "accept" or "reject" once a button was pressed."""

    def __init__(self, parent: QWidget | None, labels: Sequence[tuple[str, int]], pick: Picker) -> None:
        super().__init__(parent)
        self.setWindowTitle("Proposals by score")
        self._pick = pick
        self.choice = ""
        self.score = QDoubleSpinBox()
        self.score.setRange(-1000.0, 1000.0)
        self.score.setDecimals(2)
        self.score.setSingleStep(0.05)
        self.score.setValue(0.5)
        self.label = QComboBox()
        self.label.addItem("Any", None)
        for name, label_id in labels:
            self.label.addItem(name, label_id)
        self.all_videos = QCheckBox("All videos (else this one)")
        self.count = QLabel()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.accept_button = QPushButton("Accept them")
        self.reject_button = QPushButton("Reject them")
        buttons.addButton(self.accept_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.reject_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.accept_button.clicked.connect(lambda: self._choose("accept"))
        self.reject_button.clicked.connect(lambda: self._choose("reject"))
        form = QFormLayout(self)
        form.addRow("Score at least", self.score)
        form.addRow("Label", self.label)
        form.addRow("", self.all_videos)
        form.addRow("", self.count)
        form.addRow(buttons)
        self.score.valueChanged.connect(self._update_count)
        self.label.currentIndexChanged.connect(self._update_count)
        self.all_videos.toggled.connect(self._update_count)
        self._update_count()

    def picked(self) -> list[str]:
        """The proposals the choices pick now."""
        return self._pick(self.score.value(), self.label.currentData(), self.all_videos.isChecked())

    def _update_count(self) -> None:
        count = len(self.picked())
        self.count.setText(f"{count} proposal{'' if count == 1 else 's'} picked")
        self.accept_button.setEnabled(count > 0)
        self.reject_button.setEnabled(count > 0)

    def _choose(self, choice: str) -> None:
        self.choice = choice
        self.accept()

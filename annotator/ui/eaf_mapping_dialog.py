"""Ask how an ELAN file's tiers and values map to the project's labels, and whether the
ones left unmapped become new labels."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from annotator.formats.eaf.document import parse_eaf

AUTOMATIC = "(automatic)"
SKIP = "(skip)"


def eaf_names(path: Path) -> list[str]:
    """Tier names (top-level, and time-aligned dependent tiers, which are imported only when
    mapped), then the distinct annotation values of the file's top-level tiers."""
    document = parse_eaf(path)
    tiers = [tier.name for tier in document.tiers if not tier.parent or tier.alignable]
    values: list[str] = []
    for tier in document.tiers:
        if not tier.parent:
            for annotation in tier.alignable:
                value = annotation.value.strip()
                if value and value not in values and value not in tiers:
                    values.append(value)
    return tiers + values[:50]


class EafMappingDialog(QDialog):
    """One row per tier or value: automatic, skip, or a project label."""

    def __init__(
        self, path: Path, label_names: list[str], problem: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Map {path.name} to labels")
        self.combos: dict[str, QComboBox] = {}
        form = QFormLayout()
        for name in eaf_names(path):
            combo = QComboBox()
            combo.addItems([AUTOMATIC, SKIP, *label_names])
            self.combos[name] = combo
            form.addRow(name, combo)
        inner = QWidget()
        inner.setLayout(form)
        scroll = QScrollArea()
        scroll.setWidget(inner)
        scroll.setWidgetResizable(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        message = QLabel(problem)
        message.setWordWrap(True)
        self.new_labels_box = QCheckBox("Make a new label for each tier or value left on (automatic)")
        self.new_labels_box.setToolTip(
            "A tier whose values name no label becomes a label (its values go in the notes); "
            "an unknown value on a tier whose values name labels becomes a label."
        )
        layout = QVBoxLayout(self)
        layout.addWidget(message)
        layout.addWidget(scroll)
        layout.addWidget(self.new_labels_box)
        layout.addWidget(buttons)

    def new_labels(self) -> bool:
        """Whether what no label matches becomes a new label (``--new-labels``)."""
        return self.new_labels_box.isChecked()

    def mapping(self) -> dict[str, str]:
        """Tier or value name -> label name (``""`` skips); automatic rows are left out."""
        chosen: dict[str, str] = {}
        for name, combo in self.combos.items():
            text = combo.currentText()
            if text != AUTOMATIC:
                chosen[name] = "" if text == SKIP else text
        return chosen

"""The vocabulary panel: add, rename, recolour, re-key, reorder and archive labels; ask for
more stretches like a label's segments (the analysis runs elsewhere, on the signal)."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPixmap
from PySide6.QtWidgets import (
    QColorDialog,
    QGridLayout,
    QInputDialog,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from annotator.domain.label import LABEL_KEYS, Label, VocabularyError
from annotator.editing.annotation_document import AnnotationDocument


def colour_icon(colour: str, size: int = 14) -> QIcon:
    pixmap = QPixmap(size, size)
    pixmap.fill(QColor(colour))
    return QIcon(pixmap)


class VocabularyPanel(QWidget):
    """Lists labels with their key and colour; every change is an undoable command."""

    label_activated = Signal(int)  # label id
    more_like_requested = Signal(int)  # label id: find more stretches like its segments

    def __init__(self, document: AnnotationDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._document = document
        self.list = QListWidget()
        self.list.itemDoubleClicked.connect(self._on_list_double_clicked)
        buttons = QGridLayout()  # two rows: the dock stays narrow enough to sit beside the video
        self.buttons: dict[str, QPushButton] = {}
        for name, slot in (
            ("Add", self.add_label),
            ("Rename", self.rename_selected),
            ("Colour", self.recolour_selected),
            ("Key", self.rekey_selected),
            ("Up", lambda: self.move_selected(-1)),
            ("Down", lambda: self.move_selected(1)),
            ("Archive", self.toggle_archive_selected),
            ("More like this", self._on_more_like_clicked),
        ):
            button = QPushButton(name)
            button.clicked.connect(slot)
            self.buttons[name] = button
        for place, button in enumerate(list(self.buttons.values())[:-1]):
            buttons.addWidget(button, *divmod(place, 4))
        buttons.addWidget(self.buttons["More like this"], 2, 0, 1, 4)  # a row of its own: long text
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.list)
        layout.addLayout(buttons)
        document.labels_changed.connect(self.refresh)
        document.reset.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        selected = self.selected_label()
        self.list.clear()
        for label in self._document.labels(include_archived=True):
            key = label.key or "-"
            suffix = " (archived)" if label.archived else ""
            item = QListWidgetItem(colour_icon(label.colour), f"{key}  {label.name}{suffix}")
            item.setData(Qt.ItemDataRole.UserRole, label.id)
            item.setToolTip(label.description)
            if label.archived:
                item.setForeground(QColor("#888888"))
            self.list.addItem(item)
            if selected is not None and label.id == selected.id:
                self.list.setCurrentItem(item)

    def selected_label(self) -> Label | None:
        item = self.list.currentItem()
        return None if item is None else self._document.label(int(item.data(Qt.ItemDataRole.UserRole)))

    def _apply(self, change: Label) -> None:
        try:
            self._document.change_label(change)
        except (VocabularyError, ValueError) as error:
            QMessageBox.warning(self, "Label", str(error))

    def add_label(self) -> None:
        name, ok = QInputDialog.getText(self, "Add label", "Name:")
        if ok and name.strip():
            used = {label.key for label in self._document.labels()}
            key = next((k for k in LABEL_KEYS if k not in used), "")
            order = len(self._document.labels(include_archived=True))
            try:
                self._document.add_label(Label(name.strip(), colour="#1f77b4", key=key, order=order))
            except (VocabularyError, ValueError) as error:
                QMessageBox.warning(self, "Add label", str(error))

    def rename_selected(self) -> None:
        label = self.selected_label()
        if label is None:
            return
        name, ok = QInputDialog.getText(self, "Rename label", "Name:", text=label.name)
        if ok and name.strip() and name.strip() != label.name:
            self._apply(replace(label, name=name.strip()))

    def recolour_selected(self) -> None:
        label = self.selected_label()
        if label is None:
            return
        colour = QColorDialog.getColor(QColor(label.colour), self, f"Colour of {label.name}")
        if colour.isValid():
            self._apply(replace(label, colour=colour.name()))

    def rekey_selected(self) -> None:
        label = self.selected_label()
        if label is None:
            return
        choices = ["(none)", *LABEL_KEYS]
        current = choices.index(label.key) if label.key in choices else 0
        key, ok = QInputDialog.getItem(self, "Key", f"Key for {label.name}:", choices, current, False)
        if ok:
            self.set_key(label, "" if key == "(none)" else key)

    def set_key(self, label: Label, key: str) -> None:
        """Give ``label`` the key; a label holding it already loses it (one undo step)."""
        holder = self._document.label_with_key(key)
        with self._document.edit_group(f"Key {key or 'none'} for {label.name}"):
            if holder is not None and holder.id != label.id:
                self._apply(replace(holder, key=""))
            self._apply(replace(label, key=key))

    def move_selected(self, step: int) -> None:
        label = self.selected_label()
        if label is None:
            return
        ids = [other.id for other in self._document.labels(include_archived=True) if other.id is not None]
        index = ids.index(label.id)
        target = index + step
        if 0 <= target < len(ids):
            ids[index], ids[target] = ids[target], ids[index]
            self._document.reorder_labels(ids)

    def toggle_archive_selected(self) -> None:
        label = self.selected_label()
        if label is not None:
            self._apply(
                replace(label, archived=not label.archived, key="" if not label.archived else label.key)
            )

    def _on_more_like_clicked(self) -> None:
        label = self.selected_label()
        if label is not None and label.id is not None:
            self.more_like_requested.emit(label.id)

    def _on_list_double_clicked(self, item: QListWidgetItem) -> None:
        self.label_activated.emit(int(item.data(Qt.ItemDataRole.UserRole)))

"""Line edits that keep the keys a text field needs (Return and Enter commit, Escape
reverts, Tab moves on) though the window has shortcuts on them (Enter accepts proposals, Tab
goes to the next one, Escape drops open segments): the segment table's note editor and its
text filter."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit, QStyledItemDelegate, QStyleOptionViewItem, QWidget

KEYS_KEPT = (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Escape, Qt.Key.Key_Tab, Qt.Key.Key_Backtab)


class KeyKeepingLineEdit(QLineEdit):
    """Claims ``KEYS_KEPT`` before the window's shortcuts see them; they then do what they
    do in any line edit (an item view's delegate commits or reverts, Tab moves the focus)."""

    def event(self, event: QEvent) -> bool:
        overriding = event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent)
        if overriding and event.key() in KEYS_KEPT:  # type: ignore[attr-defined]
            event.accept()
            return True
        return super().event(event)


class NoteDelegate(QStyledItemDelegate):
    """Edits a note in a ``KeyKeepingLineEdit``."""

    def createEditor(
        self, parent: QWidget, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QWidget:
        editor = KeyKeepingLineEdit(parent)
        editor.setFrame(False)
        return editor

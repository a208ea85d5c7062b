"""The key table's rows as window-wide actions, and review mode's take-over of keys.

Review rows are enabled only in review mode; while they are, every other action with a
shortcut they use (Space, Home/End, the bracket keys, 1-9) is disabled, so one key never
means two things. The others (J/K/L, Ctrl+Up/Down, Left/Right, the menus) stay as they are.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from annotator.ui.key_table import KeyBinding


class KeyBindings:
    """One action per row on ``host``, by row name in ``actions``."""

    def __init__(self, host: QWidget, rows: Sequence[KeyBinding]) -> None:
        self.rows = list(rows)
        self.actions: dict[str, QAction] = {}
        for row in self.rows:
            self.actions[row.name] = _action(host, row)
        review = [self.actions[row.name] for row in self.rows if row.review]
        taken = {shortcut for action in review for shortcut in _keys(action)}
        self._review_actions = review
        self._taken_over = [
            self.actions[row.name]
            for row in self.rows
            if not row.review and taken.intersection(_keys(self.actions[row.name]))
        ]
        self.set_review_mode(False)

    def set_review_mode(self, on: bool) -> None:
        """Review keys on and the keys they share off, or the other way round."""
        for action in self._taken_over:
            action.setEnabled(not on)
        for action in self._review_actions:
            action.setEnabled(on)


def _action(host: QWidget, row: KeyBinding) -> QAction:
    """A window-wide action on ``host`` that runs the row's callable on its shortcuts."""
    action = QAction(row.text, host)
    action.setShortcuts([QKeySequence(shortcut) for shortcut in row.shortcuts])
    action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
    if row.checkable:
        action.setCheckable(True)
        action.toggled.connect(row.slot)
    else:
        action.triggered.connect(lambda _checked=False: row.slot(*row.args))
    host.addAction(action)
    if row.attach is not None:
        row.attach(action)
    return action


def _keys(action: QAction) -> set[str]:
    return {sequence.toString() for sequence in action.shortcuts()}

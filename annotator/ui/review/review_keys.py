"""Review-mode keys: a second action set that takes over the letters it shares.

The review actions live on the window beside the annotation ones but are enabled only in
review mode; while they are, every annotation action with a shortcut they use (Space,
Home/End, the bracket keys, 1-9) is disabled, so one key never means two things. Speed and
stepping keys (J/K/L, Ctrl+Up/Down, Left/Right) stay as in the player.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from annotator.ui.key_bindings import NUDGE_KEYS, window_action

# (action name, shortcuts, method name on the review mode, arguments)
REVIEW_KEYS: list[tuple[str, tuple[str, ...], str, tuple[Any, ...]]] = [
    ("Approve", ("A",), "approve", ()),
    ("Reject", ("R",), "reject", ()),
    ("Needs fix", ("F",), "needs_fix", ()),
    ("Review note", ("N",), "edit_note", ()),
    ("Replay segment", ("Space",), "replay", ()),
    ("Next segment", ("Return", "Enter", "Down"), "next", ()),
    ("Previous segment", ("Up",), "previous", ()),
    ("Segment's first frame", ("Home",), "show_first_frame", ()),
    ("Segment's last frame", ("End",), "show_last_frame", ()),
    *((f"Review: {name.lower()}", keys, "nudge", deltas) for name, keys, deltas in NUDGE_KEYS),
]


class ReviewKeys:
    """The review actions on ``window``, calling methods of ``target``."""

    def __init__(self, window: QWidget, target: object, others: Iterable[QAction]) -> None:
        self.actions: dict[str, QAction] = {}
        for name, shortcuts, method, args in REVIEW_KEYS:
            self.actions[name] = window_action(window, name, shortcuts, getattr(target, method), args)
        for digit in "123456789":
            name = f"Relabel {digit}"
            self.actions[name] = window_action(window, name, (digit,), target.relabel_key, (digit,))  # type: ignore[attr-defined]
        mine = {shortcut for action in self.actions.values() for shortcut in _keys(action)}
        self.conflicting = [action for action in others if mine.intersection(_keys(action))]
        self.set_active(False)

    def set_active(self, active: bool) -> None:
        """Review keys on and the annotation keys they share off, or the other way round."""
        for action in self.conflicting:
            action.setEnabled(not active)
        for action in self.actions.values():
            action.setEnabled(active)


def _keys(action: QAction) -> set[str]:
    return {sequence.toString() for sequence in action.shortcuts()}

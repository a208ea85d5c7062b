"""The default keys (DESIGN.md), as window-wide actions bound to the window's slots."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

# Moving the selected segment's edges: (name, shortcuts, (start delta, end delta)).
# Shared with review mode, where the same keys fix the segment under review.
NUDGE_KEYS: list[tuple[str, tuple[str, ...], tuple[int, int]]] = [
    ("Start earlier", ("[",), (-1, 0)),
    ("Start later", ("Ctrl+[",), (1, 0)),
    ("End earlier", ("Ctrl+]",), (0, -1)),
    ("End later", ("]",), (0, 1)),
    ("Start ten earlier", ("Shift+[", "{"), (-10, 0)),
    ("End ten later", ("Shift+]", "}"), (0, 10)),
    ("Start ten later", ("Ctrl+Shift+[", "Ctrl+{"), (10, 0)),
    ("End ten earlier", ("Ctrl+Shift+]", "Ctrl+}"), (0, -10)),
]

# (action name, shortcuts, method name on the window, arguments)
KEYS: list[tuple[str, tuple[str, ...], str, tuple[Any, ...]]] = [
    ("Play/pause", ("Space",), "toggle_play", ()),
    ("Next frame", ("Right",), "step_frames", (1,)),
    ("Previous frame", ("Left",), "step_frames", (-1,)),
    ("Forward one second", ("Shift+Right",), "step_seconds", (1,)),
    ("Back one second", ("Shift+Left",), "step_seconds", (-1,)),
    ("Shuttle reverse", ("J",), "shuttle", (-1,)),
    ("Shuttle stop", ("K",), "shuttle", (0,)),
    ("Shuttle forward", ("L",), "shuttle", (1,)),
    ("First frame", ("Home",), "go_to_start", ()),
    ("Last frame", ("End",), "go_to_end", ()),
    ("Mark in", ("I",), "mark_in", ()),
    ("Mark out", ("O",), "mark_out", ()),
    ("Cancel open segments and marks", ("Escape",), "cancel_coding", ()),
    *((name, keys, "nudge_selected", deltas) for name, keys, deltas in NUDGE_KEYS),
    ("Delete selected segments", ("Delete", "Backspace"), "delete_selected", ()),
    ("Go to…", ("Ctrl+G",), "go_to_dialog", ()),
    ("Zoom in", ("+", "=", "Ctrl+="), "zoom_in", ()),
    ("Zoom out", ("-", "Ctrl+-"), "zoom_out", ()),
    ("Zoom to fit", ("Ctrl+0",), "zoom_to_fit", ()),
    ("Slower", ("Ctrl+Down",), "change_speed", (0.5,)),
    ("Faster", ("Ctrl+Up",), "change_speed", (2.0,)),
]


def bind_keys(window: QWidget) -> dict[str, QAction]:
    """Create one action per row of ``KEYS`` (plus 1-9) on ``window``; return them by name."""
    actions: dict[str, QAction] = {}
    for name, shortcuts, method, args in KEYS:
        actions[name] = window_action(window, name, shortcuts, getattr(window, method), args)
    for digit in "123456789":
        actions[f"Label key {digit}"] = window_action(
            window, f"Label key {digit}", (digit,), window.label_key, (digit,)
        )
    return actions


def window_action(
    window: QWidget, name: str, shortcuts: tuple[str, ...], slot: Callable[..., Any], args: tuple[Any, ...]
) -> QAction:
    """A window-wide action called ``name`` that calls ``slot(*args)`` on its shortcuts."""
    action = QAction(name, window)
    action.setShortcuts([QKeySequence(text) for text in shortcuts])
    action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
    action.triggered.connect(lambda _checked=False: slot(*args))
    window.addAction(action)
    return action

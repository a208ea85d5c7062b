"""Work that follows the project only while its dock shows (the search results, the charts).

A change starts the work after a short delay (several changes, one run) when the dock is
visible; while it is hidden the work is only owed, and done when the dock is shown again,
so a hidden dock costs nothing.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QDockWidget


class WhileShown(QObject):
    def __init__(self, dock: QDockWidget, work: Callable[[], None], delay_ms: int, *, owed: bool) -> None:
        super().__init__(dock)
        self._dock = dock
        self._work = work
        self.owed = owed
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self._do)
        dock.visibilityChanged.connect(self._on_dock_visibility_changed)

    def changed(self, *_args: object) -> None:
        """Something the work shows changed: run it soon if the dock shows, else owe it."""
        if self._dock.isVisible():
            self._timer.start()
        else:
            self.owed = True

    def stop(self, *, owed: bool) -> None:
        """Nothing pending (the project closed); ``owed``: run when next shown."""
        self._timer.stop()
        self.owed = owed

    def _do(self) -> None:
        self.owed = False
        self._work()

    def _on_dock_visibility_changed(self, visible: bool) -> None:
        if visible and self.owed:
            self._do()

"""Other clients' edits of a server project reach the open views through the document.

A timer polls the store's listener (``PgProjectStore.changes_elsewhere``: notifications
already received, no round trip) every ``INTERVAL_MS``; when another client changed
segments, reviews, labels or videos, the document sends ``reset`` and every view reloads
what is stored, as after an import. The undo stack is left alone: it holds this user's
edits only, and one whose segment was changed meanwhile is refused when undone.
It also keeps the names of the others connected for the status bar (every few seconds).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from annotator.editing.annotation_document import AnnotationDocument

INTERVAL_MS = 100
OTHERS_EVERY = 30  # polls between two reads of who else is connected (3 s)


class LiveUpdates(QObject):
    """Refreshes ``document`` when ``poll()`` reports tables changed elsewhere."""

    others_changed = Signal(list)  # [str]: names of the other clients connected

    def __init__(
        self,
        document: AnnotationDocument,
        poll: Callable[[], set[str]],
        others: Callable[[], list[str]] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._document = document
        self._poll = poll
        self._others = others
        self._known_others: list[str] | None = None
        self._ticks = 0
        self.refreshes = 0
        self._timer = QTimer(self)
        self._timer.setInterval(INTERVAL_MS)
        self._timer.timeout.connect(self._on_timer_timeout)
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def _on_timer_timeout(self) -> None:
        if self._poll():
            self.refreshes += 1
            self._document.refresh()
        if self._others is not None and self._ticks % OTHERS_EVERY == 0:
            self._read_others()
        self._ticks += 1

    def _read_others(self) -> None:
        assert self._others is not None
        try:
            names = self._others()
        except Exception:  # the server is away: the listener reports it; keep the last names
            return
        if names != self._known_others:
            self._known_others = names
            self.others_changed.emit(names)

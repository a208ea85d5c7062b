"""Which segments are selected on the timeline (a view state, not a document state)."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QObject, Signal


class TimelineSelection(QObject):
    """A set of segment ids that emits ``changed`` whenever it really changes."""

    changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ids: set[str] = set()

    def __contains__(self, segment_id: object) -> bool:
        return segment_id in self._ids

    def __len__(self) -> int:
        return len(self._ids)

    def ids(self) -> list[str]:
        return sorted(self._ids)

    def replace(self, segment_ids: Iterable[str]) -> None:
        self._set(set(segment_ids))

    def add(self, segment_ids: Iterable[str]) -> None:
        self._set(self._ids | set(segment_ids))

    def toggle(self, segment_id: str) -> None:
        self._set(self._ids ^ {segment_id})

    def discard(self, segment_id: str) -> None:
        self._set(self._ids - {segment_id})

    def clear(self) -> None:
        self._set(set())

    def _set(self, ids: set[str]) -> None:
        if ids != self._ids:
            self._ids = ids
            self.changed.emit()

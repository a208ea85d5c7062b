"""Writes of the document's commands: to the store, then the past-tense signal.

Only commands call these (through ``AnnotationDocument``). Each undo/redo step runs inside
:meth:`WriteThrough._writing`: one store transaction, and the signals it caused are sent
only once it is committed, so a step that fails half-way leaves nothing in the store and
nothing on the screen.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QObject, Signal, SignalInstance

from annotator.domain.label import Label
from annotator.domain.segment import Review, Segment
from annotator.editing.annotation_store import AnnotationStore
from annotator.project.import_plan import ImportPlan, WrittenImport, write_import


class WriteThrough(QObject):
    """The store, the signals views listen to, and the writes that send them."""

    segment_added = Signal(object)  # Segment
    segment_changed = Signal(object, object)  # old Segment, new Segment
    segment_removed = Signal(object)  # Segment
    labels_changed = Signal()
    review_added = Signal(object)  # Review
    review_removed = Signal(object)  # Review
    reset = Signal()  # many rows changed at once (an import, its undo): reload everything
    command_refused = Signal(str)  # an undo/redo that could not be done, and why

    def __init__(self, store: AnnotationStore, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self._pending: list[tuple[SignalInstance, tuple[Any, ...]]] | None = None

    @contextmanager
    def _writing(self) -> Iterator[None]:
        """One transaction for a step; its signals are sent once it is committed."""
        if self._pending is not None:  # inside a step already (a group's child)
            yield
            return
        pending: list[tuple[SignalInstance, tuple[Any, ...]]] = []
        self._pending = pending
        try:
            with self.store.transaction():
                yield
        finally:
            self._pending = None
        for signal, args in pending:
            signal.emit(*args)

    def _emit(self, signal: SignalInstance, *args: Any) -> None:
        if self._pending is None:
            signal.emit(*args)
        else:
            self._pending.append((signal, args))

    # -- write-through primitives: only commands call these ---------------------------------
    def _write_added(self, segment: Segment, restore: bool) -> None:
        stored = self.store.restore_segment(segment.id) if restore else self.store.add_segment(segment)
        self._emit(self.segment_added, stored)

    def _write_removed(self, segment: Segment) -> None:
        self.store.delete_segment(segment.id)
        self._emit(self.segment_removed, segment)

    def _write_changed(self, before: Segment, after: Segment, expected: Segment | None = None) -> None:
        """``before`` as stored now becomes ``after``; refused (StoreConflictError) if the
        stored one is not ``expected``: changed by another client meanwhile."""
        stored = self.store.update_segment(replace(after, updated_at=""), expected)
        self._emit(self.segment_changed, before, stored)

    def _write_label(self, label: Label, add: bool) -> Label:
        if add:
            stored = self.store.add_label(label) if label.id is None else self.store.restore_label(label)
        else:
            stored = self.store.update_label(label)
        self._emit(self.labels_changed)
        return stored

    def _write_label_removed(self, label_id: int) -> None:
        self.store.delete_label(label_id)
        self._emit(self.labels_changed)

    def _write_label_order(self, label_ids: list[int]) -> None:
        self.store.reorder_labels(label_ids)
        self._emit(self.labels_changed)

    def _write_review(self, review: Review, add: bool) -> Review:
        if add:
            stored = self.store.add_review(review)
            self._emit(self.review_added, stored)
            return stored
        assert review.id is not None
        self.store.delete_review(review.id)
        self._emit(self.review_removed, review)
        return review

    def _write_import(self, plan: ImportPlan) -> WrittenImport:
        written = write_import(self.store, plan)
        self._emit(self.reset)
        return written

    def _write_rows(self, labels: list[Label], segments: list[Segment], reviews: list[Review]) -> None:
        """Put back rows an undone import had written, exactly as they were."""
        for label in labels:
            self.store.restore_label(label)
        self.store.add_segments(segments)
        self.store.add_reviews(reviews)
        self._emit(self.reset)

    def _write_rows_removed(self, segment_ids: Sequence[str], labels: list[Label]) -> None:
        """Erase an import's segments (with their reviews) and the labels it added."""
        self.store.purge_segments(segment_ids)
        for label in labels:
            assert label.id is not None
            self.store.delete_label(label.id)
        self._emit(self.reset)

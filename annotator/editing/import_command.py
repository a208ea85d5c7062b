"""An import as one undoable step: undo takes out its segments, reviews and new labels."""

from __future__ import annotations

from typing import TYPE_CHECKING

from annotator.domain.label import Label
from annotator.domain.segment import Review, Segment
from annotator.editing.commands import DocumentCommand
from annotator.project.import_plan import ImportPlan, WrittenImport, write_import

if TYPE_CHECKING:
    from annotator.editing.annotation_document import AnnotationDocument


class ImportCommand(DocumentCommand):
    """Write an :class:`ImportPlan`; undo erases what it wrote, redo writes the same rows.

    The rows come back exactly (segment ids, timestamps, label ids and order), so the
    commands pushed after the import still find what they refer to. Videos the import
    added stay: adding a video is not an undoable edit. Each step ends with one ``reset``."""

    def __init__(self, document: AnnotationDocument, plan: ImportPlan) -> None:
        super().__init__(document, f"Import {plan.source.name}")
        self._plan = plan
        self._written: WrittenImport | None = None
        self._segments: list[Segment] = []
        self._reviews: list[Review] = []
        self._labels: list[Label] = []

    @property
    def plan(self) -> ImportPlan:
        return self._plan

    def apply(self) -> None:
        store = self._document.store
        if self._written is None:
            self._written = write_import(store, self._plan)
        else:
            for label in self._labels:
                store.restore_label(label)
            store.add_segments(self._segments)
            store.add_reviews(self._reviews)
        self._document._write_reset()

    def revert(self) -> None:
        assert self._written is not None
        store = self._document.store
        ids = set(self._written.segment_ids)
        # Kept as stored, so a redo writes back the very same rows.
        self._segments = [segment for segment in store.segments() if segment.id in ids]
        self._reviews = [review for review in store.reviews() if review.segment_id in ids]
        self._labels = [store.label(label.id) for label in self._written.labels if label.id is not None]
        store.purge_segments(self._written.segment_ids)
        for label in self._labels:
            assert label.id is not None
            store.delete_label(label.id)
        self._document._write_reset()

"""An import as one undoable step: undo takes out its segments, reviews and new labels."""

from __future__ import annotations

from typing import TYPE_CHECKING

from annotator.domain.label import Label
from annotator.domain.segment import Review, Segment
from annotator.editing.commands import DocumentCommand
from annotator.project.import_plan import ImportPlan, WrittenImport

if TYPE_CHECKING:
    from annotator.editing.annotation_document import AnnotationDocument


class ImportCommand(DocumentCommand):
    """Write an :class:`ImportPlan`; undo erases what it wrote, redo writes the same rows.

    The rows come back exactly (segment ids, timestamps, label ids and order), so the
    commands pushed after the import still find what they refer to. Videos the import
    added stay: adding a video is not an undoable edit. Each step ends with one ``reset``."""

    def __init__(self, document: AnnotationDocument, plan: ImportPlan, text: str | None = None) -> None:
        super().__init__(document, text or f"Import {plan.source.name}")
        self._plan = plan
        self._written: WrittenImport | None = None
        self._segments: list[Segment] = []
        self._reviews: list[Review] = []
        self._labels: list[Label] = []

    @property
    def plan(self) -> ImportPlan:
        return self._plan

    def apply(self) -> None:
        if self._written is None:
            self._written = self._document._write_import(self._plan)
        else:
            self._document._write_rows(self._labels, self._segments, self._reviews)

    def revert(self) -> None:
        assert self._written is not None
        store = self._document.store
        ids = set(self._written.segment_ids)
        # Kept as stored, so a redo writes back the very same rows.
        self._segments = [segment for segment in store.segments() if segment.id in ids]
        self._reviews = [review for review in store.reviews() if review.segment_id in ids]
        self._labels = [store.label(label.id) for label in self._written.labels if label.id is not None]
        self._document._write_rows_removed(self._written.segment_ids, self._labels)

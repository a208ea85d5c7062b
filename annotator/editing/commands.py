"""Undoable edits. Each redo/undo writes through the document to SQLite at once."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoCommand

from annotator.domain.label import Label
from annotator.domain.segment import Review, Segment

if TYPE_CHECKING:
    from annotator.editing.annotation_document import AnnotationDocument

_MERGE_BOUNDS_ID = 1001


class AddSegmentCommand(QUndoCommand):
    """Create a segment; undo soft-deletes it, redo restores the same row."""

    def __init__(self, document: AnnotationDocument, segment: Segment) -> None:
        super().__init__(f"Add segment {segment.start_frame}-{segment.end_frame}")
        self._document = document
        self._segment = segment
        self._stored = False

    def redo(self) -> None:
        self._document._write_added(self._segment, restore=self._stored)
        self._stored = True

    def undo(self) -> None:
        self._document._write_removed(self._document.store.segment(self._segment.id))


class RemoveSegmentsCommand(QUndoCommand):
    """Soft-delete segments; undo restores them unchanged."""

    def __init__(self, document: AnnotationDocument, segments: list[Segment]) -> None:
        noun = "segment" if len(segments) == 1 else f"{len(segments)} segments"
        super().__init__(f"Delete {noun}")
        self._document = document
        self._segments = segments

    def redo(self) -> None:
        for segment in self._segments:
            self._document._write_removed(segment)

    def undo(self) -> None:
        for segment in self._segments:
            self._document._write_added(segment, restore=True)


class ChangeSegmentCommand(QUndoCommand):
    """Change bounds, label or note. With ``merge``, consecutive changes of the same
    segment (one drag) fold into one step that undoes to the state before the drag."""

    def __init__(
        self,
        document: AnnotationDocument,
        before: Segment,
        after: Segment,
        text: str,
        merge: bool = False,
    ) -> None:
        super().__init__(text)
        self._document = document
        self._before = before
        self._after = after
        self._merge = merge

    def id(self) -> int:
        return _MERGE_BOUNDS_ID if self._merge else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, ChangeSegmentCommand) or not other._merge:
            return False
        if other._before.id != self._before.id:
            return False
        self._after = other._after
        return True

    def redo(self) -> None:
        self._document._write_changed(self._current(), self._after)

    def undo(self) -> None:
        self._document._write_changed(self._current(), self._before)

    def _current(self) -> Segment:
        return self._document.store.segment(self._before.id)


class AddLabelCommand(QUndoCommand):
    """Add a label to the vocabulary; undo removes it again (it has no segments yet)."""

    def __init__(self, document: AnnotationDocument, label: Label) -> None:
        super().__init__(f"Add label {label.name}")
        self._document = document
        self._label = label

    def redo(self) -> None:
        self._label = self._document._write_label(self._label, add=True)

    def undo(self) -> None:
        assert self._label.id is not None
        self._document.store.delete_label(self._label.id)
        self._document.labels_changed.emit()


class ChangeLabelCommand(QUndoCommand):
    """Rename, recolour, re-key, archive or restore a label."""

    def __init__(self, document: AnnotationDocument, before: Label, after: Label) -> None:
        super().__init__(f"Change label {before.name}")
        self._document = document
        self._before = before
        self._after = after

    def redo(self) -> None:
        self._document._write_label(self._after, add=False)

    def undo(self) -> None:
        self._document._write_label(self._before, add=False)


class ReorderLabelsCommand(QUndoCommand):
    def __init__(self, document: AnnotationDocument, before: list[int], after: list[int]) -> None:
        super().__init__("Reorder labels")
        self._document = document
        self._before = before
        self._after = after

    def redo(self) -> None:
        self._document._write_label_order(self._after)

    def undo(self) -> None:
        self._document._write_label_order(self._before)


class AddReviewCommand(QUndoCommand):
    """Record a verdict; undo removes that verdict row (a mistaken key press)."""

    def __init__(self, document: AnnotationDocument, review: Review) -> None:
        super().__init__(f"Review: {review.verdict.value}")
        self._document = document
        self._review = review

    def redo(self) -> None:
        self._review = self._document._write_review(self._review, add=True)

    def undo(self) -> None:
        self._document._write_review(self._review, add=False)

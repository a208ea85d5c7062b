"""Undoable edits. Each one writes through the document to the store at once.

A command has two halves, :meth:`DocumentCommand.apply` and :meth:`DocumentCommand.revert`,
which write and may raise. The document runs ``apply`` itself the first time (an error
then reaches the caller and nothing is pushed); after that Qt's ``redo``/``undo`` run the
halves through ``AnnotationDocument._replay``, in one transaction, which turns a failure
into an obsolete command and a ``command_refused`` message: an undo never raises.
"""

from __future__ import annotations

import weakref
from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoCommand

from annotator.domain.label import Label
from annotator.domain.segment import Review, Segment

if TYPE_CHECKING:
    from annotator.editing.annotation_document import AnnotationDocument

MERGE_ID = 1001


class DocumentCommand(QUndoCommand):
    """A command whose first ``redo`` has already been done by the document.

    It holds its document weakly: the undo stack (which the document owns) owns the
    command, so a strong reference back would make a cycle only the garbage collector could
    break, at a time of its choosing (at exit, after Qt: a crash).
    """

    def __init__(self, document: AnnotationDocument, text: str) -> None:
        super().__init__(text)
        self._document_ref = weakref.ref(document)
        self._applied = False

    @property
    def _document(self) -> AnnotationDocument:
        document = self._document_ref()
        if document is None:
            raise RuntimeError("the document of this command is gone")
        return document

    def apply(self) -> None:
        raise NotImplementedError

    def revert(self) -> None:
        raise NotImplementedError

    def applied_once(self) -> None:
        """The document ran :meth:`apply`: the ``redo`` Qt calls on push is skipped."""
        self._applied = True

    def redo(self) -> None:
        if self._applied:
            self._applied = False
            return
        self._document._replay(self, self.apply, "redo")

    def undo(self) -> None:
        self._document._replay(self, self.revert, "undo")


class AddSegmentCommand(DocumentCommand):
    """Create a segment; undo soft-deletes it, redo restores the same row."""

    def __init__(self, document: AnnotationDocument, segment: Segment) -> None:
        super().__init__(document, f"Add segment {segment.start_frame}-{segment.end_frame}")
        self._segment = segment
        self._stored = False

    def apply(self) -> None:
        self._document._write_added(self._segment, restore=self._stored)
        self._stored = True

    def revert(self) -> None:
        self._document._write_removed(self._document.store.segment(self._segment.id))


class RemoveSegmentsCommand(DocumentCommand):
    """Soft-delete segments; undo restores them unchanged."""

    def __init__(
        self, document: AnnotationDocument, segments: list[Segment], text: str | None = None
    ) -> None:
        noun = "segment" if len(segments) == 1 else f"{len(segments)} segments"
        super().__init__(document, text or f"Delete {noun}")
        self._segments = segments

    def apply(self) -> None:
        for segment in self._segments:
            self._document._write_removed(segment)

    def revert(self) -> None:
        for segment in self._segments:
            self._document._write_added(segment, restore=True)


class ChangeSegmentsCommand(DocumentCommand):
    """Change bounds, label, note or attributes of one or more segments.

    With a ``merge_key``, consecutive changes of the same segments carrying the same key
    (the mouse moves of one drag) fold into one step that undoes to the state before the
    first of them; another drag brings another key, so it stays a step of its own."""

    def __init__(
        self,
        document: AnnotationDocument,
        changes: list[tuple[Segment, Segment]],
        text: str,
        merge_key: object = None,
    ) -> None:
        super().__init__(document, text)
        self._changes = changes
        self._merge_key = merge_key

    def id(self) -> int:
        return MERGE_ID if self._merge_key is not None else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, ChangeSegmentsCommand) or other._merge_key is None:
            return False
        if other._merge_key != self._merge_key or self._ids() != other._ids():
            return False
        afters = {after.id: after for _, after in other._changes}
        self._changes = [(before, afters[before.id]) for before, _ in self._changes]
        return True

    def _ids(self) -> list[str]:
        return [before.id for before, _ in self._changes]

    def apply(self) -> None:
        for before, after in self._changes:
            self._document._write_changed(self._document.store.segment(before.id), after, expected=before)

    def revert(self) -> None:
        for before, after in reversed(self._changes):
            self._document._write_changed(self._document.store.segment(before.id), before, expected=after)


class AddLabelCommand(DocumentCommand):
    """Add a label to the vocabulary; undo removes it again (refused once segments use it)."""

    def __init__(self, document: AnnotationDocument, label: Label) -> None:
        super().__init__(document, f"Add label {label.name}")
        self._label = label
        self._stored: Label | None = None

    def apply(self) -> None:
        # The first time the store gives it an id; a redo puts back that same id, which
        # the commands after this one refer to.
        self._stored = self._document._write_label(self._stored if self._stored else self._label, add=True)

    def revert(self) -> None:
        assert self._stored is not None
        assert self._stored.id is not None
        self._document._write_label_removed(self._stored.id)


class ChangeLabelCommand(DocumentCommand):
    """Rename, recolour, re-key, archive or restore a label."""

    def __init__(self, document: AnnotationDocument, before: Label, after: Label) -> None:
        super().__init__(document, f"Change label {before.name}")
        self._before = before
        self._after = after

    def apply(self) -> None:
        self._document._write_label(self._after, add=False)

    def revert(self) -> None:
        self._document._write_label(self._before, add=False)


class ReorderLabelsCommand(DocumentCommand):
    def __init__(self, document: AnnotationDocument, before: list[int], after: list[int]) -> None:
        super().__init__(document, "Reorder labels")
        self._before = before
        self._after = after

    def apply(self) -> None:
        self._document._write_label_order(self._after)

    def revert(self) -> None:
        self._document._write_label_order(self._before)


class AddReviewCommand(DocumentCommand):
    """Record a verdict; undo removes that verdict row (a mistaken key press)."""

    def __init__(self, document: AnnotationDocument, review: Review) -> None:
        super().__init__(document, f"Review: {review.verdict.value}")
        self._review = review

    def apply(self) -> None:
        self._review = self._document._write_review(self._review, add=True)

    def revert(self) -> None:
        self._document._write_review(self._review, add=False)

"""The one writer of annotations.

Views ask the document for edits; the document turns each into one ``QUndoCommand`` on its
undo stack. A command's redo/undo writes through to SQLite first and only then emits a
past-tense signal, so nothing reaches the screen that is not already stored.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from annotator.domain.label import Label
from annotator.domain.segment import Review, Segment, SegmentError, Verdict, check_bounds
from annotator.editing import commands
from annotator.storage.project_store import ProjectStore


class AnnotationDocument(QObject):
    """Annotations of one project: reads from the store, writes through commands."""

    segment_added = Signal(object)  # Segment
    segment_changed = Signal(object, object)  # old Segment, new Segment
    segment_removed = Signal(object)  # Segment
    labels_changed = Signal()
    review_added = Signal(object)  # Review
    review_removed = Signal(object)  # Review

    def __init__(self, store: ProjectStore, user: str = "", parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.user = user
        self.undo_stack = QUndoStack(self)

    # -- reading ---------------------------------------------------------------------
    def segments(self, video_id: int | None = None) -> list[Segment]:
        return self.store.segments(video_id=video_id)

    def segment(self, segment_id: str) -> Segment:
        return self.store.segment(segment_id)

    def labels(self, include_archived: bool = False) -> list[Label]:
        labels = self.store.labels(include_archived=True)
        return labels if include_archived else [label for label in labels if not label.archived]

    def label(self, label_id: int) -> Label:
        return self.store.label(label_id)

    def frame_count(self, video_id: int) -> int:
        return self.store.video(video_id).info.frame_count

    # -- edits (each one undoable command) --------------------------------------------
    def add_segment(
        self, video_id: int, label_id: int, start_frame: int, end_frame: int, note: str = ""
    ) -> Segment:
        check_bounds(start_frame, end_frame, self.frame_count(video_id))
        segment = Segment(video_id, label_id, start_frame, end_frame, annotator=self.user, note=note)
        self.undo_stack.push(commands.AddSegmentCommand(self, segment))
        return self.store.segment(segment.id)

    def remove_segments(self, segment_ids: Sequence[str]) -> None:
        if not segment_ids:
            return
        segments = [self.store.segment(segment_id) for segment_id in segment_ids]
        self.undo_stack.push(commands.RemoveSegmentsCommand(self, segments))

    def set_bounds(self, segment_id: str, start_frame: int, end_frame: int, merge: bool = False) -> None:
        """Move or resize; ``merge`` folds consecutive calls (one drag) into one undo step."""
        before = self.store.segment(segment_id)
        check_bounds(start_frame, end_frame, self.frame_count(before.video_id))
        after = before.with_bounds(start_frame, end_frame)
        if after != before:
            self.undo_stack.push(commands.ChangeSegmentCommand(self, before, after, "Change bounds", merge))

    def nudge(self, segment_ids: Iterable[str], start_delta: int, end_delta: int) -> None:
        """Shift starts and/or ends of several segments by frames, as one undo step."""
        changes = []
        for segment_id in segment_ids:
            before = self.store.segment(segment_id)
            start, end = before.start_frame + start_delta, before.end_frame + end_delta
            try:
                check_bounds(start, end, self.frame_count(before.video_id))
            except SegmentError:
                continue
            changes.append((before, before.with_bounds(start, end)))
        self._push_changes(changes, "Nudge segment edge")

    def relabel(self, segment_ids: Iterable[str], label_id: int) -> None:
        changes = []
        for segment_id in segment_ids:
            before = self.store.segment(segment_id)
            if before.label_id != label_id:
                changes.append((before, before.with_label(label_id)))
        self._push_changes(changes, "Relabel")

    def set_attributes(self, segment_id: str, attributes: dict[str, Any]) -> None:
        """Replace a segment's free-form attributes (e.g. ``{"edited_by": reviewer}``)."""
        before = self.store.segment(segment_id)
        if before.attributes != attributes:
            self._push_changes([(before, replace(before, attributes=dict(attributes)))], "Edit attributes")

    def set_note(self, segment_id: str, note: str) -> None:
        before = self.store.segment(segment_id)
        if before.note != note:
            self._push_changes([(before, before.with_note(note))], "Edit note")

    def _push_changes(self, changes: list[tuple[Segment, Segment]], text: str) -> None:
        if len(changes) == 1:
            self.undo_stack.push(commands.ChangeSegmentCommand(self, *changes[0], text))
        elif changes:
            self.undo_stack.beginMacro(text)
            for before, after in changes:
                self.undo_stack.push(commands.ChangeSegmentCommand(self, before, after, text))
            self.undo_stack.endMacro()

    # -- vocabulary ---------------------------------------------------------------------
    def add_label(self, label: Label) -> None:
        self.undo_stack.push(commands.AddLabelCommand(self, label))

    def change_label(self, label: Label) -> None:
        before = self.store.label(label.id) if label.id is not None else None
        if before is not None and before != label:
            self.undo_stack.push(commands.ChangeLabelCommand(self, before, label))

    def reorder_labels(self, label_ids: Sequence[int]) -> None:
        before = [label.id for label in self.store.labels(include_archived=True) if label.id is not None]
        if list(label_ids) != before:
            self.undo_stack.push(commands.ReorderLabelsCommand(self, before, list(label_ids)))

    # -- review ---------------------------------------------------------------------------
    def add_review(
        self, segment_id: str, verdict: Verdict, note: str = "", reviewer: str | None = None
    ) -> None:
        """Record a verdict by ``reviewer`` (default: the document's user)."""
        name = self.user if reviewer is None else reviewer
        review = Review(segment_id=segment_id, reviewer=name, verdict=verdict, note=note)
        self.undo_stack.push(commands.AddReviewCommand(self, review))

    # -- write-through primitives: only commands call these ---------------------------------
    def _write_added(self, segment: Segment, restore: bool) -> None:
        stored = self.store.restore_segment(segment.id) if restore else self.store.add_segment(segment)
        self.segment_added.emit(stored if stored is not None else self.store.segment(segment.id))

    def _write_removed(self, segment: Segment) -> None:
        self.store.delete_segment(segment.id)
        self.segment_removed.emit(segment)

    def _write_changed(self, before: Segment, after: Segment) -> None:
        stored = self.store.update_segment(replace(after, updated_at=""))
        self.segment_changed.emit(before, stored)

    def _write_label(self, label: Label, add: bool) -> Label:
        stored = self.store.add_label(label) if add else self.store.update_label(label)
        self.labels_changed.emit()
        return stored

    def _write_label_order(self, label_ids: list[int]) -> None:
        self.store.reorder_labels(label_ids)
        self.labels_changed.emit()

    def _write_review(self, review: Review, add: bool) -> Review:
        if add:
            stored = self.store.add_review(review)
            self.review_added.emit(stored)
            return stored
        assert review.id is not None
        self.store.delete_review(review.id)
        self.review_removed.emit(review)
        return review

"""The one writer of annotations.

Views ask the document for edits; the document turns each into one command on its undo
stack. A command's redo/undo writes through to the store in one transaction first and only
then emits its past-tense signals, so nothing reaches the screen that is not stored, and a
step that fails half-way leaves nothing behind. An import is one command too; it ends with
``reset`` (views reload) instead of a signal per row.

An undo or redo never raises: when a change made elsewhere (another program writing the
project) makes an old command impossible, the command is dropped from the stack (made
obsolete), the data is left as it is, and ``command_refused`` says so once.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtGui import QUndoStack

from annotator.domain.label import Label, label_with_key
from annotator.domain.segment import Review, Segment, SegmentError, Source, Verdict, check_bounds
from annotator.editing import commands
from annotator.editing.annotation_store import AnnotationStore
from annotator.editing.edit_group_command import EditGroupCommand
from annotator.editing.import_command import ImportCommand
from annotator.editing.write_through import WriteThrough
from annotator.project.import_plan import ImportPlan, ImportReport
from annotator.storage.errors import StoreConflictError, StoreConnectionError, StoreError

log = logging.getLogger(__name__)
_REFUSALS = (StoreError, SegmentError, LookupError, ValueError)


class AnnotationDocument(WriteThrough):
    """Annotations of one project: reads from the store, writes through commands.

    Its signals (``segment_added``, ..., ``reset``, ``command_refused``) are declared on
    :class:`~annotator.editing.write_through.WriteThrough`, with the writes that send them."""

    def __init__(self, store: AnnotationStore, user: str, parent: QObject | None = None) -> None:
        super().__init__(store, parent)
        self.user = user
        self.undo_stack = QUndoStack(self)
        self._frame_counts: dict[int, int] = {}
        self._group: EditGroupCommand | None = None

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

    def label_with_key(self, key: str) -> Label | None:
        """The active label that ``key`` (1-9) codes, if any."""
        return label_with_key(self.labels(), key)

    def frame_count(self, video_id: int) -> int:
        """Cached per video: every edit checks bounds with it, a drag on every mouse move,
        and a video's frame count never changes (reading the video would decode its table)."""
        count = self._frame_counts.get(video_id)
        if count is None:
            count = self._frame_counts[video_id] = self.store.frame_count(video_id)
        return count

    # -- edits (each one undoable command) --------------------------------------------
    def add_segment(
        self, video_id: int, label_id: int, start_frame: int, end_frame: int, note: str = ""
    ) -> Segment:
        check_bounds(start_frame, end_frame, self.frame_count(video_id))
        segment = Segment(video_id, label_id, start_frame, end_frame, annotator=self.user, note=note)
        self._push(commands.AddSegmentCommand(self, segment))
        return self.store.segment(segment.id)

    def remove_segments(self, segment_ids: Sequence[str]) -> None:
        if not segment_ids:
            return
        segments = [self.store.segment(segment_id) for segment_id in segment_ids]
        self._push(commands.RemoveSegmentsCommand(self, segments))

    def set_bounds(self, segment_id: str, start_frame: int, end_frame: int, merge: object = None) -> None:
        """Move or resize. Consecutive calls with the same ``merge`` key (one drag's mouse
        moves) fold into one undo step; ``None`` never merges."""
        self.set_many_bounds({segment_id: (start_frame, end_frame)}, "Change bounds", merge)

    def set_many_bounds(self, bounds: dict[str, tuple[int, int]], text: str, merge: object = None) -> None:
        """Move or resize several segments as one step (a group move), merging as :meth:`set_bounds`."""
        merge = None if merge is False else merge  # the old boolean spelling: never merge
        changes = []
        for segment_id, (start, end) in bounds.items():
            before = self.store.segment(segment_id)
            check_bounds(start, end, self.frame_count(before.video_id))
            changes.append((before, before.with_bounds(start, end)))
        if any(before != after for before, after in changes):
            self._push(commands.ChangeSegmentsCommand(self, changes, text, merge))

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
        self.store.label(label_id)  # an unknown label is refused before anything changes
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
        if changes:
            self._push(commands.ChangeSegmentsCommand(self, changes, text))

    # -- vocabulary ---------------------------------------------------------------------
    def add_label(self, label: Label) -> None:
        self._push(commands.AddLabelCommand(self, replace(label, id=None)))

    def change_label(self, label: Label) -> None:
        before = self.store.label(label.id) if label.id is not None else None
        if before is not None and before != label:
            self._push(commands.ChangeLabelCommand(self, before, label))

    def reorder_labels(self, label_ids: Sequence[int]) -> None:
        before = [label.id for label in self.store.labels(include_archived=True) if label.id is not None]
        if list(label_ids) != before:
            self._push(commands.ReorderLabelsCommand(self, before, list(label_ids)))

    # -- review ---------------------------------------------------------------------------
    def add_review(
        self, segment_id: str, verdict: Verdict, note: str = "", reviewer: str | None = None
    ) -> None:
        """Record a verdict by ``reviewer`` (default: the document's user)."""
        name = self.user if reviewer is None else reviewer
        review = Review(segment_id=segment_id, reviewer=name, verdict=verdict, note=note)
        self._push(commands.AddReviewCommand(self, review))

    # -- imports --------------------------------------------------------------------------
    def apply_import(self, plan: ImportPlan, text: str | None = None) -> ImportReport:
        """Write a checked import as one undoable step (all of it or, on error, nothing)."""
        self._push(ImportCommand(self, plan, text))
        return plan.report()

    # -- proposals ----------------------------------------------------------------------
    def add_proposals(self, plan: ImportPlan) -> ImportReport:
        """Store what an analysis proposes (``source = proposal``): one undoable step."""
        return self.apply_import(plan, f"Add {len(plan.segments)} proposals")

    def accept_proposals(self, segment_ids: Iterable[str], annotator: str | None = None) -> None:
        """The proposals among ``segment_ids`` become segments coded by the current user (or
        ``annotator``; their score and what proposed them stay in the attributes): one
        undoable step."""
        coder = self.user if annotator is None else annotator
        changes = [
            (before, replace(before, source=Source.MANUAL, annotator=coder,
                             attributes={**before.attributes, "accepted_proposal": True}))
            for before in (self.store.segment(segment_id) for segment_id in segment_ids)
            if before.source == Source.PROPOSAL
        ]  # fmt: skip
        self._push_changes(
            changes, "Accept proposal" if len(changes) == 1 else f"Accept {len(changes)} proposals"
        )

    def reject_proposals(self, segment_ids: Iterable[str]) -> None:
        """Delete the proposals among ``segment_ids`` (proposing again will not bring them
        back: their ids stay taken): one undoable step."""
        rejected = [i for i in segment_ids if self.store.segment(i).source == Source.PROPOSAL]
        if rejected:
            text = "Reject proposal" if len(rejected) == 1 else f"Reject {len(rejected)} proposals"
            self._push(commands.RemoveSegmentsCommand(self, [self.store.segment(i) for i in rejected], text))

    # -- steps ----------------------------------------------------------------------------
    @contextmanager
    def edit_group(self, text: str) -> Iterator[None]:
        """The edits made in the block are one undo step; a group inside a group joins it.

        Whatever was done when the block ends (even by an exception) is pushed, so the
        stack is never left half-open."""
        if self._group is not None:
            yield
            return
        group = self._group = EditGroupCommand(self, text)
        try:
            yield
        finally:
            self._group = None
            if group.children:
                group.applied_once()
                self.undo_stack.push(group)

    def _push(self, command: commands.DocumentCommand) -> None:
        """Apply ``command`` (errors reach the caller; nothing is stored or pushed), then
        put it on the stack, or into the open group."""
        try:
            with self._writing():
                command.apply()
        except StoreConflictError as error:
            # Another client got there first: nothing was stored, so nothing is pushed; the
            # views reload what is stored (theirs), and the message says why.
            self.command_refused.emit(f"“{command.text()}” was not saved: {error}")
            self.refresh()
            return
        except StoreConnectionError as error:
            # The server is away: nothing is pushed or shown. The views refresh when the
            # listener is back in touch (LiveUpdates), showing whatever the server holds.
            self.command_refused.emit(f"“{command.text()}” was not saved: {error}")
            return
        if self._group is not None:
            self._group.add(command)
        else:
            command.applied_once()
            self.undo_stack.push(command)

    def refresh(self) -> None:
        """Reload every view from the store: another client changed the project (a server
        project's notification), or a write of ours was refused. The undo stack stays: it
        holds only this user's edits, and one that no longer applies says so when undone."""
        self.reset.emit()

    def _replay(self, command: commands.DocumentCommand, step: Callable[[], None], verb: str) -> None:
        """Run an undo or redo from the stack; a refusal makes the command obsolete."""
        try:
            with self._writing():
                step()
        except _REFUSALS as error:
            log.warning("cannot %s %r: %s", verb, command.text(), error)
            self._refuse(command, verb, error, "It was changed elsewhere")
        except Exception as error:  # a bug: logged loudly, but never raised into Qt
            log.exception("cannot %s %r", verb, command.text())
            self._refuse(command, verb, error, "This is a fault in Annotator (the log has the details)")

    def _refuse(self, command: commands.DocumentCommand, verb: str, error: Exception, why: str) -> None:
        command.setObsolete(True)
        self.command_refused.emit(
            f"Cannot {verb} “{command.text()}”: {error}. {why}; "
            "the data is left as it is and this step is dropped."
        )

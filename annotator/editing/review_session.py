"""A review: a queue of segments, the one under review, verdicts and reviewer's fixes.

The queue is chosen once by filters (default: unreviewed segments) and keeps its order
while the reviewer works, so Up goes back to a segment already judged. Every verdict is
``document.add_review`` (a row in ``reviews``, undoable) and moves on to the next segment;
undoing it comes back to that segment. Segments removed while the review runs leave the
queue, and new ones that match the filters join it in order, the current one staying current.
Bound and label fixes are ordinary undoable document edits; each is grouped with an
``edited_by`` attribute naming the reviewer, so the segment records who changed it
(``annotator`` stays the person who coded it).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from annotator.domain.frame_times import FrameTimes
from annotator.domain.segment import (
    Review,
    Segment,
    SegmentError,
    Source,
    Verdict,
    check_bounds,
    review_status,
)
from annotator.editing import review_queue
from annotator.editing.annotation_document import AnnotationDocument
from annotator.editing.review_queue import PlayRange, ReviewCounts, ReviewFilters, SummaryRow

EDITED_BY = "edited_by"


class ReviewSession(QObject):
    """The reviewer's place in a queue of segments of one project."""

    queue_changed = Signal()
    current_changed = Signal(object)  # Segment, or None past the end
    counts_changed = Signal(object)  # ReviewCounts
    finished = Signal()  # the last segment got its verdict
    note_changed = Signal(str)

    def __init__(
        self, document: AnnotationDocument, reviewer: str = "", parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.document = document
        self.reviewer = reviewer
        self.filters = ReviewFilters()
        self.preroll_s = review_queue.DEFAULT_PREROLL_S
        self.postroll_s = review_queue.DEFAULT_POSTROLL_S
        self.loop = False
        self.note = ""
        self._queue: list[str] = []
        self._keys: dict[str, tuple[int, int, int]] = {}  # each queued segment's place, when it joined
        self._position = 0
        self._latest: dict[str, Review] = {}
        self._times: dict[int, FrameTimes] = {}
        document.review_added.connect(self._on_document_review_added)
        document.review_removed.connect(self._on_document_review_removed)
        document.segment_added.connect(self._on_document_segment_added)
        document.segment_changed.connect(self._on_document_segment_changed)
        document.segment_removed.connect(self._on_document_segment_removed)
        document.reset.connect(self._on_document_reset)

    # -- the queue ------------------------------------------------------------------------
    def set_filters(self, filters: ReviewFilters) -> None:
        """Choose the queue again and start at its first segment."""
        self.filters = filters
        self._latest = self.document.store.latest_reviews()
        segments = self.document.segments()
        self._queue = review_queue.select_queue(segments, self._latest, filters)
        queued = set(self._queue)
        self._keys = {s.id: review_queue.sort_key(s) for s in segments if s.id in queued}
        self._position = 0
        self.queue_changed.emit()
        self._moved()

    @property
    def queue(self) -> list[str]:
        return list(self._queue)

    @property
    def position(self) -> int:
        """0-based; ``len(queue)`` once past the last segment (the summary)."""
        return self._position

    def current(self) -> Segment | None:
        if self._position < len(self._queue):
            return self.document.segment(self._queue[self._position])
        return None

    def status(self, segment_id: str) -> str:
        return review_status(self._latest.get(segment_id))

    def latest_review(self, segment_id: str) -> Review | None:
        return self._latest.get(segment_id)

    def counts(self) -> ReviewCounts:
        return review_queue.count(self._queue, self._position, self._latest)

    def summary(self) -> list[SummaryRow]:
        """Per label and verdict, over the whole queue."""
        segments = [self.document.segment(segment_id) for segment_id in self._queue]
        return review_queue.summarize(segments, self._latest)

    def go_to(self, position: int) -> None:
        position = min(max(position, 0), len(self._queue))
        if position != self._position:
            self._position = position
            self._moved()

    def next(self) -> None:
        self.go_to(self._position + 1)

    def previous(self) -> None:
        self.go_to(self._position - 1)

    # -- verdicts and fixes ---------------------------------------------------------------
    def set_note(self, note: str) -> None:
        """The note the next verdict carries (cleared when moving on)."""
        if note != self.note:
            self.note = note
            self.note_changed.emit(note)

    def judge(self, verdict: Verdict) -> None:
        """Record ``verdict`` (with the pending note) on the current segment, then move on.

        On an analysis proposal a verdict decides it, in one undoable step: approve (or
        needs fix) accepts it as the reviewer's segment and records the verdict; reject
        rejects it (it leaves the project, and the queue moves on by itself)."""
        segment = self.current()
        if segment is None:
            return
        last = self._position == len(self._queue) - 1
        if segment.source == Source.PROPOSAL and verdict == Verdict.REJECTED:
            with self.document.edit_group("Review: reject proposal"):
                self.document.reject_proposals([segment.id])
        else:
            self._record(segment, verdict)
            self.next()
        if last:
            self.finished.emit()

    def _record(self, segment: Segment, verdict: Verdict) -> None:
        if segment.source != Source.PROPOSAL:
            self.document.add_review(segment.id, verdict, self.note, reviewer=self.reviewer)
            return
        with self.document.edit_group("Review: accept proposal"):
            self.document.accept_proposals([segment.id], annotator=self.reviewer)
            self.document.add_review(segment.id, verdict, self.note, reviewer=self.reviewer)

    def nudge(self, start_delta: int, end_delta: int) -> None:
        """Move the current segment's edges by frames, as one undoable edit by the reviewer."""
        segment = self.current()
        if segment is None:
            return
        start, end = segment.start_frame + start_delta, segment.end_frame + end_delta
        try:
            check_bounds(start, end, self.document.frame_count(segment.video_id))
        except SegmentError:
            return  # the edge is already at the video's end or would empty the segment
        self._edit(segment, "Review: fix edge", lambda: self.document.set_bounds(segment.id, start, end))

    def relabel(self, label_id: int) -> None:
        segment = self.current()
        if segment is not None and segment.label_id != label_id:
            self._edit(segment, "Review: relabel", lambda: self.document.relabel([segment.id], label_id))

    def _edit(self, segment: Segment, text: str, change: Callable[[], None]) -> None:
        """One undo step: the change, plus the reviewer's name in the segment's attributes."""
        with self.document.edit_group(text):
            change()
            if self.reviewer:
                after = self.document.segment(segment.id)
                self.document.set_attributes(segment.id, {**after.attributes, EDITED_BY: self.reviewer})

    # -- playing --------------------------------------------------------------------------
    def play_range(self, segment: Segment | None = None) -> PlayRange | None:
        """The frames the current (or given) segment plays, with pre- and post-roll."""
        segment = segment or self.current()
        if segment is None:
            return None
        times = self._times.get(segment.video_id)
        if times is None:
            times = self._times[segment.video_id] = self.document.store.video(segment.video_id).info.times()
        return review_queue.play_range(segment, times, self.preroll_s, self.postroll_s)

    def _moved(self) -> None:
        self.set_note("")
        self.current_changed.emit(self.current())
        self.counts_changed.emit(self.counts())

    # -- document signals -----------------------------------------------------------------
    def _on_document_review_added(self, review: Review) -> None:
        self._latest[review.segment_id] = review
        self.counts_changed.emit(self.counts())

    def _on_document_review_removed(self, review: Review) -> None:
        """A verdict undone: its segment's status goes back, and so does the review, to it."""
        history = self.document.store.reviews(review.segment_id)
        if history:
            self._latest[review.segment_id] = history[-1]
        else:
            self._latest.pop(review.segment_id, None)
        if review.segment_id in self._queue:
            position = self._queue.index(review.segment_id)
            if position != self._position:
                self._position = position
                self._moved()
                return
        self.counts_changed.emit(self.counts())

    def _on_document_segment_changed(self, _old: Segment, new: Segment) -> None:
        current = self.current()
        if current is not None and current.id == new.id:
            self.current_changed.emit(new)

    def _on_document_segment_added(self, segment: Segment) -> None:
        """A new (or restored) segment joins the queue in order if the filters pick it."""
        if segment.id in self._keys or not review_queue.matches(segment, self._latest, self.filters):
            return
        index = self._insert(segment)
        if index <= self._position:
            self._position += 1  # the same segment (or the summary) stays current
        self.queue_changed.emit()
        self._emit_position()

    def _on_document_segment_removed(self, segment: Segment) -> None:
        """A removed segment leaves the queue; if it was the current one, the next is current."""
        if segment.id not in self._keys:
            return
        index = self._queue.index(segment.id)
        self._queue.pop(index)
        del self._keys[segment.id]
        was_current = index == self._position
        if index < self._position:
            self._position -= 1
        self.queue_changed.emit()
        if was_current:
            self._moved()
        else:
            self._emit_position()

    def _on_document_reset(self) -> None:
        """Many rows changed at once (an import, its undo): segments that are gone leave the
        queue, new ones the filters pick join it in order; the current segment stays current
        (if it went, the one after it in order is current)."""
        current = self._queue[self._position] if self._position < len(self._queue) else None
        current_key = self._keys.get(current) if current is not None else None
        self._latest = self.document.store.latest_reviews()
        segments = self.document.segments()
        present = {segment.id for segment in segments}
        self._queue = [segment_id for segment_id in self._queue if segment_id in present]
        self._keys = {segment_id: self._keys[segment_id] for segment_id in self._queue}
        for segment in segments:
            if segment.id not in self._keys and review_queue.matches(segment, self._latest, self.filters):
                self._insert(segment)
        if current in self._keys:
            self._position = self._queue.index(current)
        elif current_key is not None:
            self._position = bisect_right([self._keys[segment_id] for segment_id in self._queue], current_key)
        else:
            self._position = len(self._queue)
        self.queue_changed.emit()
        self._moved()

    def _insert(self, segment: Segment) -> int:
        """Put ``segment`` into the queue in order; returns where."""
        key = review_queue.sort_key(segment)
        index = bisect_right([self._keys[segment_id] for segment_id in self._queue], key)
        self._queue.insert(index, segment.id)
        self._keys[segment.id] = key
        return index

    def _emit_position(self) -> None:
        """The current segment is unchanged but its row moved: the panel reselects it."""
        self.current_changed.emit(self.current())
        self.counts_changed.emit(self.counts())

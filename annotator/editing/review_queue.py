"""What a review works through: the queue, its counts, play ranges and the end summary.

Pure functions over domain objects (no Qt), so the rules are tested without a window:
which segments a set of filters picks, how far a segment plays before and after its
edges (from the video's frame table, so VFR and odd starts stay exact), and the
per-label tally of verdicts.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction

from annotator.domain.frame_times import FrameTimes
from annotator.domain.segment import UNREVIEWED, Review, Segment, Source, Verdict, review_status

STATUSES = (UNREVIEWED, *(verdict.value for verdict in Verdict))
DEFAULT_PREROLL_S = 1.0
DEFAULT_POSTROLL_S = 0.5


@dataclass(frozen=True)
class ReviewFilters:
    """Which segments to review; ``None`` means any. The default: all unreviewed ones, no
    analysis proposals (they are not anyone's coding until accepted)."""

    video_id: int | None = None
    label_id: int | None = None
    annotator: str | None = None
    status: str | None = UNREVIEWED
    proposals: str = "exclude"  # analysis proposals: "exclude", "include" or "only"
    segment_ids: frozenset[str] | None = None  # only these (search results sent to review)

    @classmethod
    def of_segments(cls, segment_ids: Iterable[str]) -> ReviewFilters:
        """Exactly these segments, whatever their status, proposals among them included."""
        return cls(status=None, proposals="include", segment_ids=frozenset(segment_ids))


@dataclass(frozen=True)
class PlayRange:
    """Frames a review plays: ``first_frame`` (start minus pre-roll) to ``stop_frame``
    (the frame on screen at end plus post-roll), both shown."""

    first_frame: int
    stop_frame: int


@dataclass(frozen=True)
class ReviewCounts:
    """Where the reviewer is in the queue and what the queue's segments have got so far."""

    position: int  # 1-based; total + 1 once past the last segment
    total: int
    approved: int = 0
    rejected: int = 0
    needs_fix: int = 0

    def text(self) -> str:
        """``17 / 120, 9 approved, 3 rejected, 1 needs fix``."""
        shown = min(self.position, self.total)
        parts = [f"{shown} / {self.total}", f"{self.approved} approved", f"{self.rejected} rejected"]
        if self.needs_fix:
            parts.append(f"{self.needs_fix} needs fix")
        return ", ".join(parts)


@dataclass(frozen=True)
class SummaryRow:
    """One label's tally at the end of a review."""

    label_id: int
    approved: int
    rejected: int
    needs_fix: int
    unreviewed: int


def matches(segment: Segment, latest: Mapping[str, Review], filters: ReviewFilters) -> bool:
    """Whether ``filters`` pick ``segment``, given the latest verdicts."""
    return (
        (filters.segment_ids is None or segment.id in filters.segment_ids)
        and (filters.video_id is None or segment.video_id == filters.video_id)
        and (filters.label_id is None or segment.label_id == filters.label_id)
        and (filters.annotator is None or segment.annotator == filters.annotator)
        and (filters.status is None or review_status(latest.get(segment.id)) == filters.status)
        and (
            filters.proposals == "include"
            or (segment.source == Source.PROPOSAL) == (filters.proposals == "only")
        )
    )


def sort_key(segment: Segment) -> tuple[int, int, int]:
    """A queue's order: by video, start, end."""
    return (segment.video_id, segment.start_frame, segment.end_frame)


def select_queue(
    segments: Iterable[Segment], latest: Mapping[str, Review], filters: ReviewFilters
) -> list[str]:
    """Ids of the segments ``filters`` pick, sorted by video, start, end."""
    chosen = sorted((segment for segment in segments if matches(segment, latest, filters)), key=sort_key)
    return [segment.id for segment in chosen]


def count(queue: Sequence[str], position: int, latest: Mapping[str, Review]) -> ReviewCounts:
    """Counts of the latest verdicts of ``queue``'s segments; ``position`` is 0-based."""
    tally = Counter(review_status(latest.get(segment_id)) for segment_id in queue)
    return ReviewCounts(
        position + 1,
        len(queue),
        tally[Verdict.APPROVED.value],
        tally[Verdict.REJECTED.value],
        tally[Verdict.NEEDS_FIX.value],
    )


def summarize(segments: Iterable[Segment], latest: Mapping[str, Review]) -> list[SummaryRow]:
    """Per label (in first-seen order), how many segments have each status."""
    tallies: dict[int, Counter[str]] = {}
    for segment in segments:
        tallies.setdefault(segment.label_id, Counter())[review_status(latest.get(segment.id))] += 1
    return [
        SummaryRow(
            label_id,
            tally[Verdict.APPROVED.value],
            tally[Verdict.REJECTED.value],
            tally[Verdict.NEEDS_FIX.value],
            tally[UNREVIEWED],
        )
        for label_id, tally in tallies.items()
    ]


def play_range(segment: Segment, times: FrameTimes, preroll_s: float, postroll_s: float) -> PlayRange:
    """From the frame on screen at ``t(start) - preroll`` to the one at ``t(end) + postroll``.

    With no post-roll the stop is the segment's last frame (``t(end)`` itself is where the
    next frame starts, which is not part of the segment).
    """
    start_s = times.seconds(segment.start_frame) - _exact(preroll_s)
    first = 0 if start_s <= 0 else times.frame_at(start_s)
    end_s = times.seconds(min(segment.end_frame, times.frame_count)) + _exact(postroll_s)
    stop = times.frame_at(end_s)
    if stop >= segment.end_frame and times.seconds(stop) == end_s:
        stop -= 1  # the frame starting exactly at the stop time is not shown
    stop = min(max(stop, segment.last_frame), times.frame_count - 1)
    return PlayRange(min(first, segment.start_frame), stop)


def _exact(seconds: float) -> Fraction:
    """A spin box's 0.1 as exactly 1/10, so an edge that lands on a frame start stays on it."""
    return Fraction(seconds).limit_denominator(1_000_000)

"""Rules the window's proposal and shot keys follow, as pure functions (no Qt).

Shots: the boundaries are frames where a new shot begins (``ShotBoundary.frame``), sorted.
Proposals: segments with ``source = proposal``; their score is the one the analysis gave
(``attributes["score"]``), what proposed them ``attributes["proposed_by"]``.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence

from annotator.domain.segment import Segment, Source

PROPOSED_BY = {"shots": "shot", "sounds": "sound event", "like": "more like this"}


def boundary_after(boundaries: Sequence[int], frame: int) -> int | None:
    """The first shot boundary after ``frame`` (None past the last)."""
    index = bisect.bisect_right(boundaries, frame)
    return boundaries[index] if index < len(boundaries) else None


def boundary_before(boundaries: Sequence[int], frame: int) -> int | None:
    """The last shot boundary before ``frame`` (None before the first)."""
    index = bisect.bisect_left(boundaries, frame)
    return boundaries[index - 1] if index > 0 else None


def shot_at(boundaries: Sequence[int], frame: int, frame_count: int) -> tuple[int, int]:
    """``[start, end)`` of the shot holding ``frame``: from the boundary at or before it
    (else frame 0) to the next one (else the end of the video)."""
    index = bisect.bisect_right(boundaries, frame)
    start = boundaries[index - 1] if index > 0 else 0
    end = boundaries[index] if index < len(boundaries) else frame_count
    return start, end


def is_proposal(segment: Segment) -> bool:
    return segment.source == Source.PROPOSAL


def score(segment: Segment) -> float | None:
    """The analysis's score of a proposal (kept once it is accepted), if it has one."""
    value = segment.attributes.get("score")
    return float(value) if isinstance(value, int | float) else None


def proposal_text(segment: Segment, label_name: str) -> str:
    """A proposal's tooltip: ``Proposal: shot (shot), score 0.87``."""
    by = str(segment.attributes.get("proposed_by", "analysis"))
    found = score(segment)
    scored = f", score {found:.2f}" if found is not None else ""
    return f"Proposal: {label_name} ({PROPOSED_BY.get(by, by)}){scored}"


def proposal_order(segment: Segment) -> tuple[int, int, int, str]:
    return (segment.video_id, segment.start_frame, segment.end_frame, segment.id)


def step_proposal(segments: Iterable[Segment], after: Segment | int, direction: int) -> Segment | None:
    """The next (``direction`` 1) or previous (-1) proposal of one video, by start frame:
    after the proposal ``after``, or after the frame ``after`` (the playhead: a proposal
    starting at it counts as the next one)."""
    proposals = sorted((s for s in segments if is_proposal(s)), key=proposal_order)
    if isinstance(after, Segment):
        key = proposal_order(after)
        later = [s for s in proposals if proposal_order(s) > key]
        earlier = [s for s in proposals if proposal_order(s) < key]
    else:
        later = [s for s in proposals if s.start_frame >= after]
        earlier = [s for s in proposals if s.start_frame < after]
    if direction > 0:
        return later[0] if later else None
    return earlier[-1] if earlier else None


def proposals_at_or_above(
    segments: Iterable[Segment], minimum: float, label_id: int | None = None
) -> list[str]:
    """Ids of the proposals scored ``minimum`` or more (of ``label_id`` if given)."""
    return [
        s.id
        for s in segments
        if is_proposal(s)
        and (label_id is None or s.label_id == label_id)
        and (found := score(s)) is not None
        and found >= minimum
    ]

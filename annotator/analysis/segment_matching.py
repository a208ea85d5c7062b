"""One-to-one matching of two coders' segments of a label, the highest IoU first.

IoU (intersection over union) of ``[s1, e1)`` and ``[s2, e2)`` counts frames:
``overlap = min(e1, e2) - max(s1, s2)``, ``union = (e1 - s1) + (e2 - s2) - overlap``.
Candidate pairs overlap (IoU > 0) and reach the threshold (IoU >= ``min_iou``, compared
exactly in integers). Greedy: the pair with the highest IoU is matched first, then the next
whose two segments are both still free, and so on; ties go to the earlier reference
segment, then the earlier other segment (by start, end, id).

Only overlapping pairs are looked at (a sweep over segments sorted by start), so two
coders' 10,000 segments cost about as much as their overlaps, never 10,000 squared.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from itertools import accumulate

from annotator.domain.segment import Segment


@dataclass(frozen=True, slots=True)
class Match:
    """A reference segment and the other coder's segment matched to it."""

    reference: Segment
    other: Segment
    overlap: int
    union: int

    @property
    def iou(self) -> Fraction:
        return Fraction(self.overlap, self.union)

    @property
    def start_diff(self) -> int:
        """``other.start_frame - reference.start_frame`` (negative: the other starts earlier)."""
        return self.other.start_frame - self.reference.start_frame

    @property
    def end_diff(self) -> int:
        return self.other.end_frame - self.reference.end_frame


def by_time(segments: Sequence[Segment]) -> list[Segment]:
    return sorted(segments, key=lambda s: (s.start_frame, s.end_frame, s.id))


def _candidates(
    reference: list[Segment], other: list[Segment], min_iou: Fraction
) -> list[tuple[float, int, int, int, int]]:
    """(-IoU, reference index, other index, overlap, union) of every pair that qualifies.

    The float IoU only orders pairs: two different ratios of whole numbers below 2**26
    (frame counts up to a month at 25 fps) differ by more than a double's rounding, and
    equal ratios round to the same double, so the order is the exact one."""
    starts = [s.start_frame for s in other]
    reach = list(accumulate((s.end_frame for s in other), max))  # running max of ends: sorted
    num, den = min_iou.numerator, min_iou.denominator
    found = []
    for i, ref in enumerate(reference):
        first, last = bisect_right(reach, ref.start_frame), bisect_left(starts, ref.end_frame)
        for j in range(first, last):
            candidate = other[j]
            overlap = min(ref.end_frame, candidate.end_frame) - max(ref.start_frame, candidate.start_frame)
            if overlap <= 0:
                continue
            union = ref.end_frame - ref.start_frame + candidate.end_frame - candidate.start_frame - overlap
            if overlap * den >= num * union:
                found.append((-overlap / union, i, j, overlap, union))
    return found


def match_segments(
    reference: Sequence[Segment], other: Sequence[Segment], min_iou: Fraction = Fraction(1, 2)
) -> list[Match]:
    """The greedy one-to-one matching of ``other`` to ``reference`` (see the module), in the
    order the pairs were matched."""
    ordered_reference, ordered_other = by_time(reference), by_time(other)
    taken_reference: set[int] = set()
    taken_other: set[int] = set()
    matches = []
    for _, i, j, overlap, union in sorted(_candidates(ordered_reference, ordered_other, min_iou)):
        if i in taken_reference or j in taken_other:
            continue
        taken_reference.add(i)
        taken_other.add(j)
        matches.append(Match(ordered_reference[i], ordered_other[j], overlap, union))
    return matches

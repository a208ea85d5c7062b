"""Frame coverage from segment edges, and greedy one-to-one IoU matching."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from reliability_reference import reference_frames, reference_matching

from annotator.analysis.coverage import covered_frames
from annotator.analysis.segment_matching import match_segments
from annotator.domain.segment import Segment


def seg(start: int, end: int, name: str = "") -> Segment:
    return Segment(1, 1, start, end, id=name or f"{start}-{end}")


def test_coverage_counts_overlaps_once_and_stops_at_the_end() -> None:
    covered = covered_frames([seg(2, 5), seg(4, 6), seg(8, 12)], 10)
    assert covered.tolist() == [0, 0, 1, 1, 1, 1, 0, 0, 1, 1]
    assert covered_frames([], 3).tolist() == [False] * 3
    assert covered_frames([seg(0, 1)], 0).tolist() == []


def test_the_highest_iou_is_matched_first() -> None:
    # r1 overlaps o1 (IoU 5/15) and o2 (8/10): o2 goes first; o1 is left for r2 (3/15).
    r1, r2 = seg(0, 10, "r1"), seg(12, 20, "r2")
    o1, o2 = seg(5, 15, "o1"), seg(1, 9, "o2")
    matches = match_segments([r1, r2], [o1, o2], Fraction(1, 5))
    assert [(m.reference.id, m.other.id, m.iou) for m in matches] == [
        ("r1", "o2", Fraction(4, 5)),
        ("r2", "o1", Fraction(1, 5)),
    ]
    assert [(m.start_diff, m.end_diff) for m in matches] == [(1, -1), (-7, -5)]
    assert [m.reference.id for m in match_segments([r1, r2], [o1, o2], Fraction(1, 2))] == ["r1"]


def test_the_threshold_is_inclusive_and_exact() -> None:
    # overlap 5, union 10: IoU exactly 1/2
    assert len(match_segments([seg(0, 10)], [seg(5, 10)], Fraction(1, 2))) == 1
    assert match_segments([seg(0, 10)], [seg(5, 10)], Fraction(501, 1000)) == []
    # touching segments never match, whatever the threshold
    assert match_segments([seg(0, 10)], [seg(10, 20)], Fraction(0)) == []


def test_one_to_one() -> None:
    matches = match_segments([seg(0, 10, "a")], [seg(0, 10, "b"), seg(0, 10, "c")], Fraction(1, 2))
    assert [(m.reference.id, m.other.id) for m in matches] == [("a", "b")]


spans = st.lists(
    st.tuples(st.integers(0, 60), st.integers(1, 25)).map(lambda t: (t[0], min(t[0] + t[1], 70))),
    max_size=12,
)


def segments_of(pairs: list[tuple[int, int]], prefix: str) -> list[Segment]:
    return [seg(s, e, f"{prefix}{index:02}") for index, (s, e) in enumerate(pairs)]


@settings(max_examples=300, deadline=None)
@given(spans, spans, st.sampled_from([Fraction(1, 10), Fraction(1, 3), Fraction(1, 2), Fraction(9, 10)]))
def test_matching_equals_the_all_pairs_reference(
    first: list[tuple[int, int]], second: list[tuple[int, int]], min_iou: Fraction
) -> None:
    reference, other = segments_of(first, "r"), segments_of(second, "o")
    matches = match_segments(reference, other, min_iou)
    assert [(m.reference.id, m.other.id) for m in matches] == reference_matching(reference, other, min_iou)


@settings(max_examples=200, deadline=None)
@given(spans)
def test_coverage_equals_the_frame_by_frame_reference(pairs: list[tuple[int, int]]) -> None:
    segments = segments_of(pairs, "s")
    assert covered_frames(segments, 64).astype(int).tolist() == reference_frames(segments, 64)
    assert covered_frames(segments, 64).dtype == np.bool_

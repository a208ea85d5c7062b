"""The disagreement list between two coders: unmatched segments and boundary differences."""

from __future__ import annotations

from fractions import Fraction

import pytest

from annotator.analysis.disagreements import DisagreementKind, find_disagreements
from annotator.domain.segment import Segment


def seg(start: int, end: int, name: str, label: int = 1) -> Segment:
    return Segment(1, label, start, end, id=name)


def test_unmatched_and_boundaries_sorted_by_time() -> None:
    a = [seg(100, 150, "a-late"), seg(0, 50, "a-first"), seg(300, 320, "a-alone"), seg(400, 410, "a-l2", 2)]
    b = [seg(2, 50, "b-first"), seg(104, 150, "b-late"), seg(200, 230, "b-alone")]
    found = find_disagreements(a, b, Fraction(1, 2), tolerance_frames=3)
    assert [(d.kind, d.start_frame, d.end_frame, d.segment_ids) for d in found] == [
        (DisagreementKind.BOUNDARIES, 100, 150, ("a-late", "b-late")),  # starts differ by 4 > 3
        (DisagreementKind.ONLY_B, 200, 230, ("b-alone",)),
        (DisagreementKind.ONLY_A, 300, 320, ("a-alone",)),
        (DisagreementKind.ONLY_A, 400, 410, ("a-l2",)),  # another label: B has none of it
    ]
    assert (found[0].start_diff, found[0].end_diff) == (4, 0)
    assert found[1].start_diff is None


def test_a_pair_spans_both_segments_and_labels_never_mix() -> None:
    found = find_disagreements([seg(10, 40, "a")], [seg(5, 45, "b")], Fraction(1, 2), 0)
    assert [(d.start_frame, d.end_frame) for d in found] == [(5, 45)]
    other_label = find_disagreements([seg(10, 40, "a", 1)], [seg(10, 40, "b", 2)], Fraction(1, 2), 0)
    assert [d.kind for d in other_label] == [DisagreementKind.ONLY_A, DisagreementKind.ONLY_B]


def test_within_tolerance_is_agreement() -> None:
    assert find_disagreements([seg(10, 40, "a")], [seg(12, 38, "b")], Fraction(1, 2), 2) == []
    assert len(find_disagreements([seg(10, 40, "a")], [seg(12, 38, "b")], Fraction(1, 2), 1)) == 1
    with pytest.raises(ValueError, match="tolerance"):
        find_disagreements([], [], Fraction(1, 2), -1)


def test_below_the_iou_threshold_both_are_unmatched() -> None:
    found = find_disagreements([seg(0, 10, "a")], [seg(7, 20, "b")], Fraction(1, 2), 0)
    assert {d.kind for d in found} == {DisagreementKind.ONLY_A, DisagreementKind.ONLY_B}

"""Agreement figures of coders' segments: hand-checked numbers, and the fast path against
the frame-by-frame reference (per label, overall, and pooled over videos)."""

from __future__ import annotations

import statistics
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from reliability_reference import reference_alpha, reference_frames, reference_kappa, reference_matching

from annotator.analysis.agreement import pooled, tally_label, tally_video
from annotator.analysis.agreement_figures import label_agreement, overall_alpha
from annotator.domain.segment import Segment


def seg(start: int, end: int, name: str = "", label: int = 1) -> Segment:
    return Segment(1, label, start, end, id=name or f"{start}-{end}")


def test_two_coders_by_hand() -> None:
    # A codes frames 0-3, B frames 2-5, of 10: table [[4, 2], [2, 2]], p_o = 0.6,
    # p_e = 0.4 * 0.4 + 0.6 * 0.6 = 0.52, kappa = 0.08 / 0.48 = 1/6; 20 values, 8 ones,
    # 4 units disagree: alpha = 1 - 19 * 8 / (2 * 12 * 8) = 5/24. IoU = 2/6.
    coded = [[seg(0, 4, "a")], [seg(2, 6, "b")]]
    strict = label_agreement(tally_label(coded, 10, Fraction(1, 2)))
    assert strict.kappa == pytest.approx(1 / 6)
    assert strict.alpha == pytest.approx(5 / 24)
    assert (strict.precision, strict.recall, strict.f1, strict.matched) == (0, 0, 0, 0)
    assert strict.start_diff_median is None
    assert "no matched" in strict.reasons["start_diff_median"]
    loose = label_agreement(tally_label(coded, 10, Fraction(3, 10)))
    assert (loose.precision, loose.recall, loose.f1, loose.matched) == (1, 1, 1, 1)
    assert (loose.start_diff_median, loose.end_diff_p90) == (2, 2)


def test_precision_and_recall_take_the_first_coder_as_reference() -> None:
    # A (reference): 2 segments, B: 4; one pair matches. Boundaries: |0 - 1|, |10 - 12|.
    a = [seg(0, 10, "a1"), seg(50, 60, "a2")]
    b = [seg(1, 12, "b1"), seg(20, 22, "b2"), seg(30, 32, "b3"), seg(40, 42, "b4")]
    figures = label_agreement(tally_label([a, b], 100))
    assert (figures.precision, figures.recall, figures.matched) == (0.25, 0.5, 1)
    assert figures.f1 == pytest.approx(2 * 1 / 6)
    assert (figures.start_diff_median, figures.end_diff_median) == (1, 2)


def test_undefined_figures_are_none_with_a_reason() -> None:
    nobody = label_agreement(tally_label([[], []], 50))
    for name in ("kappa", "alpha", "precision", "recall", "f1", "start_diff_median", "end_diff_p90"):
        assert getattr(nobody, name) is None
        assert nobody.reasons[name]
    assert nobody.matched == 0
    only_b = label_agreement(tally_label([[], [seg(0, 5)]], 50))
    assert (only_b.recall, only_b.precision, only_b.f1) == (None, 0, 0)
    three = label_agreement(tally_label([[seg(0, 5)], [seg(0, 5)], [seg(0, 5)]], 50))
    assert three.kappa is None
    assert "two coders" in three.reasons["kappa"]
    assert (three.alpha, three.f1, three.matched) == (1, 1, 3)


def test_three_coders_average_the_ordered_pairs() -> None:
    # A and B match; C has nothing: pairs (A,B) (B,A) precision 1, (C,*) undefined,
    # (A,C) (B,C) undefined too (C has no segments): precision mean over (A,B),(B,A),(C,A),(C,B)
    coded = [[seg(0, 10, "a")], [seg(0, 10, "b")], []]
    figures = label_agreement(tally_label(coded, 20))
    assert figures.precision == pytest.approx((1 + 1 + 0 + 0) / 4)
    assert figures.recall == pytest.approx((1 + 1 + 0 + 0) / 4)
    assert figures.f1 == pytest.approx((1 + 1 + 0 + 0 + 0 + 0) / 6)
    assert figures.matched == 1


def test_p90_interpolates_between_ranks() -> None:
    a = [seg(100 * i, 100 * i + 50, f"a{i}") for i in range(10)]
    b = [seg(100 * i + i, 100 * i + 50, f"b{i}") for i in range(10)]  # starts differ by 0..9
    figures = label_agreement(tally_label([a, b], 1000))
    assert figures.start_diff_median == 4.5
    assert figures.start_diff_p90 == pytest.approx(8.1)
    assert figures.end_diff_p90 == 0


spans = st.lists(
    st.tuples(st.integers(0, 38), st.integers(1, 12), st.integers(1, 2)).map(
        lambda t: (t[0], min(t[0] + t[1], 40), t[2])
    ),
    max_size=6,
)


def coder_segments(coder: int, items: list[tuple[int, int, int]]) -> list[Segment]:
    return [seg(s, e, f"c{coder}-{i}", label) for i, (s, e, label) in enumerate(items)]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(spans, min_size=2, max_size=3), min_size=1, max_size=2).filter(
    lambda videos: len({len(v) for v in videos}) == 1))  # fmt: skip
def test_figures_equal_the_reference_per_label_overall_and_pooled(videos: list[list[list]]) -> None:
    frame_count, min_iou = 40, Fraction(1, 3)
    tallies, units = [], {1: [], 2: []}
    for video in videos:
        coders = [coder_segments(c, items) for c, items in enumerate(video)]
        coded = {label: [[s for s in segs if s.label_id == label] for segs in coders] for label in (1, 2)}
        tallies.append(tally_video(coded, frame_count, min_iou))
        for label, per_coder in coded.items():
            frames = [reference_frames(segs, frame_count) for segs in per_coder]
            old = units[label]
            units[label] = [row + new for row, new in zip(old, frames, strict=True)] if old else frames
    total = pooled(tallies)
    for label in (1, 2):
        figures = label_agreement(total[label])
        expected_alpha = reference_alpha(units[label])
        assert figures.alpha == (None if expected_alpha is None else pytest.approx(float(expected_alpha)))
        if len(units[label]) == 2:
            expected_kappa = reference_kappa(*units[label])
            assert figures.kappa == (None if expected_kappa is None else pytest.approx(float(expected_kappa)))
    everything = [units[1][c] + units[2][c] for c in range(len(units[1]))]
    expected = reference_alpha(everything)
    assert overall_alpha(total) == (None if expected is None else pytest.approx(float(expected)))


@settings(max_examples=150, deadline=None)
@given(spans, spans)
def test_two_coder_segment_scores_equal_the_reference(first: list, second: list) -> None:
    a, b = coder_segments(0, first), coder_segments(1, second)
    figures = label_agreement(tally_label([a, b], 40, Fraction(1, 2)))
    pairs = reference_matching(a, b, Fraction(1, 2))
    assert figures.matched == len(pairs)
    assert figures.precision == (len(pairs) / len(b) if b else None)
    assert figures.recall == (len(pairs) / len(a) if a else None)
    assert figures.f1 == (2 * len(pairs) / (len(a) + len(b)) if a or b else None)
    by_id = {s.id: s for s in a + b}
    starts = [abs(by_id[x].start_frame - by_id[y].start_frame) for x, y in pairs]
    assert figures.start_diff_median == (statistics.median(starts) if starts else None)

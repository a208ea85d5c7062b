"""Airtime statistics: hand-worked examples (constant and variable frame rate) and a
frame-by-frame reference computed with exact fractions on random segments."""

from __future__ import annotations

from collections import defaultdict
from fractions import Fraction
from itertools import combinations, pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.analysis.statistics import compute, spans
from annotator.domain.frame_times import FrameTimes
from annotator.domain.segment import Segment

TEN_FPS = FrameTimes.constant(Fraction(10), 100)  # 10 s
# 6 frames: 0.1, 0.1, 0.5, 0.5, 0.2, 0.2 s long (time base 1/10)
VFR = FrameTimes(Fraction(1, 10), (0, 1, 2, 7, 12, 14), 16)
LABELS = {1: "laughter", 2: "gift exchange", 3: "driver swap"}


def names() -> dict:
    return {
        "label": lambda s: LABELS[s.label_id],
        "video": lambda s: f"video {s.video_id}",
        "annotator": lambda s: s.annotator or "(nobody)",
    }


def seg(video: int, label: int, start: int, end: int, who: str = "") -> Segment:
    return Segment(video, label, start, end, annotator=who)


def test_counts_totals_means_and_overlaps_counted_once_in_the_share() -> None:
    segments = [seg(1, 1, 0, 10), seg(1, 1, 5, 20), seg(1, 2, 50, 60)]
    stats = compute(segments, {1: TEN_FPS}, names())
    laughter, gift = (next(g for g in stats.groups if g.name == n) for n in ("laughter", "gift exchange"))
    assert (laughter.count, laughter.total_s, laughter.mean_s) == (2, 2.5, 1.25)
    assert laughter.airtime_share == pytest.approx(2.0 / 10)  # frames 0..19 once, not 2.5 s
    assert (gift.count, gift.total_s, gift.mean_s, gift.airtime_share) == (1, 1.0, 1.0, 0.1)
    assert [g.name for g in stats.groups] == ["gift exchange", "laughter"]
    assert stats.footage_s == 10.0
    assert stats.by == "label"


def test_variable_frame_rate_uses_each_frames_own_duration() -> None:
    stats = compute([seg(2, 1, 2, 4), seg(2, 2, 3, 6)], {2: VFR}, names())
    laughter, gift = (next(g for g in stats.groups if g.name == n) for n in ("laughter", "gift exchange"))
    assert laughter.total_s == 1.0  # two 0.5 s frames, not 2/average fps
    assert gift.total_s == pytest.approx(0.9)  # 0.5 + 0.2 + 0.2
    assert laughter.airtime_share == pytest.approx(1.0 / 1.6)
    assert stats.cooccurrence_s == {("gift exchange", "laughter"): 0.5}  # frame 3 only


def test_cooccurrence_is_per_video_and_pairs_are_sorted() -> None:
    segments = [seg(1, 3, 0, 20), seg(1, 1, 10, 30), seg(2, 1, 0, 6), seg(2, 2, 0, 1)]
    stats = compute(segments, {1: TEN_FPS, 2: VFR}, names())
    assert stats.cooccurrence_s == {("driver swap", "laughter"): 1.0, ("gift exchange", "laughter"): 0.1}
    assert stats.footage_s == pytest.approx(11.6)


def test_by_video_shares_are_of_that_video_and_by_annotator_of_all_footage() -> None:
    segments = [seg(1, 1, 0, 50, "ana"), seg(2, 1, 0, 6, "ben"), seg(2, 2, 2, 3, "ana")]
    by_video = compute(segments, {1: TEN_FPS, 2: VFR}, names(), "video")
    assert [(g.name, g.count, g.airtime_share) for g in by_video.groups] == [
        ("video 1", 1, 0.5),
        ("video 2", 2, 1.0),
    ]
    by_who = compute(segments, {1: TEN_FPS, 2: VFR}, names(), "annotator")
    ana = next(g for g in by_who.groups if g.name == "ana")
    assert (ana.count, ana.total_s) == (2, 5.5)
    assert ana.airtime_share == pytest.approx(round(5.5 / 11.6, 4))


def test_no_segments_gives_no_groups() -> None:
    stats = compute([], {1: TEN_FPS}, names())
    assert (stats.groups, stats.cooccurrence_s, stats.footage_s) == ([], {}, 10.0)


def reference(segments: list[Segment], times: dict[int, FrameTimes], by: str) -> tuple[dict, dict]:
    """Frame by frame, in exact fractions."""
    name = names()
    footage = sum(t.duration_s for t in times.values())
    frame_len = {v: [t.seconds(f + 1) - t.seconds(f) for f in range(t.frame_count)] for v, t in times.items()}
    groups: dict[str, list[Segment]] = defaultdict(list)
    for s in segments:
        groups[name[by](s)].append(s)
    rows = {}
    for group, members in groups.items():
        total = sum(
            times[s.video_id].seconds(s.end_frame) - times[s.video_id].seconds(s.start_frame) for s in members
        )
        frames = {(s.video_id, f) for s in members for f in range(s.start_frame, s.end_frame)}
        covered = sum(frame_len[v][f] for v, f in frames)
        span = times[members[0].video_id].duration_s if by == "video" else footage
        rows[group] = (len(members), total, covered / span)
    on: dict[str, set] = defaultdict(set)
    for s in segments:
        on[name["label"](s)] |= {(s.video_id, f) for f in range(s.start_frame, s.end_frame)}
    together = {}
    for a, b in combinations(sorted(on), 2):
        both = sum(frame_len[v][f] for v, f in on[a] & on[b])
        if both:
            together[(a, b)] = both
    return rows, together


def segment_on(video: int, frames: int) -> st.SearchStrategy[Segment]:
    return st.tuples(st.integers(0, frames - 1), st.integers(1, frames), st.sampled_from([1, 2, 3]),
                     st.sampled_from(["", "ana", "ben"])).map(
        lambda t: seg(video, t[2], min(t[0], t[1] - 1), max(t[1], t[0] + 1), t[3]))  # fmt: skip


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.one_of(segment_on(1, 100), segment_on(2, 6)), max_size=12),
    st.sampled_from(["label", "video", "annotator"]),
)
def test_matches_a_frame_by_frame_reference(segments: list[Segment], by: str) -> None:
    times = {1: TEN_FPS, 2: VFR}
    stats = compute(segments, times, names(), by)
    rows, together = reference(segments, times, by)
    assert [g.name for g in stats.groups] == sorted(rows)
    for g in stats.groups:
        count, total, share = rows[g.name]
        assert g.count == count
        assert g.total_s == pytest.approx(float(total), abs=1e-3)
        assert g.mean_s == pytest.approx(float(total) / count, abs=1e-3)
        assert g.airtime_share == pytest.approx(float(share), abs=1e-4)
    assert stats.cooccurrence_s.keys() == together.keys()
    for pair, seconds in together.items():
        assert stats.cooccurrence_s[pair] == pytest.approx(float(seconds), abs=1e-3)


def test_spans_join_overlapping_and_touching_segments_per_label_in_seconds() -> None:
    segments = [seg(1, 1, 0, 10), seg(1, 1, 5, 20), seg(1, 1, 20, 25), seg(1, 1, 40, 41), seg(1, 2, 99, 100)]
    found = spans(segments, TEN_FPS, names()["label"])
    assert found == {"gift exchange": [(9.9, 10.0)], "laughter": [(0.0, 2.5), (4.0, 4.1)]}
    assert spans([seg(2, 1, 2, 4)], VFR, names()["label"]) == {"laughter": [(0.2, 1.2)]}  # VFR frames
    assert spans([], TEN_FPS, names()["label"]) == {}


@settings(max_examples=100, deadline=None)
@given(st.lists(segment_on(1, 100), max_size=12))
def test_spans_cover_exactly_the_frames_of_each_label(segments: list[Segment]) -> None:
    found = spans(segments, TEN_FPS, names()["label"])
    for label, stretches in found.items():
        frames = {
            f for s in segments if LABELS[s.label_id] == label for f in range(s.start_frame, s.end_frame)
        }
        drawn = {f for start, end in stretches for f in range(round(start * 10), round(end * 10))}
        assert drawn == frames
        assert all(a[1] < b[0] for a, b in pairwise(stretches))  # apart, in order

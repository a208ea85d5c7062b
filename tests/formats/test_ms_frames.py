"""Whole milliseconds back to frames: every frame's exported time names that frame again,
the duration's names the end, and later times are refused, whatever the time base (the
times the EAF and REFI-QDA exports write are rounded half up)."""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from annotator.domain.frame_times import FrameTimes
from annotator.formats.ms_frames import MsFrames

TIME_BASES = [
    Fraction(1, 90000),
    Fraction(1, 1000),
    Fraction(1001, 30000),
    Fraction(1, 48000),
    Fraction(1, 2000),
]


def half_up_ms(ticks: int, time_base: Fraction) -> int:
    return int(ticks * time_base * 1000 + Fraction(1, 2))


def check(times: FrameTimes) -> None:
    frames = MsFrames(times)
    origin = times.pts[0]
    for frame, pts in enumerate(times.pts):
        written = half_up_ms(pts - origin, times.time_base)
        assert frames.frame(written, is_end=False) == frame
        assert frames.frame(written, is_end=True) == frame
    end = half_up_ms(times.end_pts - origin, times.time_base)
    assert frames.duration_ms == end
    assert frames.frame(end, is_end=True) == times.frame_count
    with pytest.raises(ValueError, match="past the end"):
        frames.frame(end, is_end=False)
    with pytest.raises(ValueError, match=f"{end + 1} ms is past the end"):
        frames.frame(end + 1, is_end=True)


def test_a_video_ending_on_half_a_millisecond_ends_where_its_rounded_length_says() -> None:
    # 90 kHz ticks: 3 frames of 40 ms and a last one of 40.5 ms; the duration, 160.5 ms, is
    # written as 161, which must still be the end.
    check(FrameTimes(Fraction(1, 90000), (0, 3600, 7200, 10800), 10800 + 3645))
    # The same with a first frame late in the container, as phones record.
    check(FrameTimes(Fraction(1, 90000), (2970, 6570), 6570 + 3645))
    # Half a millisecond before that end: no frame holds 160.5 ms, so it is the end too.
    frames = MsFrames(FrameTimes(Fraction(1, 90000), (0, 3600, 7200, 10800), 10800 + 3645))
    assert frames.frame(160, is_end=True) == 4
    with pytest.raises(ValueError, match="160 ms is past the end"):
        frames.frame(160, is_end=False)


def test_a_time_from_another_tool_names_the_frame_holding_it_plus_half_a_millisecond() -> None:
    # Frames start at 0, 33.7 and 66.6 ms and end at 100 ms (90 kHz ticks).
    frames = MsFrames(FrameTimes(Fraction(1, 90000), (0, 3033, 5994), 9000))
    times = (0, 33, 34, 66, 67, 99)
    assert [frames.frame(ms, is_end=False) for ms in times] == [0, 0, 1, 1, 2, 2]
    assert [frames.frame(ms, is_end=True) for ms in (*times, 100)] == [0, 0, 1, 1, 2, 2, 3]


@given(
    time_base=st.sampled_from(TIME_BASES),
    start=st.integers(0, 10**6),
    lengths_ms=st.lists(st.fractions(Fraction(2), Fraction(200)), min_size=1, max_size=30),
)
@example(time_base=Fraction(1, 90000), start=0, lengths_ms=[Fraction(81, 2)])
def test_every_written_time_names_its_frame(
    time_base: Fraction, start: int, lengths_ms: list[Fraction]
) -> None:
    pts = [start]
    for length in lengths_ms:
        pts.append(pts[-1] + max(1, round(length / 1000 / time_base)))
    check(FrameTimes(time_base, tuple(pts[:-1]), pts[-1]))

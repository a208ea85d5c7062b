"""The per-video clock behind the CSV columns: its fast timecodes are format_smpte's, its
milliseconds are exact and half up, and exported seconds name their own frame again."""

from __future__ import annotations

from fractions import Fraction

import pytest
from csv_helpers import NTSC, PHONE, VFR_TIMES, make_video
from hypothesis import given
from hypothesis import strategies as st

from annotator.domain.timecode import format_smpte
from annotator.domain.video import Video
from annotator.formats.video_clock import VideoClock

RATES = [Fraction(24000, 1001), Fraction(24), Fraction(25), NTSC, Fraction(30), Fraction(50)]
RATES += [Fraction(60000, 1001), Fraction(60), Fraction(120)]


@pytest.mark.parametrize("fps", RATES, ids=str)
def test_timecodes_equal_format_smpte_across_the_drop_frame_minutes(fps: Fraction) -> None:
    clock = VideoClock(make_video(1, "a.mp4", fps, 10).info)
    # Ten minutes and a bit covers every dropped-label boundary of the 10-minute cycle.
    for frame in range(0, int(fps * 610), 7):
        assert clock.timecode(frame) == format_smpte(frame, fps)
    for frame in (1798, 1799, 1800, 1801, 3597, 3598, 17981, 17982, 17983):
        assert clock.timecode(frame) == format_smpte(frame, fps)


@given(frame=st.integers(0, 30 * 3600 * 30), fps=st.sampled_from(RATES))
def test_timecodes_equal_format_smpte_anywhere(frame: int, fps: Fraction) -> None:
    assert VideoClock(make_video(1, "a.mp4", fps, 10).info).timecode(frame) == format_smpte(frame, fps)


def test_milliseconds_are_rounded_half_up_from_the_exact_time() -> None:
    # 48 fps: frame 3 is at exactly 62.5 ms, a tie.
    clock = VideoClock(make_video(1, "a.mp4", Fraction(48), 100).info)
    assert clock.seconds_text(3) == "0.063"
    ntsc = VideoClock(make_video(1, "a.mp4", NTSC, 100).info)
    assert [ntsc.seconds_text(n) for n in range(4)] == ["0.000", "0.033", "0.067", "0.100"]


@pytest.mark.parametrize(
    "video",
    [
        make_video(1, "a.mp4", Fraction(25), 500),
        make_video(1, "a.mp4", NTSC, 2000),
        make_video(1, "a.mp4", Fraction(48), 500),
        make_video(1, "a.mp4", Fraction(60000, 1001), 2000),
        PHONE,
    ],
    ids=["25", "29.97", "48", "59.94", "vfr"],
)
def test_exported_seconds_name_their_own_frame(video: Video) -> None:
    # A time rounded to the ms can sit up to 0.5 ms before its frame starts (0.033 for
    # 33.37 ms); reading seconds back allows for that, so no frame is off by one.
    clock = VideoClock(video.info)
    for frame in range(clock.frame_count):
        seconds = Fraction(clock.seconds_text(frame))
        assert clock.frame_of_seconds(seconds, is_end=False) == frame
        assert clock.frame_of_seconds(seconds, is_end=True) == frame
    assert clock.frame_of_seconds(Fraction(clock.duration_text), is_end=True) == clock.frame_count


def test_times_inside_a_frame_name_that_frame_and_times_past_the_end_are_refused() -> None:
    clock = VideoClock(PHONE.info)
    assert clock.frame_of_seconds(Fraction("0.14"), is_end=False) == 3  # frame 3 is [0.1333, 0.15)
    with pytest.raises(ValueError, match="past the end"):
        clock.frame_of_seconds(VFR_TIMES.duration_s, is_end=False)
    with pytest.raises(ValueError, match="past the end"):
        clock.frame_of_seconds(VFR_TIMES.duration_s + Fraction(1, 100), is_end=True)


def test_a_frame_outside_the_video_has_no_time_and_says_so() -> None:
    clock = VideoClock(make_video(1, "a.mp4", Fraction(25), 10).info)
    assert clock.ms(10) == 400  # the end
    for frame in (-1, 11):
        with pytest.raises(IndexError, match=rf"^frame {frame} is outside 0\.\.10$"):
            clock.ms(frame)

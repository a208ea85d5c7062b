from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from annotator.domain.frame_times import FrameTimes, FrameTimesError


def test_constant_rate_table() -> None:
    times = FrameTimes.constant(Fraction(25), 100)
    assert times.frame_count == 100
    assert times.seconds(0) == 0
    assert times.seconds(50) == 2
    assert times.seconds(100) == times.duration_s == 4
    assert not times.is_variable()


def test_non_zero_start_is_subtracted() -> None:
    # A phone recording whose first frame is shown at 0.033 s.
    times = FrameTimes(Fraction(1, 30000), (1000, 2001, 3002, 4003), 5004)
    assert times.start_s == Fraction(1, 30)
    assert times.seconds(1) == Fraction(1001, 30000)
    assert times.frame_at(0) == 0
    assert times.frame_at(Fraction(1001, 30000)) == 1


def test_variable_rate_maps_time_to_the_frame_that_holds_it() -> None:
    # 10 frames at 1/10 s then 10 frames at 1/30 s: n / fps would be wrong.
    pts = [i * 9 for i in range(10)] + [90 + 3 * i for i in range(10)]
    times = FrameTimes(Fraction(1, 90), tuple(pts), 120)
    assert times.is_variable()
    assert times.seconds(10) == 1
    assert times.frame_at(Fraction(105, 100)) == 11
    assert times.frame_at(Fraction(299, 1000)) == 2
    assert times.frame_at(-5) == 0
    assert times.frame_at(99) == 19


def test_mkv_millisecond_rounding_is_not_variable_rate() -> None:
    pts = tuple(round(i * 1001 / 30) for i in range(300))
    times = FrameTimes(Fraction(1, 1000), pts, round(300 * 1001 / 30))
    assert not times.is_variable()


@given(
    durations=st.lists(st.integers(min_value=1, max_value=5000), min_size=1, max_size=200),
    start=st.integers(min_value=0, max_value=10_000),
)
def test_every_frame_is_found_at_its_start_and_middle(durations: list[int], start: int) -> None:
    pts = [start]
    for d in durations[:-1]:
        pts.append(pts[-1] + d)
    times = FrameTimes(Fraction(1, 90000), tuple(pts), pts[-1] + durations[-1])
    for n in range(times.frame_count):
        assert times.frame_at(times.seconds(n)) == n
        assert times.frame_at(times.mid_seconds(n)) == n


@pytest.mark.parametrize(
    ("pts", "end"),
    [((), 1), ((0, 0), 1), ((0, 2, 1), 3), ((0, 1), 1)],
)
def test_bad_tables_are_refused(pts: tuple[int, ...], end: int) -> None:
    with pytest.raises(FrameTimesError):
        FrameTimes(Fraction(1, 25), pts, end)


def test_seconds_out_of_range() -> None:
    times = FrameTimes.constant(Fraction(25), 10)
    assert times.seconds(10) == Fraction(10, 25)  # frame_count: the end
    for frame in (11, -1):
        with pytest.raises(FrameTimesError, match=rf"frame {frame} is outside 0\.\.10"):
            times.seconds(frame)


def test_a_steady_video_that_starts_late_is_not_variable() -> None:
    late = FrameTimes(Fraction(1, 1000), tuple(range(5000, 6000, 100)), 6000)  # 10 frames of 0.1 s at 5 s
    assert not late.is_variable()
    assert FrameTimes(Fraction(1, 1000), (5000, 5100, 5300, 5400), 5500).is_variable()

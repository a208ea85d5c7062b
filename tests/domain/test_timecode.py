from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from annotator.domain.timecode import (
    Timecode,
    TimecodeError,
    format_smpte,
    is_drop_frame_rate,
    nominal_rate,
    parse_smpte,
)

RATES = [
    Fraction(24000, 1001),
    Fraction(24),
    Fraction(25),
    Fraction(30000, 1001),
    Fraction(30),
    Fraction(50),
    Fraction(60000, 1001),
    Fraction(60),
]


@pytest.mark.parametrize("fps", RATES, ids=lambda f: f"{float(f):.3f}")
@given(frame=st.integers(min_value=0, max_value=24 * 3600 * 60))
def test_round_trip_at_every_rate(fps: Fraction, frame: int) -> None:
    text = format_smpte(frame, fps)
    assert parse_smpte(text, fps) == frame


def _next_label(text: str, fps: Fraction) -> str:
    """The label after ``text``, counted as a clock counts: the frame digit up by one at
    the nominal rate, carrying into seconds, minutes and hours; in drop-frame, the first
    two labels of each minute (four at 59.94) skipped except in every tenth minute."""
    nominal = round(fps)
    drop = ";" in text
    hours, minutes, seconds, frames = (int(part) for part in text.replace(";", ":").split(":"))
    frames += 1
    if frames == nominal:
        frames, seconds = 0, seconds + 1
    if seconds == 60:
        seconds, minutes = 0, minutes + 1
    if minutes == 60:
        minutes, hours = 0, hours + 1
    if drop and seconds == 0 and frames == 0 and minutes % 10:
        frames = nominal // 15  # 2 at 29.97, 4 at 59.94
    return f"{hours:02d}:{minutes:02d}:{seconds:02d}{';' if drop else ':'}{frames:02d}"


@pytest.mark.parametrize("fps", RATES, ids=lambda f: f"{float(f):.3f}")
def test_the_first_frame_is_zero_at_every_rate(fps: Fraction) -> None:
    separator = ";" if fps in (Fraction(30000, 1001), Fraction(60000, 1001)) else ":"
    assert format_smpte(0, fps) == f"00:00:00{separator}00"


@pytest.mark.parametrize("fps", RATES, ids=lambda f: f"{float(f):.3f}")
@given(frame=st.integers(min_value=0, max_value=24 * 3600 * 60))
def test_the_next_frame_has_the_next_label(fps: Fraction, frame: int) -> None:
    """With frame 0 named 00:00:00:00, this names every frame exactly."""
    assert format_smpte(frame + 1, fps) == _next_label(format_smpte(frame, fps), fps)


@pytest.mark.parametrize(
    ("fps", "frame", "text"),
    [
        (Fraction(25), 25 * 3661 + 7, "01:01:01:07"),
        (Fraction(24000, 1001), 24 * 3600, "01:00:00:00"),  # counted at 24, not 23.976
        (Fraction(30), 30 * 60, "00:01:00:00"),  # 30 fps is not drop-frame
        (Fraction(50), 50 * 59 + 49, "00:00:59:49"),
        (Fraction(60000, 1001), 35964, "00:10:00;00"),  # 10 minutes at 59.94: nothing dropped
        (Fraction(60000, 1001), 3599, "00:00:59;59"),
        (Fraction(30000, 1001), 24 * 107892 - 1, "23:59:59;29"),
        (Fraction(120), 125, "00:00:01:005"),  # above 100 fps the frame has three digits
        (Fraction(101), 100, "00:00:00:100"),
        (Fraction(100), 99, "00:00:00:99"),  # at 100 fps two digits still hold every frame
    ],
)
def test_exact_labels_at_other_rates(fps: Fraction, frame: int, text: str) -> None:
    assert format_smpte(frame, fps) == text
    assert parse_smpte(text, fps) == frame


def test_drop_frame_can_be_turned_off_at_2997() -> None:
    assert format_smpte(1800, Fraction(30000, 1001), drop_frame=False) == "00:01:00:00"
    assert format_smpte(1800, Fraction(30000, 1001), drop_frame=True) == "00:01:00;02"


def test_a_comma_is_a_drop_frame_separator_too() -> None:
    fps = Fraction(30000, 1001)
    assert parse_smpte("00:01:00,02", fps) == 1800 == parse_smpte("00:01:00;02", fps)
    assert parse_smpte("00:10:00,00", fps) == 17982
    assert parse_smpte("00:01:00:02", fps) == 1802  # colons count without dropping
    with pytest.raises(TimecodeError, match="does not exist"):
        parse_smpte("00:01:00,01", fps)
    with pytest.raises(TimecodeError, match=r"29\.97"):
        parse_smpte("00:00:01,00", Fraction(25))


@pytest.mark.parametrize(
    ("frame", "text"),
    [
        (0, "00:00:00;00"),
        (1799, "00:00:59;29"),
        (1800, "00:01:00;02"),  # ;00 and ;01 do not exist in minute one
        (17982, "00:10:00;00"),  # every tenth minute keeps them
        (17981, "00:09:59;29"),
        (3598, "00:02:00;02"),
        (107892, "01:00:00;00"),
    ],
)
def test_drop_frame_minute_boundaries_at_2997(frame: int, text: str) -> None:
    fps = Fraction(30000, 1001)
    assert format_smpte(frame, fps) == text
    assert parse_smpte(text, fps) == frame


def test_drop_frame_at_5994_drops_four_labels() -> None:
    fps = Fraction(60000, 1001)
    assert format_smpte(3600, fps) == "00:01:00;04"
    assert parse_smpte("00:01:00;04", fps) == 3600


@pytest.mark.parametrize("text", ["00:01:00;00", "00:01:00;01", "00:59:00;01"])
def test_labels_skipped_by_drop_frame_are_refused(text: str) -> None:
    with pytest.raises(TimecodeError, match="does not exist"):
        parse_smpte(text, Fraction(30000, 1001))


def test_non_drop_rates_use_colons_and_count_nominal_frames() -> None:
    assert format_smpte(25 * 61 + 3, Fraction(25)) == "00:01:01:03"
    assert format_smpte(24 + 1, Fraction(24000, 1001)) == "00:00:01:01"
    assert not is_drop_frame_rate(Fraction(24000, 1001))


@pytest.mark.parametrize("text", ["", "1:2", "00:00:00:25", "00:60:00:00", "aa:bb:cc:dd", "00:00:60:00"])
def test_bad_timecodes_are_refused(text: str) -> None:
    with pytest.raises(TimecodeError):
        parse_smpte(text, Fraction(25))


def test_drop_frame_separator_is_refused_at_non_ntsc_rates() -> None:
    with pytest.raises(TimecodeError, match=r"29\.97"):
        parse_smpte("00:00:01;00", Fraction(25))


def test_timecode_value_type() -> None:
    tc = Timecode.parse("00:00:02:05", Fraction(25))
    assert tc.frame == 55
    assert str(tc) == "00:00:02:05"
    assert Timecode(0, Fraction(25)).smpte == "00:00:00:00"
    with pytest.raises(TimecodeError, match="frame must be >= 0, got -1"):
        Timecode(-1, Fraction(25))
    with pytest.raises(TimecodeError, match="frame must be >= 0, got -2"):
        format_smpte(-2, Fraction(25))


def test_a_rate_of_zero_or_less_has_no_timecode() -> None:
    assert nominal_rate(Fraction(30000, 1001)) == 30
    for fps in (Fraction(0), Fraction(-25)):
        with pytest.raises(TimecodeError, match=f"^frame rate must be positive, got {fps}$"):
            nominal_rate(fps)

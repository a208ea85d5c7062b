from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from annotator.domain.timecode import (
    Timecode,
    TimecodeError,
    format_smpte,
    is_drop_frame_rate,
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


@pytest.mark.parametrize("fps", RATES, ids=lambda f: f"{float(f):.3f}")
@given(frame=st.integers(min_value=0, max_value=24 * 3600 * 60))
def test_consecutive_frames_have_consecutive_or_dropped_labels(fps: Fraction, frame: int) -> None:
    a, b = format_smpte(frame, fps), format_smpte(frame + 1, fps)
    assert a < b


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


@pytest.mark.parametrize("text", ["", "1:2", "00:00:00:25", "00:61:00:00", "aa:bb:cc:dd", "00:00:60:00"])
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
    with pytest.raises(TimecodeError):
        Timecode(-1, Fraction(25))

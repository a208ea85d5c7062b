"""Pure tests for the Go-to parser."""

from __future__ import annotations

from fractions import Fraction

import pytest

from annotator.domain.frame_times import FrameTimes
from annotator.domain.goto import parse_position

FPS_25 = Fraction(25)
FPS_2997 = Fraction(30000, 1001)
TIMES_25 = FrameTimes.constant(FPS_25, 10_000)
TIMES_2997 = FrameTimes.constant(FPS_2997, 10_000)


@pytest.mark.parametrize(
    ("text", "frame"),
    [
        ("00:00:02:05", 55),
        (" 00:00:00:00 ", 0),
        ("1234", 1234),
        ("0", 0),
        ("12.5s", 312),
        ("12s", 300),
        ("12.5 S", 312),
        ("12.5", 312),
        ("12.", 300),
        (".04", 1),
        ("0.039", 0),
    ],
)
def test_parses_at_25_fps(text: str, frame: int) -> None:
    assert parse_position(text, TIMES_25, FPS_25) == frame


def test_drop_frame_timecode() -> None:
    assert parse_position("00:01:00;02", TIMES_2997, FPS_2997) == 1800
    assert parse_position("00:00:59;29", TIMES_2997, FPS_2997) == 1799


def test_seconds_use_the_table_not_a_rounded_rate() -> None:
    # Frame 30 starts at 1.001 s at 29.97 fps: 1.0 s still shows frame 29.
    assert parse_position("1.0", TIMES_2997, FPS_2997) == 29
    assert parse_position("1.001s", TIMES_2997, FPS_2997) == 30


def test_seconds_on_a_variable_rate_table() -> None:
    times = FrameTimes(Fraction(1, 1000), (0, 40, 200, 240), 280)
    assert parse_position("0.1s", times, FPS_25) == 1
    assert parse_position("0.2s", times, FPS_25) == 2


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "nothing to go to"),
        ("abc", "expected a timecode"),
        ("12,5", "expected a timecode"),
        ("-3", "expected a timecode"),
        ("00:00:02:30", "out of range"),
        ("00:01:00;00", "does not exist"),
        ("10000", "'10000' is past the end of the video \\(last frame 9999\\)"),
        ("400s", r"400\.000 s is past the end of the video \(400\.000 s\)"),
        ("01;02", "not a timecode"),  # semicolons alone are a mistyped timecode, not a number
    ],
)
def test_refuses_with_a_clear_message(text: str, message: str) -> None:
    fps, times = (FPS_2997, TIMES_2997) if ";" in text else (FPS_25, TIMES_25)
    with pytest.raises(ValueError, match=message):
        parse_position(text, times, fps)


def test_drop_frame_needs_an_ntsc_rate() -> None:
    with pytest.raises(ValueError, match="drop-frame"):
        parse_position("00:01:00;02", TIMES_25, FPS_25)

"""Parse what a user types into "Go to" (Ctrl+G) into a frame index.

Accepted, in the order tried:
- a SMPTE timecode, ``00:00:02:05`` or drop-frame ``00:01:00;02``;
- seconds with an ``s`` suffix (``12.5s``, ``12s``) or with a decimal point (``12.5``),
  looked up in the frame timestamp table (the frame showing at that time);
- a plain whole number, a 0-based frame index (``1234``).
A position past the end is refused, not clamped, so a typo is noticed.
"""

from __future__ import annotations

import re
from fractions import Fraction

from annotator.domain.frame_times import FrameTimes
from annotator.domain.timecode import TimecodeError, parse_smpte

_FRAME = re.compile(r"^\d+$")
_SECONDS = re.compile(r"^(\d+(?:\.\d*)?|\.\d+)\s*s$|^(\d+\.\d*|\.\d+)$", re.IGNORECASE)

EXPECTED = "a timecode (HH:MM:SS:FF, or HH:MM:SS;FF drop-frame), a frame number (1234) or seconds (12.5s)"


def parse_position(text: str, frame_times: FrameTimes, fps: Fraction) -> int:
    """The frame ``text`` names; ``ValueError`` saying what was expected otherwise."""
    cleaned = text.strip()
    if not cleaned:
        raise ValueError(f"nothing to go to: expected {EXPECTED}")
    if ":" in cleaned or ";" in cleaned:
        frame = _parse_timecode(cleaned, fps)
    elif _FRAME.match(cleaned):
        frame = int(cleaned)
    elif match := _SECONDS.match(cleaned):
        frame = _frame_at_seconds(Fraction(match.group(1) or match.group(2)), frame_times)
    else:
        raise ValueError(f"cannot read {text!r}: expected {EXPECTED}")
    if frame >= frame_times.frame_count:
        last = frame_times.frame_count - 1
        raise ValueError(f"{text!r} is past the end of the video (last frame {last})")
    return frame


def _parse_timecode(text: str, fps: Fraction) -> int:
    try:
        return parse_smpte(text, fps)
    except TimecodeError as error:
        raise ValueError(f"{error}; expected {EXPECTED}") from error


def _frame_at_seconds(seconds: Fraction, frame_times: FrameTimes) -> int:
    if seconds >= frame_times.duration_s:
        duration = float(frame_times.duration_s)
        raise ValueError(f"{float(seconds):.3f} s is past the end of the video ({duration:.3f} s)")
    return frame_times.frame_at(seconds)

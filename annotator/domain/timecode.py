"""SMPTE timecode for frame indices, with NTSC drop-frame.

A timecode labels a frame by counting frames at the nominal rate (30 for 29.97);
drop-frame (``HH:MM:SS;FF``) skips the labels ``;00`` and ``;01`` (``;00``-``;03`` at
59.94) at the start of every minute except each tenth, so the label stays close to
wall-clock time. Frame indices stay the truth; timecodes are only their names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction

DROP_FRAME_RATES = (Fraction(30000, 1001), Fraction(60000, 1001))

_SMPTE = re.compile(r"^\s*(\d{1,3}):(\d{2}):(\d{2})([:;.,])(\d{2,3})\s*$")


class TimecodeError(ValueError):
    """A timecode that cannot name a frame at the given rate."""


def nominal_rate(fps: Fraction) -> int:
    """Frames counted per timecode second: 30 for 30000/1001, 25 for 25."""
    if fps <= 0:
        raise TimecodeError(f"frame rate must be positive, got {fps}")
    return max(1, round(fps))


def is_drop_frame_rate(fps: Fraction) -> bool:
    """True for the NTSC rates whose timecode is written drop-frame."""
    return fps in DROP_FRAME_RATES


def _dropped_per_minute(fps: Fraction) -> int:
    return 2 * nominal_rate(fps) // 30


def format_smpte(frame: int, fps: Fraction, drop_frame: bool | None = None) -> str:
    """Name frame ``frame`` (0-based) as ``HH:MM:SS:FF`` or ``HH:MM:SS;FF``."""
    if frame < 0:
        raise TimecodeError(f"frame must be >= 0, got {frame}")
    drop = is_drop_frame_rate(fps) if drop_frame is None else drop_frame
    base = nominal_rate(fps)
    label = frame
    if drop:
        label = _frame_to_drop_label(frame, base, _dropped_per_minute(fps))
    ff = label % base
    total_s = label // base
    hh, rest = divmod(total_s, 3600)
    mm, ss = divmod(rest, 60)
    sep = ";" if drop else ":"
    width = 3 if base > 100 else 2
    return f"{hh:02d}:{mm:02d}:{ss:02d}{sep}{ff:0{width}d}"


def _frame_to_drop_label(frame: int, base: int, dropped: int) -> int:
    per_10min = base * 600 - dropped * 9
    per_min = base * 60 - dropped
    tens, rem = divmod(frame, per_10min)
    extra = 0 if rem < dropped else dropped * ((rem - dropped) // per_min)
    return frame + dropped * 9 * tens + extra


def parse_smpte(text: str, fps: Fraction) -> int:
    """The 0-based frame a timecode names; ``;`` marks drop-frame."""
    match = _SMPTE.match(text)
    if not match:
        raise TimecodeError(f"not a timecode (HH:MM:SS:FF): {text!r}")
    hh, mm, ss, sep, ff = match.groups()
    hours, minutes, seconds, frames = int(hh), int(mm), int(ss), int(ff)
    base = nominal_rate(fps)
    if minutes > 59 or seconds > 59 or frames >= base:
        raise TimecodeError(f"timecode out of range at {base} frames/s: {text!r}")
    label = ((hours * 60 + minutes) * 60 + seconds) * base + frames
    if sep in ";,":
        if not is_drop_frame_rate(fps):
            raise TimecodeError(f"drop-frame timecode {text!r} needs 29.97 or 59.94 fps")
        dropped = _dropped_per_minute(fps)
        total_minutes = hours * 60 + minutes
        if seconds == 0 and frames < dropped and total_minutes % 10 != 0:
            raise TimecodeError(f"{text!r} does not exist in drop-frame timecode")
        label -= dropped * (total_minutes - total_minutes // 10)
    return label


@dataclass(frozen=True, order=True)
class Timecode:
    """A frame index with its rate; formats and parses SMPTE."""

    frame: int
    fps: Fraction

    def __post_init__(self) -> None:
        if self.frame < 0:
            raise TimecodeError(f"frame must be >= 0, got {self.frame}")

    @property
    def smpte(self) -> str:
        return format_smpte(self.frame, self.fps)

    @classmethod
    def parse(cls, text: str, fps: Fraction) -> Timecode:
        return cls(parse_smpte(text, fps), fps)

    def __str__(self) -> str:
        return self.smpte

"""Ruler ticks that adapt to the zoom: frames, seconds, minutes or hours apart.

Ticks count timecode frames (the nominal rate: 30 for 29.97), so a one-second tick lands
where the SMPTE label's seconds change and its frames read ``00``. Labels drop what does
not change at the chosen step: ``00:01:05`` at second steps, ``01:05:12`` with frames
when ticks are frames apart, and no hours while the video is under an hour.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from fractions import Fraction

from annotator.domain.timecode import format_smpte, nominal_rate

MIN_LABEL_SPACING_PX = 90.0
_FRAME_STEPS = (1, 2, 5, 10)
_SECOND_STEPS = (1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600)


@dataclass(frozen=True)
class RulerSteps:
    """Frames between labelled (major) ticks and between small (minor) ticks."""

    major_frames: int
    minor_frames: int
    shows_frames: bool


def choose_steps(pixels_per_frame: float, fps: Fraction) -> RulerSteps:
    """The smallest step whose labels sit at least ``MIN_LABEL_SPACING_PX`` apart."""
    rate = nominal_rate(fps)
    frame_steps = [step for step in _FRAME_STEPS if step < rate]
    candidates = [(step, True) for step in frame_steps] + [(s * rate, False) for s in _SECOND_STEPS]
    for major, shows_frames in candidates:
        if major * pixels_per_frame >= MIN_LABEL_SPACING_PX:
            return RulerSteps(major, _minor_for(major, rate, pixels_per_frame), shows_frames)
    major = _SECOND_STEPS[-1] * rate
    return RulerSteps(major, major // 4, False)


def _minor_for(major: int, rate: int, pixels_per_frame: float) -> int:
    """A sub-division of ``major`` that leaves at least 6 px between minor ticks."""
    for divisor in (10, 5, 4, 2):
        minor = major // divisor
        if minor >= 1 and major % divisor == 0 and minor * pixels_per_frame >= 6:
            return minor
    return major


def ticks(first_frame: float, last_frame: float, step: int) -> Iterator[int]:
    """Multiples of ``step`` in ``[first_frame, last_frame]``, never negative."""
    start = max(0, int(first_frame // step) * step)
    frame = start
    while frame <= last_frame:
        yield frame
        frame += step


def tick_label(frame: int, fps: Fraction, steps: RulerSteps, with_hours: bool) -> str:
    """The ruler's text for a major tick."""
    text = format_smpte(frame, fps)  # HH:MM:SS:FF or HH:MM:SS;FF
    if not steps.shows_frames:
        text = text[:8]
    return text if with_hours else text[3:]

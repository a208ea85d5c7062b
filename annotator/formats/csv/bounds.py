"""A row's segment bounds from frames, timecodes or seconds.

Frames are the truth (DESIGN.md "Time"): each bound is read from the first non-empty of
``<side>_frame``, ``<side>_tc`` and ``<side>_s``, and the others are then ignored, even
when they disagree; ``start_tc``/``start_s`` are what our export derives from the frames.
To move a bound in a spreadsheet, edit the frame, or clear the frame cell and edit the
timecode or the seconds. Each bound is resolved on its own (a start by frame and an end by
timecode is fine).

Seconds name the frame that holds them (see :class:`VideoClock` for the half-millisecond
rounding allowance); ``end_s`` equal to the duration means "to the end". Timecodes name
frames as :func:`parse_smpte` does; ``end_tc`` names ``end_frame``, the first frame after
the segment, as in the export.
"""

from __future__ import annotations

import re
from fractions import Fraction

from annotator.domain.timecode import TimecodeError
from annotator.formats.csv.errors import FieldError
from annotator.formats.video_clock import VideoClock

#: (frame, timecode, seconds) cells of one bound, already stripped.
BoundCells = tuple[str, str, str]

_WHOLE = re.compile(r"\d+(?:\.0*)?")
_SECONDS = re.compile(r"\d+(?:[.,]\d*)?|[.,]\d+")
_NEGATIVE = re.compile(r"-\s*\d+(?:[.,]\d*)?")


def resolve_bounds(start: BoundCells, end: BoundCells, clock: VideoClock, video_name: str) -> tuple[int, int]:
    """``(start_frame, end_frame)`` of a row, checked against the video."""
    start_frame, _ = _bound(start, "start", clock, video_name)
    end_frame, end_field = _bound(end, "end", clock, video_name)
    if end_frame <= start_frame:
        reason = f"the end (frame {end_frame}) must come after the start (frame {start_frame})"
        raise FieldError(end_field, reason)
    return start_frame, end_frame


def _bound(cells: BoundCells, side: str, clock: VideoClock, video_name: str) -> tuple[int, str]:
    frame_text, tc_text, seconds_text = cells
    is_end = side == "end"
    if frame_text:
        field = f"{side}_frame"
        frame = parse_frame(frame_text, field)
    elif tc_text:
        field = f"{side}_tc"
        frame = _frame_of_timecode(tc_text, field, clock)
    elif seconds_text:
        field = f"{side}_s"
        return _frame_of_seconds(seconds_text, field, is_end, clock, video_name), field
    else:
        raise FieldError(f"{side}_frame", f"empty: give {side}_frame, {side}_tc or {side}_s")
    _check_in_video(frame, field, is_end, clock, video_name)
    return frame, field


def parse_frame(text: str, field: str) -> int:
    """A whole, non-negative frame number (``"12"``; ``"12.0"`` as pandas may write it)."""
    if text.isdecimal():
        return int(text)
    if _WHOLE.fullmatch(text):
        return int(text.partition(".")[0])
    if _NEGATIVE.fullmatch(text):
        raise FieldError(field, f"{text} is negative; frames count from 0")
    raise FieldError(field, f"{text!r} is not a whole number of frames")


def parse_seconds(text: str, field: str) -> Fraction:
    """Non-negative decimal seconds, exactly (``"1.5"``, ``"1,500"`` from European Excel)."""
    if _SECONDS.fullmatch(text):
        return Fraction(text.replace(",", "."))
    if _NEGATIVE.fullmatch(text):
        raise FieldError(field, f"{text} is negative; times count from the first frame")
    raise FieldError(field, f"{text!r} is not a number of seconds")


def _check_in_video(frame: int, field: str, is_end: bool, clock: VideoClock, video_name: str) -> None:
    last = clock.frame_count - 1
    if is_end and frame > clock.frame_count:
        reason = f"{frame} is past the last frame of {video_name} ({last}; an end is at most {last + 1})"
        raise FieldError(field, reason)
    if not is_end and frame > last:
        raise FieldError(field, f"{frame} is past the last frame of {video_name} ({last})")


def _frame_of_timecode(text: str, field: str, clock: VideoClock) -> int:
    try:
        return clock.frame_of_timecode(text)
    except TimecodeError as exc:
        raise FieldError(field, str(exc)) from None


def _frame_of_seconds(text: str, field: str, is_end: bool, clock: VideoClock, video_name: str) -> int:
    seconds = parse_seconds(text, field)
    try:
        return clock.frame_of_seconds(seconds, is_end=is_end)
    except ValueError:
        raise FieldError(
            field, f"{text} s is past the end of {video_name} ({clock.duration_text} s long)"
        ) from None

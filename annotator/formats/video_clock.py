"""Exact frame times and timecodes of one video, as the strings exports write.

Built once per video and then cheap per frame, so that 100,000 rows export in well under
a second without ever going through floats:

* seconds are ``t(n) = pts(n) - pts(0)`` from the frame timestamp table, an exact
  fraction, rounded to whole milliseconds **half up** with integer arithmetic and written
  with exactly three decimals (``t(frame_count)`` is the duration);
* timecodes are ``format_smpte(frame, fps)`` (drop-frame at 29.97 and 59.94), computed by
  integer arithmetic with the per-rate constants worked out once (a test pins it to
  :func:`annotator.domain.timecode.format_smpte` frame for frame);
* seconds read back map to the frame holding ``seconds + 0.5 ms``: a time rounded to the
  millisecond may sit up to half a millisecond before its frame starts, so exported
  seconds always name their own frame again (for frames longer than 1 ms).
"""

from __future__ import annotations

from fractions import Fraction

from annotator.domain.frame_times import FrameTimes
from annotator.domain.timecode import is_drop_frame_rate, nominal_rate, parse_smpte
from annotator.domain.video_info import VideoInfo

ROUNDING_TOLERANCE_S = Fraction(1, 2000)


class VideoClock:
    """Frame -> seconds text / timecode, and seconds / timecode -> frame, for one video."""

    def __init__(self, info: VideoInfo) -> None:
        self.fps = info.fps
        self.times: FrameTimes = info.times()
        self.frame_count = self.times.frame_count
        self._pts, self._end = self.times.pts, self.times.end_pts  # not copied: 1 ms an hour
        self._origin = self.times.pts[0]
        self._ms_num = self.times.time_base.numerator * 1000
        self._ms_den = self.times.time_base.denominator
        self._smpte = _SmpteFormatter(info.fps)

    def ms(self, frame: int) -> int:
        """``t(frame)`` in whole milliseconds, rounded half up; ``frame_count`` is the end."""
        if not 0 <= frame <= self.frame_count:
            raise IndexError(f"frame {frame} is outside 0..{self.frame_count}")
        edge = self._pts[frame] if frame < self.frame_count else self._end
        quotient, remainder = divmod((edge - self._origin) * self._ms_num, self._ms_den)
        return quotient + 1 if 2 * remainder >= self._ms_den else quotient

    def row_times(self, start: int, end: int) -> tuple[str, str, str, str, str]:
        """``start_tc, end_tc, start_s, end_s, duration_s`` of ``[start, end)`` in one call
        (the export's hot loop); ``duration_s`` is the difference of the rounded times."""
        pts, origin, num, den = self._pts, self._origin, 2 * self._ms_num, 2 * self._ms_den
        end_pts = self._end if end == self.frame_count else pts[end]  # past the end: IndexError
        start_ms = ((pts[start] - origin) * num + self._ms_den) // den
        end_ms = ((end_pts - origin) * num + self._ms_den) // den
        duration_ms = end_ms - start_ms
        return (
            self._smpte.format(start),
            self._smpte.format(end),
            f"{start_ms // 1000}.{start_ms % 1000:03d}",
            f"{end_ms // 1000}.{end_ms % 1000:03d}",
            f"{duration_ms // 1000}.{duration_ms % 1000:03d}",
        )

    def seconds_text(self, frame: int) -> str:
        """``t(frame)`` with exactly three decimals, e.g. ``"1.001"``."""
        return format_ms(self.ms(frame))

    def timecode(self, frame: int) -> str:
        """SMPTE timecode of ``frame``, drop-frame (``;``) at 29.97 and 59.94 fps."""
        return self._smpte.format(frame)

    def frame_of_timecode(self, text: str) -> int:
        """The frame a timecode names (raises ``TimecodeError``)."""
        return parse_smpte(text, self.fps)

    def frame_of_seconds(self, seconds: Fraction, *, is_end: bool) -> int:
        """The frame holding ``seconds`` (plus the rounding tolerance) from the first frame.

        An end at (or within rounding of) the duration is ``frame_count``; a time past the
        video raises ``ValueError``.
        """
        return frame_of_seconds(self.times, seconds, is_end=is_end)

    @property
    def duration_text(self) -> str:
        return self.seconds_text(self.frame_count)


def frame_of_seconds(times: FrameTimes, seconds: Fraction, *, is_end: bool) -> int:
    """The frame of ``times`` holding ``seconds`` (plus the rounding tolerance) from the first
    frame; an end at (or within rounding of) the duration is ``frame_count``; a time past
    the video raises ``ValueError``. (Shared by the CSV and EAF importers.)"""
    shifted = seconds + ROUNDING_TOLERANCE_S
    if is_end and shifted >= times.duration_s:
        if seconds - ROUNDING_TOLERANCE_S > times.duration_s:
            raise ValueError("past the end")
        return times.frame_count
    if shifted >= times.duration_s:
        raise ValueError("past the end")
    return times.frame_at(shifted)


def format_ms(ms: int) -> str:
    """Whole milliseconds as seconds with three decimals."""
    seconds, rest = divmod(ms, 1000)
    return f"{seconds}.{rest:03d}"


class _SmpteFormatter:
    """``format_smpte`` with the per-rate constants (and Fraction work) done once."""

    def __init__(self, fps: Fraction) -> None:
        self._base = nominal_rate(fps)
        self._drop = is_drop_frame_rate(fps)
        self._dropped = 2 * self._base // 30
        self._per_min = self._base * 60 - self._dropped
        self._per_10min = self._base * 600 - self._dropped * 9
        separator = ";" if self._drop else ":"
        width = 3 if self._base > 100 else 2
        self._frame_parts = tuple(f"{separator}{ff:0{width}d}" for ff in range(self._base))
        self._prefixes: dict[int, str] = {}

    def format(self, frame: int) -> str:
        if frame < 0:
            raise ValueError(f"frame must be >= 0, got {frame}")
        label = self._drop_label(frame) if self._drop else frame
        total_s, ff = divmod(label, self._base)
        prefix = self._prefixes.get(total_s)
        if prefix is None:
            hh, rest = divmod(total_s, 3600)
            mm, ss = divmod(rest, 60)
            prefix = self._prefixes[total_s] = f"{hh:02d}:{mm:02d}:{ss:02d}"
        return prefix + self._frame_parts[ff]

    def _drop_label(self, frame: int) -> int:
        dropped = self._dropped
        tens, rem = divmod(frame, self._per_10min)
        extra = 0 if rem < dropped else dropped * ((rem - dropped) // self._per_min)
        return frame + dropped * 9 * tens + extra

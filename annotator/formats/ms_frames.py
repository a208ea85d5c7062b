"""Whole milliseconds -> the frame that holds them, in integer arithmetic.

The same rule as :func:`annotator.formats.video_clock.frame_of_seconds` (a test pins them
together): the time plus half a millisecond (exported times are rounded half up) picks the
frame whose ``[t(n), t(n+1))`` holds it; an end at the duration (within the half
millisecond) is ``frame_count``; anything later is past the end. Integers instead of
``Fraction`` make 200,000 conversions take milliseconds rather than seconds.
"""

from __future__ import annotations

from bisect import bisect_right

from annotator.domain.frame_times import FrameTimes


class MsFrames:
    """Frame lookup by millisecond for one frame timestamp table."""

    def __init__(self, times: FrameTimes) -> None:
        self._pts = times.pts
        self._origin = times.pts[0]
        self.frame_count = times.frame_count
        # t(ms) in time-base ticks is ms * den / (1000 * num); work in halves of a millisecond.
        self._den = times.time_base.denominator
        self._scale = 2000 * times.time_base.numerator
        self._duration_halves = self._scale * (times.end_pts - self._origin)

    def frame(self, ms: int, *, is_end: bool) -> int:
        """The frame holding ``ms`` (a start) or ending there (``is_end``); ``ValueError``
        when the time is past the end of the video."""
        shifted = (2 * ms + 1) * self._den  # (ms + 0.5) in units of 1 / (2000 * den) s
        if shifted >= self._duration_halves:
            if is_end and (2 * ms - 1) * self._den <= self._duration_halves:
                return self.frame_count
            raise ValueError(f"{ms} ms is past the end")
        ticks = self._origin + shifted // self._scale
        return max(bisect_right(self._pts, ticks) - 1, 0)

    @property
    def duration_ms(self) -> int:
        """The duration rounded half up to whole milliseconds."""
        return (self._duration_halves // self._den + 1) // 2

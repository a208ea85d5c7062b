"""The frame timestamp table: when each frame of a video is shown.

Built from the stream's packets, it makes variable frame rate, a non-zero start time and
odd containers exact: ``seconds(n) = pts(n) - pts(0)`` and ``seconds(frame_count)`` is
the duration. Times are exact ``Fraction`` seconds; the player's float seconds map back
to the frame whose ``[t(n), t(n+1))`` holds them.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from fractions import Fraction
from itertools import pairwise


class FrameTimesError(ValueError):
    """A timestamp table that cannot describe a video."""


@dataclass(frozen=True)
class FrameTimes:
    """Presentation times of every frame, in ``time_base`` units, sorted.

    ``end_pts`` is where the last frame stops being shown (its pts plus its duration).
    """

    time_base: Fraction
    pts: tuple[int, ...]
    end_pts: int

    def __post_init__(self) -> None:
        if not self.pts:
            raise FrameTimesError("a video needs at least one frame")
        if self.time_base <= 0:
            raise FrameTimesError(f"time base must be positive, got {self.time_base}")
        if any(b <= a for a, b in zip(self.pts, self.pts[1:], strict=False)):
            raise FrameTimesError("frame times must strictly increase")
        if self.end_pts <= self.pts[-1]:
            raise FrameTimesError("the end must come after the last frame")

    @classmethod
    def constant(cls, fps: Fraction, frame_count: int, start_s: Fraction = Fraction(0)) -> FrameTimes:
        """A constant-rate table: frame n at ``start + n / fps``."""
        time_base = 1 / Fraction(fps)
        start = round(Fraction(start_s) / time_base)
        return cls(time_base, tuple(range(start, start + frame_count)), start + frame_count)

    @property
    def frame_count(self) -> int:
        return len(self.pts)

    @property
    def start_s(self) -> Fraction:
        """Presentation time of the first frame in the container (e.g. 0.033 s)."""
        return self.pts[0] * self.time_base

    @property
    def duration_s(self) -> Fraction:
        return (self.end_pts - self.pts[0]) * self.time_base

    def seconds(self, frame: int) -> Fraction:
        """Time of frame ``frame`` from the first frame; ``frame_count`` gives the end."""
        if frame == self.frame_count:
            return self.duration_s
        if not 0 <= frame < self.frame_count:
            raise FrameTimesError(f"frame {frame} is outside 0..{self.frame_count}")
        return (self.pts[frame] - self.pts[0]) * self.time_base

    def mid_seconds(self, frame: int) -> Fraction:
        """The middle of frame ``frame``: where a player should aim to land on it."""
        return (self.seconds(frame) + self.seconds(frame + 1)) / 2

    def frame_at(self, seconds: float | Fraction) -> int:
        """The frame shown at ``seconds`` from the start, clamped to the video."""
        target = Fraction(seconds) / self.time_base + self.pts[0]
        index = bisect_right(self.pts, target) - 1
        return min(max(index, 0), self.frame_count - 1)

    def average_fps(self) -> Fraction:
        return Fraction(self.frame_count) / self.duration_s

    def is_variable(self, tolerance: Fraction = Fraction(1, 100)) -> bool:
        """True when a frame's duration differs from the mean by more than ``tolerance``
        of it (and by more than one tick of the time base, which rounding can cost)."""
        edges = (*self.pts, self.end_pts)
        count = len(self.pts)
        total = self.end_pts - self.pts[0]
        allowed = max(total * tolerance, Fraction(count))
        return any(abs((b - a) * count - total) > allowed for a, b in pairwise(edges))

"""Dissolves by twin comparison (fades through black are ``fades.py``'s).

A hard cut is one big change between two frames; a dissolve is a run of moderate changes
that add up to a new picture. Each frame's change from the one before is compared with a
low threshold, a multiple of the median change before the run (so a moving shot raises
it); a run of changed frames becomes a dissolve when the frames on either side of it differ
by at least ``high`` and the run looks like a blend, not like motion: its middle frame is
close to the half-way mix of the two ends. Score: the distance between the two ends
(``picture_features.distance``).
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from statistics import median

from annotator.analysis.picture_features import Tiny, blend_distance, distance
from annotator.analysis.results import ShotBoundary, ShotKind


@dataclass(frozen=True)
class GradualSettings:
    low_factor: float = 1.6  # a changed frame moves this many times the median before the run
    low_floor: float = 1.0  # ... and at least this much
    high: float = 20.0  # the two ends of a dissolve differ at least this much
    min_frames: int = 6
    max_frames: int = 90
    blend_tolerance: float = 0.35  # middle-to-blend distance, as a share of the ends' distance
    gap: int = 2  # quiet frames allowed inside a run


class GradualFinder:
    """Feed it every frame in order; it reports each transition once the run has ended."""

    def __init__(self, settings: GradualSettings | None = None) -> None:
        self.settings = settings or GradualSettings()
        self._frames: deque[tuple[int, Tiny]] = deque(maxlen=self.settings.max_frames + 8)
        self._changes: deque[float] = deque(maxlen=50)
        self._run: tuple[int, int] | None = None  # first and last changed frame
        self._quiet = 0

    def push(self, index: int, frame: Tiny, change: float, cut_here: bool) -> ShotBoundary | None:
        """Frame ``index`` changed by ``change`` from the one before; a hard cut at this
        frame ends any run (the cut is reported by the hard-cut detector)."""
        low = max(self.settings.low_floor, self.settings.low_factor * self._recent_median())
        self._frames.append((index, frame))
        if self._run is None:
            self._changes.append(change)  # the baseline is what came before a run
        found: ShotBoundary | None = None
        if cut_here:
            self._run, self._quiet = None, 0
        elif change >= low:
            self._run = (self._run[0] if self._run else index, index)
            self._quiet = 0
        elif self._run is not None:
            self._quiet += 1
            if self._quiet > self.settings.gap:
                found = self._judge(*self._run)
                self._run, self._quiet = None, 0
        return found

    def finish(self) -> ShotBoundary | None:
        """The end of the video: a run still open is judged now."""
        run, self._run = self._run, None
        return self._judge(*run) if run is not None else None

    def _recent_median(self) -> float:
        return median(self._changes) if self._changes else 0.0

    def _frame(self, index: int) -> Tiny | None:
        return next((frame for i, frame in self._frames if i == index), None)

    def _judge(self, first: int, last: int) -> ShotBoundary | None:
        settings = self.settings
        if not settings.min_frames <= last - first + 1 <= settings.max_frames:
            return None
        before, after = self._frame(first - 1), self._frame(last)
        middle = self._frame((first - 1 + last) // 2)
        if before is None or after is None or middle is None:
            return None
        apart = distance(before, after)
        if apart < settings.high or not self._blend_like(before, after, middle):
            return None
        return ShotBoundary((first + last + 1) // 2, ShotKind.GRADUAL, first, last + 1, round(apart, 2))

    def _blend_like(self, before: Tiny, after: Tiny, middle: Tiny) -> bool:
        return blend_distance(middle, before, after) <= self.settings.blend_tolerance * distance(
            before, after
        )

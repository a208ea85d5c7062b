"""Shot boundaries, in one pass over a video's frames (the proxy's where there is one).

Hard cuts come from PySceneDetect's ``AdaptiveDetector`` (content change against a rolling
average, so camera motion raises the bar), each kept only if the two frames really differ
(``cut_floor`` in BGR: its HSV score jumps on near-grey pictures); dissolves from
``GradualFinder``; fades through black from ``find_fades``, which take in whatever else was
found inside them. The detector is fed timecodes built from the frame table's own
presentation times, and every cut it returns is mapped back to our frame through those
times, never through its frame numbers (computed from an average rate). The same pass
computes each frame's colour/edge signature, which "more like this" uses.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from fractions import Fraction

import numpy as np
import numpy.typing as npt
from scenedetect import AdaptiveDetector, FrameTimecode
from scenedetect.common import Timecode

from annotator.analysis.fades import FadeSettings, find_fades
from annotator.analysis.gradual import GradualFinder, GradualSettings
from annotator.analysis.picture_features import (
    SIGNATURE_SIZE,
    Bgr,
    Tiny,
    brightness,
    distance,
    signature,
    tiny,
)
from annotator.analysis.results import AnalysisCancelled, ShotBoundary, ShotKind
from annotator.domain.frame_times import FrameTimes

Progress = Callable[[float], None]
Cancel = Callable[[], bool]

SCAN_SIZE = (256, 144)
"""The size frames are analysed at (PySceneDetect's own default downscale is ~256 wide)."""


@dataclass(frozen=True)
class ShotSettings:
    adaptive_threshold: float = 3.0
    min_content_val: float = 15.0
    window_width: int = 2
    min_scene_frames: int = 10
    cut_floor: float = 12.0  # BGR distance a cut's two frames must have
    gradual: GradualSettings = field(default_factory=GradualSettings)
    fades: FadeSettings = field(default_factory=FadeSettings)


@dataclass(frozen=True)
class ShotAnalysis:
    boundaries: list[ShotBoundary]
    signatures: npt.NDArray[np.float32]  # one row of ``SIGNATURE_SIZE`` per frame


class _HardCuts:
    """PySceneDetect's adaptive detector on our frames and our times."""

    def __init__(self, times: FrameTimes, settings: ShotSettings) -> None:
        self._times = times
        self._rate = Fraction(times.frame_count) / times.duration_s
        self._detector = AdaptiveDetector(
            adaptive_threshold=settings.adaptive_threshold,
            min_scene_len=settings.min_scene_frames,
            window_width=settings.window_width,
            min_content_val=settings.min_content_val,
        )
        self._by_pts = {pts: n for n, pts in enumerate(times.pts)}

    def push(self, index: int, bgr: Bgr) -> list[int]:
        """Frame ``index``; the frames at which cuts were found so far (a few frames late:
        the detector looks ``window_width`` frames ahead)."""
        time = Timecode(pts=self._times.pts[index], time_base=self._times.time_base)
        stamp = FrameTimecode(time, self._rate)
        return [self._by_pts[cut.pts] for cut in self._detector.process_frame(stamp, bgr)]


def detect_shots(
    frames: Iterable[tuple[int, Bgr]],
    times: FrameTimes,
    settings: ShotSettings | None = None,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> ShotAnalysis:
    """Every shot boundary in ``frames`` (``(index, BGR array)`` in order, all of them)."""
    settings = settings or ShotSettings()
    hard = _HardCuts(times, settings)
    dissolves = GradualFinder(settings.gradual)
    signatures = np.zeros((times.frame_count, SIGNATURE_SIZE), np.float32)
    levels = np.zeros(times.frame_count, np.float32)
    changes = np.zeros(times.frame_count, np.float32)
    cuts: list[int] = []
    found: list[ShotBoundary] = []
    previous: Tiny | None = None
    for index, bgr in frames:
        if cancel is not None and index % 64 == 0 and cancel():
            raise AnalysisCancelled
        small = tiny(bgr)
        changes[index] = distance(previous, small) if previous is not None else 0.0
        levels[index] = brightness(small)
        cuts += hard.push(index, bgr)
        abrupt = changes[index] >= settings.cut_floor * 2
        dissolve = dissolves.push(index, small, float(changes[index]), cut_here=abrupt)
        found += [dissolve] if dissolve is not None else []
        signatures[index] = signature(small)
        previous = small
        if progress is not None and index % 256 == 0:
            progress(index / times.frame_count)
    last = dissolves.finish()
    found += [last] if last is not None else []
    kept = {cut: float(changes[cut]) for cut in cuts if changes[cut] >= settings.cut_floor}
    return ShotAnalysis(_merge(kept, found, find_fades(levels.tolist(), settings.fades)), signatures)


def _merge(
    cuts: dict[int, float], dissolves: list[ShotBoundary], fades: list[ShotBoundary]
) -> list[ShotBoundary]:
    """Fades, the dissolves and cuts outside them, and the cuts outside the dissolves."""

    def inside(frame: int, spans: list[ShotBoundary]) -> bool:
        return any(span.start_frame - 2 <= frame <= span.end_frame + 2 for span in spans)

    kept_dissolves = [d for d in dissolves if not inside(d.frame, fades)]
    kept_dissolves = [
        d for d in kept_dissolves if not any(d.start_frame - 2 <= c <= d.end_frame + 2 for c in cuts)
    ]
    hard = [
        ShotBoundary(at, ShotKind.HARD, at, at + 1, round(score, 2))
        for at, score in cuts.items()
        if not inside(at, fades)
    ]
    return sorted([*hard, *kept_dissolves, *fades], key=lambda boundary: boundary.frame)

"""More like this: the stretches of a project most like the segments coded with one label.

Each stretch (the examples, and candidate windows as long as the examples' median, every
half window, over every video) is described by its sound, the mean and spread of its 100 ms
log-mel cells, and by its pictures, the mean and spread of its frames' colour/edge
signatures. Every number is standardised over all stretches; the similarity of a window is
its cosine similarity to the examples' mean (sound and pictures weighted equally where both
exist), from -1 to 1. The best windows that overlap neither each other nor any segment of
the label already coded are returned.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from statistics import median

import numpy as np
import numpy.typing as npt

from annotator.analysis.sounds import SoundCells
from annotator.domain.frame_times import FrameTimes

Floats = npt.NDArray[np.float32]


@dataclass(frozen=True, slots=True)
class Stretch:
    video_id: int
    start_frame: int
    end_frame: int

    def overlaps(self, other: Stretch) -> bool:
        return (
            self.video_id == other.video_id
            and self.start_frame < other.end_frame
            and other.start_frame < self.end_frame
        )


@dataclass(frozen=True)
class VideoFeatures:
    times: FrameTimes
    cells: SoundCells | None  # None: no sound
    signatures: Floats  # one row per frame


@dataclass(frozen=True, slots=True)
class Match:
    stretch: Stretch
    similarity: float


def _describe(features: VideoFeatures, stretch: Stretch) -> tuple[Floats | None, Floats]:
    """The sound and picture description of one stretch."""
    rows = features.signatures[stretch.start_frame : stretch.end_frame]
    picture = np.concatenate([rows.mean(axis=0), rows.std(axis=0)]).astype(np.float32)
    cells = features.cells
    if cells is None or len(cells.log_mel) == 0:
        return None, picture
    start_s = float(features.times.seconds(stretch.start_frame)) - cells.offset_s
    end_s = float(features.times.seconds(stretch.end_frame)) - cells.offset_s
    first = min(max(0, int(start_s / 0.1)), len(cells.log_mel) - 1)
    last = min(max(first + 1, int(np.ceil(end_s / 0.1))), len(cells.log_mel))
    mel = cells.log_mel[first:last]
    sound = np.concatenate([mel.mean(axis=0), mel.std(axis=0), [cells.loudness_db[first:last].mean()]])
    return sound.astype(np.float32), picture


def _windows(videos: Mapping[int, VideoFeatures], length: int) -> list[Stretch]:
    step = max(1, length // 2)
    return [
        Stretch(video_id, start, start + length)
        for video_id, features in videos.items()
        for start in range(0, max(1, features.times.frame_count - length + 1), step)
    ]


def _similarities(matrix: Floats, examples: int) -> Floats:
    """Cosine similarity of each row after ``examples`` to the mean of the first rows,
    every column standardised over all rows."""
    spread = matrix.std(axis=0)
    spread[spread == 0] = 1
    normal = (matrix - matrix.mean(axis=0)) / spread
    centre = normal[:examples].mean(axis=0)
    rows = normal[examples:]
    norms = np.linalg.norm(rows, axis=1) * max(float(np.linalg.norm(centre)), 1e-9)
    result: Floats = (rows @ centre / np.maximum(norms, 1e-9)).astype(np.float32)
    return result


def find_similar(
    videos: Mapping[int, VideoFeatures],
    examples: Sequence[Stretch],
    count: int = 10,
    exclude: Sequence[Stretch] = (),
) -> list[Match]:
    """The ``count`` stretches most like ``examples`` (see the module docstring)."""
    if not examples:
        return []
    length = max(1, round(median(e.end_frame - e.start_frame for e in examples)))
    windows = [w for w in _windows(videos, length) if not any(w.overlaps(x) for x in (*examples, *exclude))]
    if not windows:
        return []
    described = [_describe(videos[s.video_id], s) for s in (*examples, *windows)]
    score = _similarities(np.array([picture for _, picture in described]), len(examples))
    if all(sound is not None for sound, _ in described):
        sounds = np.array([sound for sound, _ in described], np.float32)
        score = ((score + _similarities(sounds, len(examples))) / 2).astype(np.float32)
    return _best_apart(windows, score, count)


def _best_apart(windows: list[Stretch], score: Floats, count: int) -> list[Match]:
    chosen: list[Match] = []
    for index in np.argsort(-score):
        window = windows[int(index)]
        if not any(window.overlaps(match.stretch) for match in chosen):
            chosen.append(Match(window, round(float(score[index]), 3)))
            if len(chosen) == count:
                break
    return chosen

"""Airtime statistics of coded segments: per label, video or annotator, and co-occurrence.

Durations are seconds of the video from its frame timestamp table (exact on variable frame
rate): a segment ``[s, e)`` lasts ``t(e) - t(s)``. Per group: the number of segments, their
total and mean duration, and the share of airtime: the seconds covered by at least one of
the group's segments (overlaps counted once) over the seconds of footage in scope (every
video of ``times``; for a group of one video, that video).
Co-occurrence: for each pair of labels, the seconds during which both are on screen (the
frames both cover, each frame counted for its own duration).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from itertools import combinations

import numpy as np
import numpy.typing as npt

from annotator.domain.frame_times import FrameTimes
from annotator.domain.segment import Segment
from annotator.domain.statistics import GroupStats, Statistics

BY = ("label", "video", "annotator")


def _durations(times: FrameTimes) -> npt.NDArray[np.float64]:
    edges = np.array([*times.pts, times.end_pts], np.float64) * float(times.time_base)
    return np.diff(edges)


def _covered(segments: Sequence[Segment], frames: int) -> npt.NDArray[np.bool_]:
    """Which frames at least one of ``segments`` covers (bincount over edges, no loops per frame)."""
    starts = np.array([s.start_frame for s in segments], np.int64)
    ends = np.array([s.end_frame for s in segments], np.int64)
    change = np.bincount(starts, minlength=frames + 1) - np.bincount(ends, minlength=frames + 1)
    return np.cumsum(change[:frames]) > 0


def _seconds(times: FrameTimes, start: int, end: int) -> float:
    return float(times.seconds(end) - times.seconds(start))


def compute(
    segments: Sequence[Segment],
    times: Mapping[int, FrameTimes],
    names: Mapping[str, Callable[[Segment], str]],
    by: str = "label",
) -> Statistics:
    """Statistics of ``segments`` grouped ``by`` one of ``BY``; ``names[by]`` names a segment's
    group, ``names["label"]`` its label (for the co-occurrence)."""
    groups: dict[str, list[Segment]] = defaultdict(list)
    for segment in segments:
        groups[names[by](segment)].append(segment)
    footage = sum(float(t.duration_s) for t in times.values())
    rows = [_group(name, members, times, footage, by == "video") for name, members in sorted(groups.items())]
    return Statistics(by, rows, _cooccurrence(segments, times, names["label"]), round(footage, 3))


def _group(
    name: str, members: list[Segment], times: Mapping[int, FrameTimes], footage: float, one_video: bool
) -> GroupStats:
    total = sum(_seconds(times[s.video_id], s.start_frame, s.end_frame) for s in members)
    by_video: dict[int, list[Segment]] = defaultdict(list)
    for segment in members:
        by_video[segment.video_id].append(segment)
    covered = sum(
        float(_durations(times[v])[_covered(s, times[v].frame_count)].sum()) for v, s in by_video.items()
    )
    span = float(times[members[0].video_id].duration_s) if one_video else footage
    return GroupStats(
        name, len(members), round(total, 3), round(total / len(members), 3), round(covered / span, 4)
    )


def _cooccurrence(
    segments: Sequence[Segment], times: Mapping[int, FrameTimes], label_of: Callable[[Segment], str]
) -> dict[tuple[str, str], float]:
    together: dict[tuple[str, str], float] = defaultdict(float)
    by_video: dict[int, dict[str, list[Segment]]] = defaultdict(lambda: defaultdict(list))
    for segment in segments:
        by_video[segment.video_id][label_of(segment)].append(segment)
    for video_id, labels in by_video.items():
        frames, durations = times[video_id].frame_count, _durations(times[video_id])
        covered = {label: _covered(members, frames) for label, members in labels.items()}
        for first, second in combinations(sorted(covered), 2):
            together[(first, second)] += float(durations[covered[first] & covered[second]].sum())
    return {pair: round(seconds, 3) for pair, seconds in sorted(together.items()) if seconds > 0}


def spans(
    segments: Sequence[Segment], times: FrameTimes, label_of: Callable[[Segment], str]
) -> dict[str, list[tuple[float, float]]]:
    """For each label, the stretches of one video (seconds from its start) that at least one
    of its segments covers, overlapping and touching segments joined: what a label-by-time
    strip draws."""
    by_label: dict[str, list[Segment]] = defaultdict(list)
    for segment in segments:
        by_label[label_of(segment)].append(segment)
    found: dict[str, list[tuple[float, float]]] = {}
    for label, members in sorted(by_label.items()):
        covered = np.concatenate(([False], _covered(members, times.frame_count), [False]))
        edges = np.flatnonzero(np.diff(covered.astype(np.int8)))
        found[label] = [
            (float(times.seconds(int(start))), float(times.seconds(int(end))))
            for start, end in zip(edges[::2], edges[1::2], strict=True)
        ]
    return found

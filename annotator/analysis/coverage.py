"""Which frames a set of segments covers, as one boolean per frame of the video.

Built from the segments' edges, not frame by frame: +1 at each ``start_frame``, -1 at each
``end_frame`` (``np.bincount``), and the running sum (``np.cumsum``) is how many segments
cover each frame. Overlapping segments count once.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import numpy.typing as npt

from annotator.domain.segment import Segment


def covered_frames(segments: Iterable[Segment], frame_count: int) -> npt.NDArray[np.bool_]:
    """``covered[f]`` is true where any of ``segments`` covers frame ``f`` (0 <= f < frame_count);
    parts of segments past ``frame_count`` are ignored."""
    listed = list(segments)
    starts = np.fromiter((s.start_frame for s in listed), dtype=np.int64, count=len(listed))
    ends = np.fromiter((s.end_frame for s in listed), dtype=np.int64, count=len(listed))
    return covered_by_spans(starts, ends, frame_count)


def covered_by_spans(
    starts: npt.NDArray[np.int64], ends: npt.NDArray[np.int64], frame_count: int
) -> npt.NDArray[np.bool_]:
    """:func:`covered_frames` of half-open spans ``[starts[i], ends[i])``."""
    starts = np.clip(starts, 0, frame_count)
    ends = np.clip(ends, 0, frame_count)
    edges = np.bincount(starts, minlength=frame_count + 1) - np.bincount(ends, minlength=frame_count + 1)
    return np.cumsum(edges[:frame_count]) > 0

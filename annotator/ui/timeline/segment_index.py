"""The segments of one track, indexed for painting and hit-testing a frame range.

Segments are kept by id; sorted start/end arrays are rebuilt lazily after a change, so a
drag that changes one segment per mouse move costs one sort of one track at the next
paint. A range query finds candidates by bisecting the starts, widened by the longest
segment, which makes visible-range lookups O(log n + k) whatever the zoom.
"""

from __future__ import annotations

import numpy as np

from annotator.domain.segment import Segment, Source


class SegmentIndex:
    """Segments of one label on one video, by id and sorted by start frame."""

    def __init__(self) -> None:
        self._by_id: dict[str, Segment] = {}
        self._sorted: list[Segment] = []
        self._starts = np.zeros(0, dtype=np.int64)
        self._ends = np.zeros(0, dtype=np.int64)
        self._proposals = np.zeros(0, dtype=bool)
        self._max_length = 0
        self._dirty = False

    def __len__(self) -> int:
        return len(self._by_id)

    def __contains__(self, segment_id: object) -> bool:
        return segment_id in self._by_id

    def get(self, segment_id: str) -> Segment | None:
        return self._by_id.get(segment_id)

    def put(self, segment: Segment) -> None:
        self._by_id[segment.id] = segment
        self._dirty = True

    def remove(self, segment_id: str) -> Segment | None:
        segment = self._by_id.pop(segment_id, None)
        self._dirty = self._dirty or segment is not None
        return segment

    def segments(self) -> list[Segment]:
        self._rebuild()
        return list(self._sorted)

    def arrays(self) -> tuple[np.ndarray, np.ndarray, list[Segment]]:
        """Sorted starts, their ends, and the segments in the same order."""
        self._rebuild()
        return self._starts, self._ends, self._sorted

    def proposal_mask(self) -> np.ndarray:
        """True for each proposal (``source = proposal``), in the order of ``arrays``."""
        self._rebuild()
        return self._proposals

    def span(self, first_frame: float, last_frame: float) -> tuple[int, int]:
        """Positions ``[i0, i1)`` in sorted order of the candidates that may overlap
        ``[first_frame, last_frame)``; callers filter by ``end > first_frame``."""
        self._rebuild()
        i0 = int(np.searchsorted(self._starts, first_frame - self._max_length, side="left"))
        i1 = int(np.searchsorted(self._starts, last_frame, side="left"))
        return i0, i1

    def overlapping(self, first_frame: float, last_frame: float) -> list[Segment]:
        """Segments that share at least part of a frame with ``[first_frame, last_frame)``."""
        i0, i1 = self.span(first_frame, last_frame)
        return [s for s in self._sorted[i0:i1] if s.end_frame > first_frame]

    def _rebuild(self) -> None:
        if not self._dirty:
            return
        self._sorted = sorted(self._by_id.values(), key=lambda s: (s.start_frame, s.end_frame, s.id))
        self._starts = np.fromiter((s.start_frame for s in self._sorted), np.int64, len(self._sorted))
        self._ends = np.fromiter((s.end_frame for s in self._sorted), np.int64, len(self._sorted))
        self._proposals = np.fromiter(
            (s.source == Source.PROPOSAL for s in self._sorted), bool, len(self._sorted)
        )
        self._max_length = int((self._ends - self._starts).max()) if self._sorted else 0
        self._dirty = False

"""One search result as every view of it shows it."""

from __future__ import annotations

from dataclasses import dataclass

from annotator.domain.segment import Segment


@dataclass(frozen=True)
class Found:
    segment: Segment
    rank: float  # lower is better; 0 when the query had no words
    label: str
    video: str
    start_tc: str
    end_tc: str  # of the first frame after the segment, as in every export
    start_s: str
    end_s: str
    status: str

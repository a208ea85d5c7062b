"""Segments: labelled, half-open frame ranges ``[start_frame, end_frame)``."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any


class SegmentError(ValueError):
    """Bounds that cannot make a segment."""


class Source(StrEnum):
    """Where a segment came from."""

    MANUAL = "manual"
    IMPORT = "import"
    PROPOSAL = "proposal"


class Verdict(StrEnum):
    """A reviewer's decision on a segment."""

    APPROVED = "approved"
    REJECTED = "rejected"
    NEEDS_FIX = "needs_fix"


UNREVIEWED = "unreviewed"


def new_segment_id() -> str:
    return str(uuid.uuid4())


def check_bounds(start_frame: int, end_frame: int, frame_count: int | None = None) -> None:
    """Refuse bounds that are negative, empty or past the end of the video."""
    if start_frame < 0:
        raise SegmentError(f"start_frame must be >= 0, got {start_frame}")
    if end_frame <= start_frame:
        raise SegmentError(f"end_frame ({end_frame}) must be greater than start_frame ({start_frame})")
    if frame_count is not None and end_frame > frame_count:
        raise SegmentError(f"end_frame ({end_frame}) is past the video's last frame ({frame_count - 1})")


@dataclass(frozen=True)
class Segment:
    """A labelled frame range of one video; frames ``start_frame`` .. ``end_frame - 1``."""

    video_id: int
    label_id: int
    start_frame: int
    end_frame: int
    id: str = field(default_factory=new_segment_id)
    annotator: str = ""
    note: str = ""
    attributes: dict[str, Any] = field(default_factory=dict, hash=False, compare=True)
    source: Source = Source.MANUAL
    created_at: str = ""
    updated_at: str = ""

    def __post_init__(self) -> None:
        check_bounds(self.start_frame, self.end_frame)

    @property
    def frame_count(self) -> int:
        return self.end_frame - self.start_frame

    @property
    def last_frame(self) -> int:
        return self.end_frame - 1

    def contains(self, frame: int) -> bool:
        return self.start_frame <= frame < self.end_frame

    def with_bounds(self, start_frame: int, end_frame: int) -> Segment:
        return replace(self, start_frame=start_frame, end_frame=end_frame)

    def with_label(self, label_id: int) -> Segment:
        return replace(self, label_id=label_id)

    def with_note(self, note: str) -> Segment:
        return replace(self, note=note)


@dataclass(frozen=True)
class Review:
    """One verdict on a segment; the latest verdict is the segment's status."""

    segment_id: str
    reviewer: str
    verdict: Verdict
    note: str = ""
    created_at: str = ""
    id: int | None = None

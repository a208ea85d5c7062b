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


@dataclass(frozen=True, slots=True)
class Segment:
    """A labelled frame range of one video; frames ``start_frame`` .. ``end_frame - 1``.

    Every construction checks the bounds (``__post_init__``), ``replace()`` included;
    the one exception is :meth:`from_checked`, for values that were checked already.
    """

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

    @classmethod
    def from_checked(
        cls,
        video_id: int,
        label_id: int,
        start_frame: int,
        end_frame: int,
        id: str,
        annotator: str,
        note: str,
        attributes: dict[str, Any],
        source: Source,
        created_at: str,
        updated_at: str,
    ) -> Segment:
        """A segment built **without** :func:`check_bounds`, about twice as fast.

        Only for values whose bounds and types are already guaranteed: rows read from the
        project database (its ``CHECK (end_frame > start_frame AND start_frame >= 0)``
        vouches for them) and rows an importer has fully validated itself, on its hot
        path of 100,000 rows. Everything else uses the constructor. The callers are
        listed, and no other module may call it: ``tests/domain/test_segment_from_checked.py``.
        """
        segment = _new(cls)
        _set_video_id(segment, video_id)
        _set_label_id(segment, label_id)
        _set_start_frame(segment, start_frame)
        _set_end_frame(segment, end_frame)
        _set_id(segment, id)
        _set_annotator(segment, annotator)
        _set_note(segment, note)
        _set_attributes(segment, attributes)
        _set_source(segment, source)
        _set_created_at(segment, created_at)
        _set_updated_at(segment, updated_at)
        return segment

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


# The slots' own setters, bound once: a frozen dataclass refuses ``segment.x = ...``, and
# ``object.__setattr__(segment, "x", ...)`` looks the name up each time (as slow as __init__).
_new = object.__new__


def _setter(name: str) -> Any:
    return vars(Segment)[name].__set__


_set_video_id = _setter("video_id")
_set_label_id = _setter("label_id")
_set_start_frame = _setter("start_frame")
_set_end_frame = _setter("end_frame")
_set_id = _setter("id")
_set_annotator = _setter("annotator")
_set_note = _setter("note")
_set_attributes = _setter("attributes")
_set_source = _setter("source")
_set_created_at = _setter("created_at")
_set_updated_at = _setter("updated_at")


@dataclass(frozen=True)
class Review:
    """One verdict on a segment; the latest verdict is the segment's status."""

    segment_id: str
    reviewer: str
    verdict: Verdict
    note: str = ""
    created_at: str = ""
    id: int | None = None


def review_status(review: Review | None) -> str:
    """A segment's status: its latest review's verdict, or ``unreviewed`` without one."""
    return review.verdict.value if review is not None else UNREVIEWED

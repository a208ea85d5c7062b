"""An in-memory ``AnnotationStore`` (the document's protocol): what the timeline needs.

Used by the timeline tests and by the timeline benchmark to build 10,000 segments without
disk writes. ``transaction`` groups nothing (nothing here fails half-way).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from fractions import Fraction
from pathlib import Path

from annotator.domain.label import Label, Vocabulary
from annotator.domain.segment import Review, Segment
from annotator.storage.errors import StoreConflictError
from annotator.storage.segment_table import same_content


@dataclass(frozen=True)
class FakeVideoInfo:
    fps: Fraction
    frame_count: int


@dataclass(frozen=True)
class FakeVideo:
    id: int
    info: FakeVideoInfo


class FakeStore:
    """Segments, labels and reviews in dicts; soft-deleted segments can be restored."""

    def __init__(self, vocabulary: Vocabulary) -> None:
        self._labels = {
            index + 1: replace(label, id=index + 1) for index, label in enumerate(vocabulary.labels)
        }
        self._segments: dict[str, Segment] = {}
        self._deleted: dict[str, Segment] = {}
        self._videos: dict[int, FakeVideo] = {}
        self._reviews: dict[int, Review] = {}

    @classmethod
    def with_vocabulary(cls, path: Path) -> FakeStore:
        return cls(Vocabulary.load(path))

    def add_video(self, fps: Fraction, frame_count: int) -> int:
        video_id = len(self._videos) + 1
        self._videos[video_id] = FakeVideo(video_id, FakeVideoInfo(fps, frame_count))
        return video_id

    def video(self, video_id: int) -> FakeVideo:
        return self._videos[video_id]

    def frame_count(self, video_id: int) -> int:
        return self._videos[video_id].info.frame_count

    @contextmanager
    def transaction(self) -> Iterator[None]:
        yield

    # -- segments ---------------------------------------------------------------------
    def segments(self, video_id: int | None = None) -> list[Segment]:
        found = [s for s in self._segments.values() if video_id is None or s.video_id == video_id]
        return sorted(found, key=lambda s: (s.start_frame, s.end_frame))

    def segment(self, segment_id: str) -> Segment:
        return self._segments[segment_id]

    def add_segment(self, segment: Segment) -> Segment:
        self._segments[segment.id] = segment
        return segment

    def update_segment(self, segment: Segment, expected: Segment | None = None) -> Segment:
        if segment.id not in self._segments:
            raise KeyError(segment.id)
        if expected is not None and not same_content(self._segments[segment.id], expected):
            raise StoreConflictError(f"segment {segment.id} was changed by someone else")
        self._segments[segment.id] = segment
        return segment

    def delete_segment(self, segment_id: str) -> None:
        self._deleted[segment_id] = self._segments.pop(segment_id)

    def restore_segment(self, segment_id: str) -> Segment:
        self._segments[segment_id] = self._deleted.pop(segment_id)
        return self._segments[segment_id]

    # -- labels -----------------------------------------------------------------------
    def labels(self, include_archived: bool = False) -> list[Label]:
        labels = sorted(self._labels.values(), key=lambda label: label.order)
        return labels if include_archived else [label for label in labels if not label.archived]

    def label(self, label_id: int) -> Label:
        return self._labels[label_id]

    def add_label(self, label: Label) -> Label:
        stored = replace(label, id=max(self._labels, default=0) + 1, order=len(self._labels))
        self._labels[stored.id] = stored  # type: ignore[index]
        return stored

    def restore_label(self, label: Label) -> Label:
        assert label.id is not None
        self._labels[label.id] = label
        return label

    def update_label(self, label: Label) -> Label:
        assert label.id is not None
        self._labels[label.id] = label
        return label

    def delete_label(self, label_id: int) -> None:
        del self._labels[label_id]

    def reorder_labels(self, label_ids: list[int]) -> None:
        for order, label_id in enumerate(label_ids):
            self._labels[label_id] = replace(self._labels[label_id], order=order)

    # -- reviews ----------------------------------------------------------------------
    def add_review(self, review: Review) -> Review:
        stored = replace(review, id=len(self._reviews) + 1)
        self._reviews[stored.id] = stored  # type: ignore[index]
        return stored

    def delete_review(self, review_id: int) -> None:
        del self._reviews[review_id]

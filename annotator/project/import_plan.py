"""An import, checked and ready to write: the segments, reviews, labels and videos it adds.

Reading a file (:mod:`annotator.project.importers`) makes an :class:`ImportPlan` without
writing anything; :func:`write_import` then writes it, inside one transaction that the
caller holds. The CLI does both at once (``exchange.import_file``); the app hands the plan
to the document, which writes it as one undoable command.

Labels and videos the project lacks have no id until they are written, so a planned
segment refers to them by a placeholder: ``new_ref(i)`` (negative) for
``plan.new_labels[i]`` or ``plan.new_videos[i]``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Protocol

from annotator.domain.label import Label
from annotator.domain.segment import Review, Segment
from annotator.domain.video import Video
from annotator.domain.video_info import VideoInfo


def new_ref(index: int) -> int:
    """The placeholder id of the ``index``-th new label or video of a plan."""
    return -(index + 1)


@dataclass(frozen=True)
class NewVideo:
    """A video an import adds (a project file names it; it may be missing on this machine)."""

    path: str
    fingerprint: str
    info: VideoInfo


@dataclass(frozen=True)
class ImportReport:
    """What an import added, and what it skipped (with reasons)."""

    segments: int
    reviews: int = 0
    labels: int = 0
    videos: int = 0
    skipped: tuple[str, ...] = ()


@dataclass(frozen=True)
class ImportPlan:
    """Everything an import adds, checked against the project as it was when read."""

    source: Path
    segments: tuple[Segment, ...]
    reviews: tuple[Review, ...] = ()
    new_labels: tuple[Label, ...] = ()
    new_videos: tuple[NewVideo, ...] = ()
    skipped: tuple[str, ...] = ()

    def report(self) -> ImportReport:
        return ImportReport(
            len(self.segments), len(self.reviews), len(self.new_labels), len(self.new_videos), self.skipped
        )


@dataclass(frozen=True)
class WrittenImport:
    """The rows :func:`write_import` added: labels and videos with their ids, segment ids."""

    labels: tuple[Label, ...]
    videos: tuple[Video, ...]
    segment_ids: tuple[str, ...]


class ImportTarget(Protocol):
    """The store methods an import writes with."""

    def add_label(self, label: Label) -> Label: ...
    def add_video(self, path: str, fingerprint: str, info: VideoInfo) -> Video: ...
    def add_segments(self, segments: Sequence[Segment]) -> None: ...
    def add_reviews(self, reviews: Iterable[Review]) -> int: ...


def write_import(store: ImportTarget, plan: ImportPlan) -> WrittenImport:
    """Write ``plan``; call it inside the store's transaction so it is all or nothing."""
    labels = tuple(store.add_label(label) for label in plan.new_labels)
    videos = tuple(store.add_video(v.path, v.fingerprint, v.info) for v in plan.new_videos)
    label_ids = [label.id for label in labels]
    video_ids = [video.id for video in videos]
    segments = plan.segments
    if labels or videos:
        segments = tuple(_resolved(segment, label_ids, video_ids) for segment in segments)
    store.add_segments(segments)
    store.add_reviews(plan.reviews)
    return WrittenImport(labels, videos, tuple(segment.id for segment in segments))


def _resolved(segment: Segment, label_ids: list[int | None], video_ids: list[int]) -> Segment:
    """``segment`` with placeholder ids replaced by the ids the new rows got."""
    if segment.label_id >= 0 and segment.video_id >= 0:
        return segment
    label_id = segment.label_id if segment.label_id >= 0 else label_ids[-segment.label_id - 1]
    video_id = segment.video_id if segment.video_id >= 0 else video_ids[-segment.video_id - 1]
    assert label_id is not None
    return replace(segment, label_id=label_id, video_id=video_id)

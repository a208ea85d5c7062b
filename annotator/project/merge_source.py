"""What ``annotator merge`` brings in: another project, or a project JSON file, read whole.

Another project is read from a private copy of its database (``storage.project_copy``), so
it is never changed, not even migrated; its deleted segments come too (a deletion made
there is a change like any other). A JSON file holds what was exported: no deleted
segments. Video paths are made absolute against the other project's folder (a JSON file's
stay as written, as ``annotator import`` takes them).
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from annotator.domain.label import Label
from annotator.domain.segment import Review, Segment
from annotator.domain.video import Video
from annotator.formats.json.reader import read_json
from annotator.project.errors import ProjectError
from annotator.storage.media_paths import from_stored
from annotator.storage.project_copy import database_path, open_copy


@dataclass(frozen=True)
class MergeSource:
    """Another copy's annotations; segments refer to ``videos`` and ``labels`` by their ids
    there."""

    path: Path
    videos: dict[int, Video]
    labels: dict[int, Label]
    segments: tuple[Segment, ...]
    reviews: tuple[Review, ...]
    deleted: frozenset[str] = field(default_factory=frozenset)


def read_merge_source(path: Path, project_db: Path | None) -> MergeSource:
    """Read ``path`` (a project folder or ``.db``, or a ``.json`` export); refuse the
    project being merged into (``project_db``)."""
    path = Path(path)
    if not path.exists():
        raise ProjectError(f"{path}: no such project or file")
    if path.is_file() and path.suffix.lower() == ".json":
        return _from_json(path)
    if path.is_file() and path.suffix.lower() != ".db":
        raise ProjectError(f"{path}: merge takes a project folder, its .db or a project .json export")
    if project_db is not None and database_path(path).resolve() == Path(project_db).resolve():
        raise ProjectError(f"{path}: this is the project being merged into")
    return _from_project(path)


def _from_json(path: Path) -> MergeSource:
    data = read_json(path)
    return MergeSource(
        path,
        {video.id: video for video in data.videos},
        {index: label for index, label in enumerate(data.labels)},
        data.segments,
        data.reviews,
    )


def _from_project(path: Path) -> MergeSource:
    folder = database_path(path).parent
    with tempfile.TemporaryDirectory(prefix="annotator-merge-") as scratch:
        store = open_copy(path, Path(scratch))
        try:
            videos = {
                video.id: Video(video.id, str(from_stored(video.path, folder)), video.fingerprint, video.info)
                for video in store.videos()
            }
            labels = {label.id: label for label in store.labels() if label.id is not None}
            segments = tuple(store.segments(include_deleted=True))
            active = {segment.id for segment in store.segments()}
            reviews = tuple(store.reviews())
        finally:
            store.close()
    deleted = frozenset(segment.id for segment in segments if segment.id not in active)
    return MergeSource(path, videos, labels, segments, reviews, deleted)

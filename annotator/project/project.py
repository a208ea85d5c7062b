"""A project on disk: its SQLite store, its media cache and the files it refers to.

The CLI and the app both go through this class, so adding a video, relinking one that
moved, importing and exporting behave the same everywhere.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from annotator.domain.label import Vocabulary
from annotator.domain.segment import Segment, Source, review_status
from annotator.domain.video import Video
from annotator.domain.video_info import VideoInfo
from annotator.formats.csv.writer import write_csv
from annotator.media.cache import MediaCache
from annotator.media.errors import MediaError
from annotator.media.fingerprint import fingerprint
from annotator.media.probe import probe
from annotator.project.errors import ProjectError
from annotator.project.places import ProjectPlace, create_store, open_store, user_cache_dir
from annotator.storage.store_base import BaseStore

CACHE_DIR = "cache"


@dataclass(frozen=True)
class InspectedVideo:
    """A probed video file, not yet in the project."""

    path: Path
    fingerprint: str
    info: VideoInfo


PROPOSAL_CHOICES = ("exclude", "include", "only")


class Project:
    """A project directory holding ``annotations.db`` and a media ``cache/``, or a project on
    a server (then ``directory`` is this machine's media root and the cache is per user)."""

    def __init__(self, store: BaseStore) -> None:
        self.store = store
        self.directory = store.directory
        self.cache = MediaCache(user_cache_dir() if store.is_server else self.directory / CACHE_DIR)

    @classmethod
    def create(
        cls, place: ProjectPlace, vocabulary: Vocabulary, media_root: ProjectPlace | None = None
    ) -> Project:
        """A new project in the folder ``place``, or in the empty database it names by URL."""
        return cls(create_store(place, vocabulary, media_root))

    @classmethod
    def open(cls, place: ProjectPlace, media_root: ProjectPlace | None = None) -> Project:
        """The project in a folder (or its ``.db``), or at a ``postgresql://`` URL."""
        return cls(open_store(place, media_root))

    @property
    def name(self) -> str:
        """How titles name it: the folder's name, or the server project's name."""
        if self.store.is_server:
            return self.store.meta_get("project_name") or self.store.location
        return self.directory.name

    @property
    def location(self) -> str:
        """The folder or URL that opens it again (never with a password)."""
        return self.store.location if self.store.is_server else str(self.directory)

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Project:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- videos ---------------------------------------------------------------------------
    def add_video(self, path: Path) -> Video:
        """Probe and add a video; refuse a file the project already holds."""
        return self.store_video(self.inspect_video(path))

    def inspect_video(self, path: Path) -> InspectedVideo:
        """The slow, read-only half of adding a video (safe off the GUI thread). The path
        is kept as given (made absolute, links not followed): a video added through a
        symbolic link keeps the name the user chose; the fingerprint reads the file."""
        path = Path(os.path.abspath(path))
        info = probe(path, cache=self.cache)
        return InspectedVideo(path, fingerprint(path), info)

    def store_video(self, inspected: InspectedVideo) -> Video:
        """The quick half: record an inspected video in the store."""
        existing = self.store.video_by_fingerprint(inspected.fingerprint)
        if existing is not None:
            raise ProjectError(f"{inspected.path}: already in the project as {existing.path}")
        return self.store.add_video(self._stored_path(inspected.path), inspected.fingerprint, inspected.info)

    def _stored_path(self, path: Path) -> str:
        for directory in (Path(os.path.abspath(self.directory)), self.directory.resolve()):
            if path.is_relative_to(directory):
                return path.relative_to(directory).as_posix()
        return str(path)

    def video_path(self, video: Video) -> Path:
        return self.store.resolve_path(video)

    def is_missing(self, video: Video) -> bool:
        return not self.video_path(video).is_file()

    def relink(self, video: Video, new_path: Path) -> Video:
        """Point a moved video at its new place, if the file there is the same video."""
        new_path = Path(os.path.abspath(new_path))
        found = fingerprint(new_path)
        if found != video.fingerprint:
            raise ProjectError(f"{new_path}: not the same file as {video.path} (fingerprint differs)")
        return self.store.update_video_path(video.id, self._stored_path(new_path))

    def find_moved(self, video: Video, search_dirs: Iterable[Path]) -> Path | None:
        """Look for a file with the video's fingerprint under ``search_dirs``."""
        size = int(video.fingerprint.split("-", 1)[0])
        for root in search_dirs:
            for dirpath, _dirs, files in os.walk(root):
                for name in files:
                    candidate = Path(dirpath) / name
                    try:
                        if candidate.stat().st_size == size and fingerprint(candidate) == video.fingerprint:
                            return candidate
                    except (OSError, MediaError):
                        continue
        return None

    def video_by_name(self, name: str) -> Video:
        """A video by id, stored path or file name (when the name is unique)."""
        videos = self.store.videos()
        matches = [v for v in videos if name in (str(v.id), v.path, v.name)]
        if len(matches) == 1:
            return matches[0]
        if not matches:
            known = ", ".join(v.name for v in videos) or "none"
            raise ProjectError(f"no video {name!r} in the project (videos: {known})")
        raise ProjectError(f"{name!r} names several videos: " + ", ".join(v.path for v in matches))

    # -- exchange -------------------------------------------------------------------------
    def export_csv(
        self, out: TextIO, video: str | None = None, status: str | None = None, proposals: str = "exclude"
    ) -> int:
        return self.write_segments_csv(out, self.segments_for_export(video, status, proposals))

    def write_segments_csv(self, out: TextIO, segments: list[Segment]) -> int:
        """``segments`` in the CSV contract, in the order given."""
        videos = {v.id: v for v in self.store.videos()}
        labels = {label.id: label for label in self.store.labels() if label.id is not None}
        return write_csv(out, segments, videos, labels, self.store.latest_reviews())

    def segments_for_export(
        self, video: str | None, status: str | None, proposals: str = "exclude"
    ) -> list[Segment]:
        """One video's (or every) segment, of one review status (or any); proposals left
        out, put in, or ``only`` them."""
        if proposals not in PROPOSAL_CHOICES:
            raise ProjectError(f"--proposals must be one of {', '.join(PROPOSAL_CHOICES)}, not {proposals!r}")
        video_id = self.video_by_name(video).id if video else None
        segments = self.store.segments(video_id=video_id)
        if proposals != "include":
            wanted = proposals == "only"
            segments = [s for s in segments if (s.source == Source.PROPOSAL) == wanted]
        if status:
            latest = self.store.latest_reviews()
            segments = [s for s in segments if review_status(latest.get(s.id)) == status]
        return segments

"""The search grid's pictures: each found segment's middle frame, as a still from the
video's proxy where one is ready (else the original; the frames are the same), exact by
the frame table and cached in the project's media cache (``media/stills.py``).

``still_jobs`` reads the store (the GUI thread's business); ``StillJob.run`` touches only
files, so it runs on a pool thread, and so does its choice of proxy or original (checking a
proxy not checked before reads its whole packet table: a second or so for an hour).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from annotator.domain.segment import Segment
from annotator.domain.video_info import VideoInfo
from annotator.media._progress import Cancel
from annotator.media.cache import MediaCache
from annotator.media.stills import stills
from annotator.project.contact_sheet import still_frames
from annotator.project.project import Project

STILL_HEIGHT = 144
CHUNK = 12
"""Frames per job: the first results' pictures arrive before the last are decoded."""


def middle_frame(segment: Segment) -> int:
    """The frame the search grid shows for a segment."""
    return still_frames(segment)[1]


@dataclass(frozen=True)
class StillJob:
    """Stills of some frames of one video."""

    video_id: int
    original: Path
    info: VideoInfo
    fingerprint: str
    frames: tuple[int, ...]
    cache: MediaCache
    height: int = STILL_HEIGHT

    def media(self) -> Path:
        """The video's proxy if it is built and checked, else the original."""
        return self.cache.ready_proxy(self.fingerprint, self.info) or self.original

    def run(self, cancel: Cancel | None = None) -> dict[int, Path]:
        """The JPEG of each frame (made now, or read from the cache)."""
        return stills(
            self.media(), self.fingerprint, self.frames, self.cache, height=self.height, cancel=cancel
        )


def still_jobs(
    project: Project, segments: Sequence[Segment], have: set[tuple[int, int]] | None = None
) -> list[StillJob]:
    """Jobs for the middle frames of ``segments`` not in ``have`` ((video id, frame) pairs),
    in the segments' order, at most ``CHUNK`` frames each; videos that are missing are left
    out."""
    have = have or set()
    wanted: dict[int, list[int]] = {}
    for segment in segments:
        key = (segment.video_id, middle_frame(segment))
        frames = wanted.setdefault(segment.video_id, [])
        if key not in have and key[1] not in frames:
            frames.append(key[1])
    jobs: list[StillJob] = []
    for video_id, frames in wanted.items():
        video = project.store.video(video_id)
        if not frames or project.is_missing(video):
            continue
        original = project.video_path(video)
        for start in range(0, len(frames), CHUNK):
            chunk = tuple(frames[start : start + CHUNK])
            jobs.append(StillJob(video_id, original, video.info, video.fingerprint, chunk, project.cache))
    return jobs

"""A video as a project holds it: where it is, how to recognise it, what it is."""

from __future__ import annotations

from dataclasses import dataclass

from annotator.domain.video_info import VideoInfo


@dataclass(frozen=True)
class Video:
    """A project's video. ``path`` is as stored (relative to the project when inside it);
    ``fingerprint`` (size + hash of the first and last MiB) finds it again if moved."""

    id: int
    path: str
    fingerprint: str
    info: VideoInfo

    @property
    def name(self) -> str:
        return self.path.replace("\\", "/").rsplit("/", 1)[-1]

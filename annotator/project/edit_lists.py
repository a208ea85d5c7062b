"""Edit lists of a project's segments (CMX 3600 EDL, Final Cut Pro 7 XML, OTIO JSON)."""

from __future__ import annotations

from pathlib import Path

from annotator.domain.segment import Segment
from annotator.formats.edit_list import ADAPTERS, save_edit_list, timeline
from annotator.project.errors import ProjectError
from annotator.project.project import Project

EDIT_LISTS = tuple(ADAPTERS)


def export_edit_list(project: Project, fmt: str, path: Path, segments: list[Segment]) -> int:
    """The selects reel of ``segments`` as ``fmt``; returns the number of clips."""
    videos = {video.id: video for video in project.store.videos()}
    labels = {label.id: label for label in project.store.labels() if label.id is not None}
    media = {video.id: project.video_path(video) for video in videos.values()}
    rates = {videos[segment.video_id].info.fps for segment in segments}
    if fmt == "edl" and len(rates) > 1:
        listed = ", ".join(sorted(f"{float(rate):g}" for rate in rates))
        raise ProjectError(
            f"{path}: an EDL has one frame rate, these segments have {listed} fps: use --video"
        )
    built = timeline(project.directory.name, segments, videos, labels, media)
    return save_edit_list(Path(path), fmt, built)

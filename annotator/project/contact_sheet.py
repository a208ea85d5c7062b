"""A project's contact sheet: stills of each selected segment's first, middle and last
frame (from the proxy where one is ready; cached), laid out by ``formats.reports``."""

from __future__ import annotations

import base64
import os
import shutil
from collections import defaultdict
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path

from annotator.domain.segment import Segment, review_status
from annotator.domain.video import Video
from annotator.formats.atomic_text import save_text
from annotator.formats.reports.contact_sheet import SheetEntry, Still, render_sheet
from annotator.formats.video_clock import VideoClock
from annotator.media._progress import Cancel
from annotator.media.stills import stills
from annotator.project.errors import ProjectError
from annotator.project.project import Project

GROUPS = ("video", "label")
IMAGES = ("inline", "folder")


def still_frames(segment: Segment) -> tuple[int, int, int]:
    """The first, middle and last frame of a segment (the same frame for a one-frame one)."""
    last = segment.end_frame - 1
    return segment.start_frame, (segment.start_frame + last) // 2, last


def make_sheet(
    project: Project,
    segments: Sequence[Segment],
    path: Path,
    *,
    group_by: str = "video",
    images: str = "inline",
    subtitle: str = "",
    height: int = 180,
    progress: Callable[[float], None] | None = None,
    cancel: Cancel | None = None,
) -> int:
    """Write the sheet of ``segments`` to ``path``; returns the segments shown. Images go
    inside the file, or in ``<name>_files/`` beside it; nothing is written until every
    still is made, and then each file appears whole (renamed into place)."""
    if group_by not in GROUPS or images not in IMAGES:
        raise ProjectError(
            f"group by {'|'.join(GROUPS)} and images {'|'.join(IMAGES)}, not {group_by}/{images}"
        )
    videos = {video.id: video for video in project.store.videos()}
    files = _stills(project, segments, videos, height, progress, cancel)
    folder = Path(path).with_name(Path(path).stem + "_files")
    sources = _sources(files, folder, images)
    entries = _entries(project, segments, videos, group_by, sources)
    title = f"Contact sheet: {project.store.meta_get('project_name') or project.directory.name}"
    made = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    line = f"{len(entries)} segments, grouped by {group_by}, made {made}" + (
        f"; {subtitle}" if subtitle else ""
    )
    html = render_sheet(title, line, entries)
    if images == "folder":
        _write_folder(files, folder)
    save_text(Path(path), lambda out: out.write(html))
    return len(entries)


def _stills(
    project: Project,
    segments: Sequence[Segment],
    videos: dict[int, Video],
    height: int,
    progress: Callable[[float], None] | None,
    cancel: Cancel | None,
) -> dict[tuple[int, int], Path]:
    wanted: dict[int, set[int]] = defaultdict(set)
    for segment in segments:
        wanted[segment.video_id].update(still_frames(segment))
    total, done = sum(len(frames) for frames in wanted.values()), [0]

    def tick(_: int) -> None:
        done[0] += 1
        if progress is not None:
            progress(done[0] / total)

    files: dict[tuple[int, int], Path] = {}
    for video_id, frames in wanted.items():
        video = videos[video_id]
        if project.is_missing(video):
            raise ProjectError(
                f"{video.name}: the video is not at {project.video_path(video)}; relink it first"
            )
        media = project.cache.ready_proxy(video.fingerprint, video.info) or project.video_path(video)
        made = stills(
            media, video.fingerprint, frames, project.cache, height=height, done=tick, cancel=cancel
        )
        files.update({(video_id, frame): file for frame, file in made.items()})
    return files


def _sources(files: dict[tuple[int, int], Path], folder: Path, images: str) -> dict[tuple[int, int], str]:
    if images == "folder":
        return {key: f"{folder.name}/{key[0]}-{key[1]}.jpg" for key in files}
    return {
        key: "data:image/jpeg;base64," + base64.b64encode(file.read_bytes()).decode()
        for key, file in files.items()
    }


def _entries(
    project: Project,
    segments: Sequence[Segment],
    videos: dict[int, Video],
    group_by: str,
    sources: dict[tuple[int, int], str],
) -> list[SheetEntry]:
    labels = {label.id: label for label in project.store.labels()}
    latest = project.store.latest_reviews_of(segment.id for segment in segments)
    clocks = {video_id: VideoClock(videos[video_id].info) for video_id in {s.video_id for s in segments}}
    entries = []

    def group_of(segment: Segment) -> str:
        if group_by == "video":
            return videos[segment.video_id].name.lower()
        return labels[segment.label_id].name.lower()

    ordered = sorted(
        segments, key=lambda s: (group_of(s), videos[s.video_id].name.lower(), s.start_frame, s.end_frame)
    )
    for segment in ordered:
        clock, label, video = clocks[segment.video_id], labels[segment.label_id], videos[segment.video_id]
        start_tc, end_tc, _, _, duration = clock.row_times(segment.start_frame, segment.end_frame)
        shown = tuple(
            Still(frame, clock.timecode(frame), sources[(segment.video_id, frame)])
            for frame in still_frames(segment)
        )
        entries.append(
            SheetEntry(
                group=video.name if group_by == "video" else label.name,
                label=label.name,
                colour=label.colour,
                video=video.name,
                start_tc=start_tc,
                end_tc=end_tc,
                duration_s=duration,
                note=segment.note,
                coder=segment.annotator,
                status=review_status(latest.get(segment.id)),
                stills=shown,
            )
        )
    return entries


def _write_folder(files: dict[tuple[int, int], Path], folder: Path) -> None:
    """Copy the stills into ``folder`` as a whole: built beside it, then swapped in."""
    building = folder.with_name(f".{folder.name}.{os.getpid()}.tmp")
    shutil.rmtree(building, ignore_errors=True)
    building.mkdir()  # beside the sheet, whose folder exists
    try:
        for (video_id, frame), file in files.items():
            shutil.copyfile(file, building / f"{video_id}-{frame}.jpg")
        old = folder.with_name(f".{folder.name}.{os.getpid()}.old")
        if folder.exists():
            folder.rename(old)
        building.rename(folder)
        shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(building, ignore_errors=True)
        raise

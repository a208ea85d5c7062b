"""Export a project's segments to files and import them back, in every format.

Exports are written to a temporary file and renamed, so a failure never leaves half a file
and never touches an existing one in place. Imports are all or nothing: everything is read
and checked first, then written in one transaction.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from annotator.domain.label import Label
from annotator.domain.segment import Segment, Source
from annotator.domain.video import Video
from annotator.formats.atomic_text import save_text
from annotator.formats.eaf_format import relative_media_url, write_eaf
from annotator.formats.eaf_import import read_eaf, read_eaf_media_urls
from annotator.formats.json_format import write_json
from annotator.formats.json_read import ProjectData, read_json
from annotator.formats.subtitle_formats import write_srt, write_vtt
from annotator.project.errors import EXPORT_FORMATS, IMPORT_FORMATS, ProjectError
from annotator.project.project import Project


@dataclass(frozen=True)
class ImportReport:
    """What an import added, and what it skipped (with reasons)."""

    segments: int
    reviews: int = 0
    labels: int = 0
    videos: int = 0
    skipped: tuple[str, ...] = ()


def export(
    project: Project, fmt: str, path: Path, video: str | None = None, status: str | None = None
) -> int:
    """Write the project's segments (optionally one video's, one status's) to ``path``."""
    if fmt not in EXPORT_FORMATS:
        raise ProjectError(f"unknown export format {fmt!r} (choose from {', '.join(EXPORT_FORMATS)})")
    path = Path(path)
    if fmt == "csv":
        return save_text(path, lambda out: project.export_csv(out, video, status), newline="")
    segments = project.segments_for_export(video, status)
    labels = project.store.labels()
    if fmt == "json":
        chosen = [project.video_by_name(video)] if video else project.store.videos()
        segment_ids = {segment.id for segment in segments}
        reviews = [review for review in project.store.reviews() if review.segment_id in segment_ids]
        return save_text(path, lambda out: write_json(out, chosen, labels, segments, reviews))
    one = _single_video(project, video, fmt)
    segments = [segment for segment in segments if segment.video_id == one.id]
    if fmt == "eaf":
        media = project.video_path(one).resolve()
        url = relative_media_url(path, media)
        return save_text(path, lambda out: write_eaf(out, one, url, labels, segments, media_path=media))
    writer = write_vtt if fmt == "vtt" else write_srt
    return save_text(path, lambda out: writer(out, one, labels, segments))


def _single_video(project: Project, video: str | None, fmt: str) -> Video:
    if video:
        return project.video_by_name(video)
    videos = project.store.videos()
    if len(videos) == 1:
        return videos[0]
    names = ", ".join(v.name for v in videos) or "none"
    raise ProjectError(f"{fmt.upper()} holds one video: name it with --video (videos: {names})")


def guess_format(path: Path, fmt: str | None) -> str:
    chosen = (fmt or Path(path).suffix.lstrip(".")).lower()
    if chosen not in IMPORT_FORMATS:
        raise ProjectError(f"{path}: cannot tell the format; use --format {'|'.join(IMPORT_FORMATS)}")
    return chosen


def import_file(
    project: Project,
    path: Path,
    fmt: str | None = None,
    video: str | None = None,
    mapping: Mapping[str, str] | None = None,
) -> ImportReport:
    """Import ``path`` into the project: all of it, or nothing and a clear error."""
    chosen = guess_format(path, fmt)
    if chosen == "csv":
        return ImportReport(segments=project.import_csv(path))
    if chosen == "json":
        return _import_json(project, read_json(Path(path)))
    return _import_eaf(project, Path(path), video, mapping)


def _import_json(project: Project, data: ProjectData) -> ImportReport:
    store = project.store
    _refuse_known_segments(project, data.segments, "the JSON file")
    with store.transaction():
        label_ids, new_labels = _label_ids(project, data.labels)
        video_ids, new_videos = _video_ids(project, data.videos)
        segments = [
            replace(s, video_id=video_ids[s.video_id], label_id=label_ids[s.label_id]) for s in data.segments
        ]
        store.add_segments(segments)
        store.add_reviews(data.reviews)
    return ImportReport(len(segments), len(data.reviews), new_labels, new_videos)


def _label_ids(project: Project, labels: tuple[Label, ...]) -> tuple[dict[int, int], int]:
    """File label ids to project label ids; labels the project lacks are added."""
    ids: dict[int, int] = {}
    added = 0
    used_keys = {label.key for label in project.store.labels() if label.key and not label.archived}
    for index, label in enumerate(labels):
        found = project.store.label_by_name(label.name)
        if found is None:
            key = label.key if label.key not in used_keys else ""
            found = project.store.add_label(replace(label, id=None, key=key))
            used_keys.add(key)
            added += 1
        assert found.id is not None
        ids[label.id if label.id is not None else index] = found.id
    return ids, added


def _video_ids(project: Project, videos: tuple[Video, ...]) -> tuple[dict[int, int], int]:
    """File video ids to project ids, matched by fingerprint; unknown videos are added
    from the file's metadata (and marked missing until relinked if their file is not found)."""
    ids: dict[int, int] = {}
    added = 0
    for video in videos:
        found = project.store.video_by_fingerprint(video.fingerprint)
        if found is None:
            found = project.store.add_video(video.path, video.fingerprint, video.info)
            added += 1
        ids[video.id] = found.id
    return ids, added


def _refuse_known_segments(
    project: Project, segments: tuple[Segment, ...] | list[Segment], source: str
) -> None:
    known = project.store.known_segment_ids(segment.id for segment in segments)
    clashes = [segment.id for segment in segments if segment.id in known]
    if clashes:
        raise ProjectError(
            f"{source}: segment {clashes[0]} is already in the project ({len(clashes)} in all)"
        )


def _import_eaf(
    project: Project, path: Path, video: str | None, mapping: Mapping[str, str] | None
) -> ImportReport:
    target = project.video_by_name(video) if video else _eaf_video(project, path)
    labels = {label.name.casefold(): label for label in project.store.labels()}
    result = read_eaf(path, target.info.times(), [label.name for label in labels.values()], mapping)
    segments = []
    for item in result.segments:
        label_id = labels[item.label.casefold()].id
        assert label_id is not None
        segments.append(
            Segment(
                target.id,
                label_id,
                item.start_frame,
                item.end_frame,
                note=item.note,
                source=Source.IMPORT,
                attributes={"eaf_tier": item.tier, "eaf_annotation": item.annotation_id},
            )
        )
    project.store.add_segments(segments)
    return ImportReport(segments=len(segments), skipped=result.skipped)


def _eaf_video(project: Project, path: Path) -> Video:
    """The project video the EAF file's media descriptor names (by file name)."""
    videos = project.store.videos()
    if len(videos) == 1:
        return videos[0]
    for url in read_eaf_media_urls(path):
        name = url.replace("\\", "/").rsplit("/", 1)[-1]
        matches = [v for v in videos if v.name == name]
        if len(matches) == 1:
            return matches[0]
    names = ", ".join(v.name for v in videos) or "none"
    raise ProjectError(f"{path}: name the video the EAF belongs to with --video (videos: {names})")

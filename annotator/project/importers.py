"""Read an import file into an :class:`ImportPlan`, checking it against the project.

Nothing is written here: every format is read and checked whole first, so a bad file is
refused with the place of its first problem and the project is left untouched.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace
from pathlib import Path

from annotator.domain.label import Label
from annotator.domain.segment import Segment, Source
from annotator.domain.video import Video
from annotator.formats.csv.reader import read_csv
from annotator.formats.eaf.reader import read_eaf, read_eaf_media_urls
from annotator.formats.json.reader import ProjectData, read_json
from annotator.project.errors import ProjectError
from annotator.project.import_plan import ImportPlan, NewVideo, new_ref
from annotator.project.project import Project

# Colours for labels an import makes (ELAN tiers), in turn.
NEW_LABEL_COLOURS = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2")


def plan_csv(project: Project, path: Path) -> ImportPlan:
    imported = read_csv(Path(path), project.store.videos(), project.store.labels())
    segments = tuple(item.segment for item in imported)
    refuse_known_segments(project, segments, str(path))
    reviews = tuple(item.review for item in imported if item.review is not None)
    return ImportPlan(Path(path), segments, reviews)


def plan_json(project: Project, path: Path) -> ImportPlan:
    data = read_json(Path(path))
    refuse_known_segments(project, data.segments, "the JSON file")
    label_ids, new_labels = _label_ids(project, data.labels)
    video_ids, new_videos = _video_ids(project, data)
    segments = tuple(
        replace(s, video_id=video_ids[s.video_id], label_id=label_ids[s.label_id]) for s in data.segments
    )
    return ImportPlan(Path(path), segments, data.reviews, new_labels, new_videos)


def _label_ids(project: Project, labels: tuple[Label, ...]) -> tuple[dict[int, int], tuple[Label, ...]]:
    """File label ids to project label ids, or to placeholders of labels the project lacks
    (their keys are kept unless another label holds them)."""
    ids: dict[int, int] = {}
    new: list[Label] = []
    used_keys = {label.key for label in project.store.labels() if label.key and not label.archived}
    for index, label in enumerate(labels):
        found = project.store.label_by_name(label.name)
        file_id = label.id if label.id is not None else index
        if found is not None and found.id is not None:
            ids[file_id] = found.id
            continue
        key = "" if label.key in used_keys and not label.archived else label.key
        if not label.archived:  # an archived label's key is free for others (as in the store)
            used_keys.add(key)
        ids[file_id] = new_ref(len(new))
        new.append(replace(label, id=None, key=key))
    return ids, tuple(new)


def _video_ids(project: Project, data: ProjectData) -> tuple[dict[int, int], tuple[NewVideo, ...]]:
    """File video ids to project ids, matched by fingerprint; unknown videos are added from
    the file's metadata (and marked missing until relinked if their file is not found)."""
    ids: dict[int, int] = {}
    new: list[NewVideo] = []
    for video in data.videos:
        found = project.store.video_by_fingerprint(video.fingerprint)
        if found is not None:
            ids[video.id] = found.id
        else:
            ids[video.id] = new_ref(len(new))
            new.append(NewVideo(video.path, video.fingerprint, video.info))
    return ids, tuple(new)


def refuse_known_segments(project: Project, segments: Iterable[Segment], source: str) -> None:
    listed = list(segments)
    known = project.store.known_segment_ids(segment.id for segment in listed)
    clashes = [segment.id for segment in listed if segment.id in known]
    if clashes:
        raise ProjectError(
            f"{source}: segment {clashes[0]} is already in the project ({len(clashes)} in all)"
        )


def plan_eaf(
    project: Project,
    path: Path,
    video: str | None,
    mapping: Mapping[str, str] | None,
    new_labels: bool = False,
) -> ImportPlan:
    """An ELAN file onto one video: each annotation's value is kept (in the note, when the
    tier gives the label), the tier and annotation id in the segment's attributes."""
    path = Path(path)
    target = project.video_by_name(video) if video else _eaf_video(project, path)
    labels = {label.name.casefold(): label for label in project.store.labels()}
    names = [label.name for label in labels.values()]
    result = read_eaf(path, target.info.times(), names, mapping, new_labels=new_labels)
    made = [_new_label(name, index) for index, name in enumerate(result.new_labels)]
    ids = {name.casefold(): label.id for name, label in labels.items() if label.id is not None}
    ids.update({label.name.casefold(): new_ref(index) for index, label in enumerate(made)})
    segments = tuple(
        Segment(
            target.id,
            ids[item.label.casefold()],
            item.start_frame,
            item.end_frame,
            note=item.note,
            source=Source.IMPORT,
            attributes=item.attributes(),
        )
        for item in result.segments
    )
    return ImportPlan(path, segments, new_labels=tuple(made), skipped=result.skipped)


def _new_label(name: str, index: int) -> Label:
    return Label(name, colour=NEW_LABEL_COLOURS[index % len(NEW_LABEL_COLOURS)], description="from ELAN")


def _eaf_video(project: Project, path: Path) -> Video:
    """The project video the EAF file's media descriptor names (by file name)."""
    videos = project.store.videos()
    if not videos:
        raise ProjectError(
            f"{path}: the project has no videos: add the EAF's video first (annotator add-video)"
        )
    if len(videos) == 1:
        return videos[0]
    for url in read_eaf_media_urls(path):
        name = url.replace("\\", "/").rsplit("/", 1)[-1]
        matches = [v for v in videos if v.name == name]
        if len(matches) == 1:
            return matches[0]
    names = ", ".join(v.name for v in videos)
    raise ProjectError(f"{path}: name the video the EAF belongs to with --video (videos: {names})")

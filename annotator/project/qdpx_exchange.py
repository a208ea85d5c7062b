"""REFI-QDA (.qdpx) to and from a project.

Export: every video, label and segment (proposals as the export's ``proposals`` choice
says), video paths relative to the .qdpx, or the media inside it (``embed_media``).

Import: each coded stretch of a video becomes a segment of the project's video with the
same name, or of the video the .qdpx's path leads to (matched by fingerprint, or added);
a video the .qdpx only holds inside itself, or whose file cannot be found, is skipped with
a report, as are non-video sources. Codes map to labels by name after case and space
folding; a code the project lacks becomes a label with its colour. All or nothing, like
every import.
"""

from __future__ import annotations

import os
import uuid
from pathlib import Path

from annotator.domain.label import Label
from annotator.domain.segment import Segment, Source
from annotator.domain.video import Video
from annotator.formats.ms_frames import MsFrames
from annotator.formats.qdpx.reader import QdaCode, QdaCoding, QdaProject, QdaVideo, read_qdpx
from annotator.formats.qdpx.writer import MediaFile, save_qdpx
from annotator.project.errors import ProjectError
from annotator.project.import_plan import ImportPlan, NewVideo, new_ref
from annotator.project.importers import NEW_LABEL_COLOURS, refuse_known_segments
from annotator.project.project import Project

_HEX = set("0123456789abcdefABCDEF")


def export_qdpx(project: Project, path: Path, segments: list[Segment], embed_media: bool = False) -> int:
    path = Path(path)
    videos = project.store.videos()
    media = {video.id: _media_file(project.video_path(video), path, embed_media) for video in videos}
    return save_qdpx(path, project.directory.name, videos, media, project.store.labels(), segments)


def _media_file(media: Path, qdpx: Path, embed: bool) -> MediaFile:
    if embed:
        return MediaFile(embed=media)
    return MediaFile(relative=Path(os.path.relpath(media.resolve(), qdpx.parent.resolve())).as_posix())


def _fold(name: str) -> str:
    return " ".join(name.split()).casefold()


def _colour(code: QdaCode, index: int) -> str:
    colour = (code.colour or "").strip()
    if len(colour) == 4 and colour.startswith("#"):
        colour = "#" + "".join(c * 2 for c in colour[1:])
    if len(colour) == 7 and colour.startswith("#") and set(colour[1:]) <= _HEX:
        return colour.lower()
    return NEW_LABEL_COLOURS[index % len(NEW_LABEL_COLOURS)]


def _identity(coding: QdaCoding) -> str:
    """A segment id from the selection and its code: importing the file twice is refused."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"qdpx:{coding.selection_guid}:{coding.code_guid}"))


class _Planner:
    def __init__(self, project: Project, qda: QdaProject, where: Path) -> None:
        self.project, self.qda, self.where = project, qda, where
        labels = project.store.labels()
        self.labels = {_fold(label.name): label.id for label in labels if label.id is not None}
        self.new_labels: list[Label] = []
        self.new_videos: list[NewVideo] = []
        self.skipped = list(qda.skipped)

    def label_id(self, code_guid: str) -> int | None:
        code = self.qda.codes.get(code_guid)
        if code is None:
            return None
        folded = _fold(code.name)
        if folded not in self.labels:
            self.labels[folded] = new_ref(len(self.new_labels))
            name, colour = " ".join(code.name.split()), _colour(code, len(self.new_labels))
            self.new_labels.append(Label(name, colour, description=code.description or "from REFI-QDA"))
        return self.labels[folded]

    def video(self, source: QdaVideo) -> tuple[int, Video | NewVideo] | None:
        by_name = {video.name: video for video in self.project.store.videos()}
        if source.name in by_name:
            return by_name[source.name].id, by_name[source.name]
        if source.location is None or not source.location.is_file():
            inside = source.path.startswith("internal://")
            reason = "its media is inside the .qdpx" if inside else "its file is not found"
            self.skipped.append(f"VideoSource {source.name!r}: {reason}; add the video to the project first")
            return None
        inspected = self.project.inspect_video(source.location)
        known = self.project.store.video_by_fingerprint(inspected.fingerprint)
        if known is not None:
            return known.id, known
        self.new_videos.append(NewVideo(str(inspected.path), inspected.fingerprint, inspected.info))
        return new_ref(len(self.new_videos) - 1), self.new_videos[-1]

    def _frames(self, frames: MsFrames, coding: QdaCoding, video: str) -> tuple[int, int]:
        try:
            start = frames.frame(coding.begin_ms, is_end=False)
            return start, max(start + 1, frames.frame(coding.end_ms, is_end=True))
        except ValueError as error:
            raise ProjectError(
                f"{self.where}: {video}: selection {coding.selection_guid}: {error}"
            ) from error

    def segments(self, source: QdaVideo) -> list[Segment]:
        found = self.video(source)
        if found is None:
            return []
        video_id, video = found
        frames = MsFrames(video.info.times())
        made = []
        for coding in source.codings:
            label_id = self.label_id(coding.code_guid)
            if label_id is None:
                self.skipped.append(f"a coding of {source.name!r}: unknown code {coding.code_guid}")
                continue
            start, end = self._frames(frames, coding, source.name)
            attributes = {"qdpx_selection": coding.selection_guid}
            made.append(Segment(video_id, label_id, start, end, _identity(coding), annotator=coding.user,
                                note=coding.note, source=Source.IMPORT, attributes=attributes))  # fmt: skip
        return made


def plan_qdpx(project: Project, path: Path) -> ImportPlan:
    """Read and check a .qdpx against the project (see the module docstring)."""
    qda = read_qdpx(Path(path))
    planner = _Planner(project, qda, Path(path))
    segments = tuple(segment for source in qda.videos for segment in planner.segments(source))
    refuse_known_segments(project, segments, str(path))
    new_labels, new_videos = tuple(planner.new_labels), tuple(planner.new_videos)
    return ImportPlan(
        Path(path), segments, new_labels=new_labels, new_videos=new_videos, skipped=tuple(planner.skipped)
    )

"""Reading the project JSON: all or nothing, every refusal naming the file and the field.

The result is a :class:`ProjectData` of domain objects whose ids are **positions in the
file**: ``videos[i].id == i``, ``labels[j].id == j``, and each segment's ``video_id`` and
``label_id`` point there. The project layer matches them to its own videos (by fingerprint,
then name) and labels (by name) and gives them its ids. Unknown keys are ignored, so a
version-1 reader accepts files with extra information.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from annotator.domain.label import Label, LabelKind, Vocabulary, VocabularyError
from annotator.domain.segment import Review, Segment, SegmentError, Source, Verdict, check_bounds
from annotator.domain.video import Video
from annotator.formats.bulk import without_gc
from annotator.formats.errors import FormatImportError, listing, read_text_file
from annotator.formats.json.fields import Fields
from annotator.formats.json.video_entry import read_video

FORMAT = "annotator-project"
VERSION = 1

_SOURCES = {source.value: source for source in Source}
_VERDICTS = {verdict.value: verdict for verdict in Verdict}
_KINDS = {kind.value: kind for kind in LabelKind}
_EMPTY: dict[str, Any] = {}  # stands for a missing "attributes" (a fresh {} is returned)


class JsonImportError(FormatImportError):
    """A project JSON file that cannot be imported; nothing from it was taken."""


@dataclass(frozen=True)
class ProjectData:
    """Everything a project JSON file holds, as domain objects with file-local ids."""

    videos: tuple[Video, ...]
    labels: tuple[Label, ...]
    segments: tuple[Segment, ...]
    reviews: tuple[Review, ...]

    def label_of(self, segment: Segment) -> Label:
        return self.labels[segment.label_id]


@without_gc
def read_json(path: Path) -> ProjectData:
    """The project file at ``path``, or :class:`JsonImportError` (and nothing)."""
    document = _parse(read_text_file(path, JsonImportError), path)
    fields = Fields(path, JsonImportError)
    _check_header(document, fields)
    videos = tuple(
        read_video(item, index, fields)
        for index, item in enumerate(fields.items(document, "videos", "videos"))
    )
    labels = _labels(document, fields)
    segments = _Segments(fields, videos, labels).read(fields.items(document, "segments", "segments"))
    known = {segment.id for segment in segments}
    reviews = tuple(
        _review(item, index, fields, known)
        for index, item in enumerate(fields.items(document, "reviews", "reviews", required=False))
    )
    return ProjectData(videos, labels, segments, reviews)


def _parse(text: str, path: Path) -> dict[str, Any]:
    if text.lstrip("\ufeff \t\r\n").startswith("<"):
        reason = "this is XML, not JSON (an ELAN .eaf file? import it with format eaf)"
        raise JsonImportError(path, "line 1", reason)
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise JsonImportError(
            path, f"line {exc.lineno} column {exc.colno}", f"not valid JSON: {exc.msg}"
        ) from None
    if not isinstance(document, dict):
        raise JsonImportError(path, "", "not an Annotator project file (expected a JSON object)")
    return document


def _check_header(document: dict[str, Any], fields: Fields) -> None:
    kind = document.get("format")
    if kind != FORMAT:
        found = "it has none" if kind is None else f"it says {kind!r}"
        fields.fail("format", f"not an Annotator project file ({found}; expected {FORMAT!r})")
    version = document.get("version")
    if type(version) is not int:
        fields.fail("version", f"expected a whole number, got {version!r}")
    if version != VERSION:
        newer = " (written by a newer Annotator)" if version > VERSION else ""
        fields.fail(
            "version", f"version {version} is not supported{newer}; this Annotator reads version {VERSION}"
        )


def _labels(document: dict[str, Any], fields: Fields) -> tuple[Label, ...]:
    vocabulary = fields.object(document, "vocabulary", "")
    labels = tuple(
        _label(item, index, fields)
        for index, item in enumerate(fields.items(vocabulary, "labels", "vocabulary.labels"))
    )
    try:
        Vocabulary("import", labels)
    except VocabularyError as exc:
        fields.fail("vocabulary.labels", str(exc).removeprefix("vocabulary 'import': "))
    return labels


def _label(item: Any, index: int, fields: Fields) -> Label:
    place = f"vocabulary.labels[{index}]"
    item = fields.as_object(item, place)
    kind = fields.choice(item, "kind", place, _KINDS, default="span")
    try:
        return Label(
            name=fields.text(item, "name", place),
            colour=fields.text(item, "colour", place, default="#808080"),
            key=fields.text(item, "key", place, default=""),
            kind=kind,
            description=fields.text(item, "description", place, default=""),
            order=fields.whole(item, "order", place, default=index),
            archived=fields.flag(item, "archived", place, default=False),
            id=index,
        )
    except VocabularyError as exc:
        fields.fail(place, str(exc))


class _Segments:
    """Reads the segment list against the file's videos and labels."""

    def __init__(self, fields: Fields, videos: tuple[Video, ...], labels: tuple[Label, ...]) -> None:
        self._fields = fields
        self._frame_counts = [video.info.frame_count for video in videos]
        self._label_ids = {label.name: label.id for label in labels if label.id is not None}
        self._names = [label.name for label in labels]

    def read(self, items: list[Any]) -> tuple[Segment, ...]:
        fast = self._fast
        segments = tuple(fast(item) or self._segment(item, index) for index, item in enumerate(items))
        seen: dict[str, int] = {}
        for index, segment in enumerate(segments):
            first = seen.setdefault(segment.id, index)
            if first != index:
                self._fields.fail(
                    f"segments[{index}].id", f"{segment.id} is already used by segments[{first}]"
                )
        return segments

    def _fast(self, item: Any) -> Segment | None:
        """The segment of an entry as we write them, checked in one pass; ``None`` for
        anything else (a missing, null or mistyped field, bad bounds...), which
        :meth:`_segment` then reads field by field and refuses with the field's name.

        It accepts only what :meth:`_segment` accepts (a subset: a null optional field
        goes the slow way), so both give the same segment for an entry both accept."""
        if type(item) is not dict:
            return None
        get = item.get
        segment_id, video, start, end = get("id"), get("video"), get("start_frame"), get("end_frame")
        label, source = get("label"), get("source", "manual")
        annotator, note, attributes = get("annotator", ""), get("note", ""), get("attributes", _EMPTY)
        created, updated = get("created_at", ""), get("updated_at", "")
        if not (
            type(segment_id) is str
            and segment_id.strip()
            and type(video) is int
            and type(start) is int
            and type(end) is int
            and type(label) is str
            and type(source) is str
            and type(annotator) is str
            and type(note) is str
            and type(created) is str
            and type(updated) is str
            and type(attributes) is dict
        ):
            return None
        label_id, kind = self._label_ids.get(label), _SOURCES.get(source)
        if label_id is None or kind is None:
            return None
        frame_counts = self._frame_counts
        if not (0 <= video < len(frame_counts) and 0 <= start < end <= frame_counts[video]):
            return None
        return Segment.from_checked(
            video,
            label_id,
            start,
            end,
            segment_id,
            annotator,
            note,
            {} if attributes is _EMPTY else attributes,
            kind,
            created,
            updated,
        )

    def _segment(self, item: Any, index: int) -> Segment:
        fields, place = self._fields, f"segments[{index}]"
        item = fields.as_object(item, place)
        segment_id = fields.text(item, "id", place)
        if not segment_id.strip():
            fields.fail(f"{place}.id", "empty: every segment needs its id")
        video = fields.whole(item, "video", place)
        if not 0 <= video < len(self._frame_counts):
            fields.fail(
                f"{place}.video", f"{video} is not a video of the file (0..{len(self._frame_counts) - 1})"
            )
        label_id = self._label(fields.text(item, "label", place), f"{place}.label")
        start, end = fields.whole(item, "start_frame", place), fields.whole(item, "end_frame", place)
        try:
            check_bounds(start, end, self._frame_counts[video])
        except SegmentError as exc:
            fields.fail(f"{place}.end_frame" if start >= 0 else f"{place}.start_frame", str(exc))
        return Segment(
            video_id=video,
            label_id=label_id,
            start_frame=start,
            end_frame=end,
            id=segment_id,
            annotator=fields.text(item, "annotator", place, default=""),
            note=fields.text(item, "note", place, default=""),
            attributes=fields.object(item, "attributes", place, default={}),
            source=fields.choice(item, "source", place, _SOURCES, default="manual"),
            created_at=fields.text(item, "created_at", place, default=""),
            updated_at=fields.text(item, "updated_at", place, default=""),
        )

    def _label(self, name: str, place: str) -> int:
        label_id = self._label_ids.get(name)
        if label_id is None:
            self._fields.fail(
                place, f"no label {name!r} in the file's vocabulary (labels: {listing(self._names)})"
            )
        return label_id


def _review(item: Any, index: int, fields: Fields, known: set[str]) -> Review:
    place = f"reviews[{index}]"
    item = fields.as_object(item, place)
    segment_id = fields.text(item, "segment", place)
    if segment_id not in known:
        fields.fail(f"{place}.segment", f"no segment {segment_id!r} in the file")
    return Review(
        segment_id=segment_id,
        reviewer=fields.text(item, "reviewer", place, default=""),
        verdict=fields.choice(item, "verdict", place, _VERDICTS),
        note=fields.text(item, "note", place, default=""),
        created_at=fields.text(item, "created_at", place, default=""),
    )

"""One CSV row -> one :class:`ImportedSegment`, fast on the common case.

Runs 100,000 times per import on a slow machine, so the usual row (frames as digits,
a canonical UUID, a known video and label, ``unreviewed`` or a verdict) goes through
straight-line code with cached look-ups; anything unusual takes the general path, which is
also where every error message comes from.
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Iterable, Sequence
from typing import Any, NamedTuple

from annotator.domain.label import Label
from annotator.domain.segment import UNREVIEWED, Review, Segment, Source, Verdict, new_segment_id
from annotator.domain.video import Video
from annotator.formats.csv.bounds import BoundCells, resolve_bounds
from annotator.formats.csv.cell_escape import unescape_cell
from annotator.formats.csv.errors import CsvProblem, FieldError
from annotator.formats.csv.lookup import LabelLookup, VideoLookup
from annotator.formats.video_clock import VideoClock

_UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
_SEPARATORS = re.compile(r"[\s\-]+")
_STATUSES = ", ".join([UNREVIEWED, *(verdict.value for verdict in Verdict)])
_VERDICTS = {verdict.value: verdict for verdict in Verdict}

FIELDS = (
    "segment_id",
    "video",
    "video_path",
    "label",
    "start_frame",
    "start_tc",
    "start_s",
    "end_frame",
    "end_tc",
    "end_s",
    "annotator",
    "note",
    "attributes",
    "status",
    "reviewer",
    "review_note",
)


_HOT_CELLS = ("segment_id", "video", "video_path", "label", "annotator", "note", "attributes")
_HOT_BOUNDS_AND_REVIEW = ("start_frame", "end_frame", "status", "reviewer", "review_note")


class ImportedSegment(NamedTuple):
    """A segment read from a CSV (``source=import``), the review its ``status`` column
    gives (``None`` when unreviewed), and the physical line the row starts on."""

    segment: Segment
    review: Review | None
    line: int


class _Target(NamedTuple):
    video: Video
    clock: VideoClock
    frame_count: int


class RowReader:
    """Reads the rows of one file; ``columns`` maps field names to cell indexes."""

    def __init__(self, columns: dict[str, int], width: int, videos: Sequence[Video], labels: Sequence[Label]):
        self._width = width
        # A column the file lacks points at the "" appended to every row.
        self._at = {name: columns.get(name, width) for name in FIELDS}
        # Cell indexes unpacked into locals for each row: this runs 100,000 times per import.
        self._hot_cells = tuple(self._at[name] for name in _HOT_CELLS)
        self._hot_bounds_and_review = tuple(self._at[name] for name in _HOT_BOUNDS_AND_REVIEW)
        self._videos = VideoLookup(videos)
        self._labels = LabelLookup(labels)
        self._targets: dict[tuple[str, str], _Target] = {}
        self._clocks: dict[int, VideoClock] = {}
        self._label_ids: dict[str, int] = {}

    def read_all(
        self, records: Iterable[tuple[int, list[str]]]
    ) -> tuple[list[ImportedSegment], list[CsvProblem]]:
        """Every row's segment and review, and every problem (a row's first bad field)."""
        imported: list[ImportedSegment] = []
        problems: list[CsvProblem] = []
        line_of_id: dict[str, int] = {}
        for line, cells in records:
            try:
                item = self._read(cells, line)
            except FieldError as exc:
                problems.append(CsvProblem(line, exc.field, exc.reason))
                continue
            if line_of_id.setdefault(item.segment.id, line) != line:
                reason = f"{item.segment.id} is already used on line {line_of_id[item.segment.id]}"
                problems.append(CsvProblem(line, "segment_id", reason))
            imported.append(item)
        return imported, problems

    def _read(self, cells: list[str], line: int) -> ImportedSegment:
        if len(cells) != self._width:
            cells = self._fit(cells)
        cells.append("")
        at_id, at_video, at_path, at_label, at_annotator, at_note, at_attributes = self._hot_cells
        at_start, at_end, at_status, at_reviewer, at_review_note = self._hot_bounds_and_review
        target = self._targets.get((cells[at_video], cells[at_path])) or self._target(cells)
        label_id = self._label_ids.get(cells[at_label]) or self._label_id(cells[at_label])
        start_text, end_text = cells[at_start], cells[at_end]
        if start_text.isdecimal() and end_text.isdecimal():
            start, end = int(start_text), int(end_text)
            if not start < end <= target.frame_count:
                start, end = self._bounds(cells, target)
        else:
            start, end = self._bounds(cells, target)
        segment_id = cells[at_id]
        if not _UUID.fullmatch(segment_id):
            segment_id = _segment_id(unescape_cell(segment_id).strip())
        annotator, note, attributes = cells[at_annotator], cells[at_note], cells[at_attributes]
        # Every field is checked by now (0 <= start < end <= frame_count above or in
        # resolve_bounds; ids, texts and the attributes object here), so the segment is
        # built without checking the bounds a second time.
        segment = Segment.from_checked(
            target.video.id,
            label_id,
            start,
            end,
            segment_id,
            unescape_cell(annotator) if annotator and annotator[0] == "'" else annotator,
            unescape_cell(note) if note and note[0] == "'" else note,
            _attributes(unescape_cell(attributes)) if attributes else {},
            Source.IMPORT,
            "",
            "",
        )
        if cells[at_status] == UNREVIEWED and not cells[at_reviewer] and not cells[at_review_note]:
            return ImportedSegment(segment, None, line)
        return ImportedSegment(segment, self._review(cells, segment_id), line)

    def _fit(self, cells: list[str]) -> list[str]:
        width = self._width
        if len(cells) > width and any(cell.strip() for cell in cells[width:]):
            raise FieldError("", f"{len(cells)} cells, but the header names only {width} columns")
        return cells[:width] + [""] * (width - len(cells))

    def _target(self, cells: list[str]) -> _Target:
        key = (cells[self._at["video"]], cells[self._at["video_path"]])
        video = self._videos.find(unescape_cell(key[0]).strip(), unescape_cell(key[1]).strip())
        clock = self._clocks.get(video.id)
        if clock is None:
            clock = self._clocks[video.id] = VideoClock(video.info)
        target = self._targets[key] = _Target(video, clock, clock.frame_count)
        return target

    def _label_id(self, cell: str) -> int:
        label_id = self._label_ids[cell] = self._labels.find(unescape_cell(cell))
        return label_id

    def _bounds(self, cells: list[str], target: _Target) -> tuple[int, int]:
        return resolve_bounds(
            self._bound(cells, "start"), self._bound(cells, "end"), target.clock, target.video.name
        )

    def _bound(self, cells: list[str], side: str) -> BoundCells:
        at = self._at
        return (
            unescape_cell(cells[at[f"{side}_frame"]]).strip(),
            unescape_cell(cells[at[f"{side}_tc"]]).strip(),
            unescape_cell(cells[at[f"{side}_s"]]).strip(),
        )

    def _review(self, cells: list[str], segment_id: str) -> Review | None:
        at = self._at
        written = cells[at["status"]]
        reviewer, note = unescape_cell(cells[at["reviewer"]]), unescape_cell(cells[at["review_note"]])
        verdict = _VERDICTS.get(written)
        if verdict is None:
            status = _SEPARATORS.sub("_", unescape_cell(written).strip()).casefold()
            if status in ("", UNREVIEWED):
                if reviewer.strip() or note.strip():
                    raise FieldError(
                        "status", f"{written or 'empty'}, but there is a reviewer or review note"
                    )
                return None
            verdict = _verdict(status, written)
        return Review(segment_id=segment_id, reviewer=reviewer, verdict=verdict, note=note)


def _verdict(status: str, written: str) -> Verdict:
    verdict = _VERDICTS.get(status)
    if verdict is None:
        raise FieldError("status", f"{written!r} is not a status ({_STATUSES})")
    return verdict


def _segment_id(text: str) -> str:
    """The UUID (canonical form), or a new one for an empty cell."""
    if not text:
        return new_segment_id()
    try:
        return str(uuid.UUID(text))
    except ValueError:
        raise FieldError("segment_id", f"{text!r} is not a UUID; leave it empty for a new id") from None


def _attributes(text: str) -> dict[str, Any]:
    if not text.strip():
        return {}
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        raise FieldError("attributes", f"not JSON ({exc.msg} at character {exc.pos + 1})") from None
    if not isinstance(value, dict):
        raise FieldError("attributes", 'must be a JSON object, like {"speaker": "anchor"}')
    return value

"""Writing the annotation CSV, for pandas and spreadsheets.

:func:`write_csv`, :func:`save_csv`: UTF-8, RFC 4180 (``csv`` module, ``\\r\\n``
line ends, fields quoted only when needed), one header row, the contract columns of
:data:`~annotator.formats.csv.columns.COLUMNS` then ``EXTRA_COLUMNS``. One row per segment:

* ``video`` is the file name, ``video_path`` the stored path;
* ``start_frame``/``end_frame`` are the half-open range ``[start, end)``;
* ``start_tc``/``end_tc`` are SMPTE timecodes of ``start_frame`` and of ``end_frame``
  (the first frame *after* the segment, like ELAN's end time); drop-frame at 29.97/59.94;
* ``start_s``/``end_s`` are ``t(start_frame)``/``t(end_frame)`` from the frame timestamp
  table (seconds from the first frame; exact, rounded to the millisecond half up, three
  decimals); ``duration_s`` is ``end_s - start_s`` of those rounded values, so the columns
  add up in a spreadsheet;
* ``status`` is the latest verdict (``approved``, ``rejected``, ``needs_fix``) or
  ``unreviewed``; ``reviewer``/``review_note`` come from that latest review;
* text cells starting with ``= + - @``, tab, CR or ``'`` get a leading ``'``
  (see :mod:`annotator.formats.csv.cell_escape`); the importer removes it again.

Reading it back: :mod:`annotator.formats.csv.reader`.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import TextIO

from annotator.domain.label import Label
from annotator.domain.segment import Review, Segment, Source, review_status
from annotator.domain.video import Video
from annotator.formats.atomic_text import save_text
from annotator.formats.csv.cell_escape import ESCAPED_STARTS as _ESCAPED_STARTS
from annotator.formats.csv.cell_escape import escape_cell
from annotator.formats.csv.columns import HEADER
from annotator.formats.video_clock import VideoClock

__all__ = ["LINE_TERMINATOR", "save_csv", "write_csv"]

LINE_TERMINATOR = "\r\n"
_SOURCE_TEXT = {source: source.value for source in Source}


class _VideoCells:
    """What every row of one video shares, worked out once."""

    def __init__(self, video: Video) -> None:
        self.name = escape_cell(video.name)
        self.path = escape_cell(video.path)
        self.clock = VideoClock(video.info)


def write_csv(
    out: TextIO,
    segments: Iterable[Segment],
    videos: Mapping[int, Video],
    labels: Mapping[int, Label],
    latest_reviews: Mapping[str, Review],
) -> int:
    """Write the header and one row per segment to ``out``; return the rows written.

    Open ``out`` with ``encoding="utf-8", newline=""`` (rows end in ``\\r\\n``). A segment
    whose video or label is missing from the mappings raises ``KeyError`` naming it.
    """
    writer = csv.writer(out, lineterminator=LINE_TERMINATOR)
    writer.writerow(HEADER)
    written = [0]
    writer.writerows(_rows(segments, videos, labels, latest_reviews, written))
    return written[0]


def save_csv(
    path: Path,
    segments: Iterable[Segment],
    videos: Mapping[int, Video],
    labels: Mapping[int, Label],
    latest_reviews: Mapping[str, Review],
    *,
    excel_bom: bool = False,
) -> int:
    """:func:`write_csv` into ``path`` atomically: a temporary file beside it is renamed
    over it only when complete, so a failure never leaves half a file. ``excel_bom``
    starts the file with a UTF-8 BOM, which makes Excel read non-ASCII text correctly."""
    encoding = "utf-8-sig" if excel_bom else "utf-8"

    def rows(out: TextIO) -> int:
        return write_csv(out, segments, videos, labels, latest_reviews)

    return save_text(path, rows, newline="", encoding=encoding)


def _rows(
    segments: Iterable[Segment],
    videos: Mapping[int, Video],
    labels: Mapping[int, Label],
    latest_reviews: Mapping[str, Review],
    written: list[int],
) -> Iterator[list[object]]:
    """The rows, counting them in ``written[0]``."""
    video_cells: dict[int, _VideoCells] = {}
    label_cells: dict[int, str] = {}
    for segment in segments:
        cells = video_cells.get(segment.video_id)
        if cells is None:
            cells = video_cells[segment.video_id] = _VideoCells(_video(videos, segment))
        label = label_cells.get(segment.label_id)
        if label is None:
            label = label_cells[segment.label_id] = escape_cell(_label(labels, segment).name)
        try:
            times = cells.clock.row_times(segment.start_frame, segment.end_frame)
        except IndexError:
            raise ValueError(f"segment {segment.id} ends past the last frame of {cells.name}") from None
        written[0] += 1
        yield _row(segment, cells, label, times, latest_reviews.get(segment.id))


def _row(
    segment: Segment, cells: _VideoCells, label: str, times: tuple[str, ...], review: Review | None
) -> list[object]:
    # Inline checks instead of escape_cell() calls: this runs 100,000 times per export.
    note, annotator = segment.note, segment.annotator
    if note and note[0] in _ESCAPED_STARTS:
        note = "'" + note
    if annotator and annotator[0] in _ESCAPED_STARTS:
        annotator = "'" + annotator
    attributes = ""
    if segment.attributes:
        attributes = json.dumps(segment.attributes, ensure_ascii=False, sort_keys=True)
    status, reviewer, review_note = review_status(review), "", ""
    if review is not None:
        reviewer, review_note = escape_cell(review.reviewer), escape_cell(review.note)
    start_tc, end_tc, start_s, end_s, duration_s = times
    return [
        segment.id,
        cells.name,
        label,
        segment.start_frame,
        segment.end_frame,
        start_tc,
        end_tc,
        start_s,
        end_s,
        duration_s,
        annotator,
        note,
        status,
        reviewer,
        review_note,
        cells.path,
        attributes,
        _SOURCE_TEXT[segment.source],
    ]


def _video(videos: Mapping[int, Video], segment: Segment) -> Video:
    try:
        return videos[segment.video_id]
    except KeyError:
        raise KeyError(f"segment {segment.id}: video {segment.video_id} is not among the videos") from None


def _label(labels: Mapping[int, Label], segment: Segment) -> Label:
    try:
        return labels[segment.label_id]
    except KeyError:
        raise KeyError(f"segment {segment.id}: label {segment.label_id} is not among the labels") from None

"""Rows of ``segments`` <-> :class:`Segment`, with checks that name the bad field."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from typing import Any

from annotator.domain.segment import Segment, Source
from annotator.storage.connection import Connection
from annotator.storage.errors import StoreConstraintError

# Columns in the order of Segment's fields: rows become segments by position (a third faster).
SELECT = (
    "SELECT video_id, label_id, start_frame, end_frame, id, annotator, note, attributes, source, "
    "created_at, updated_at FROM segments"
)
ORDER = " ORDER BY video_id, start_frame, end_frame"  # ties: the index keeps insertion order
_INSERT = (
    "INSERT INTO segments (id, video_id, label_id, start_frame, end_frame, annotator, note, attributes, "
    "source, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
_UPDATE = (
    "UPDATE segments SET video_id = ?, label_id = ?, start_frame = ?, end_frame = ?, annotator = ?, "
    "note = ?, attributes = ?, source = ?, updated_at = ? WHERE id = ?"
)


_SOURCES = {source.value: source for source in Source}


def from_rows(rows: Iterable[tuple[Any, ...]]) -> list[Segment]:
    """Rows of :data:`SELECT` as segments, built with :meth:`Segment.from_checked`: the
    table's ``CHECK (end_frame > start_frame AND start_frame >= 0)`` and ``NOT NULL``
    already hold every row to what ``Segment.__post_init__`` checks, and listing 100,000
    segments is what opening a project costs. ``attributes`` is parsed only when not ``{}``."""
    build, sources, loads = Segment.from_checked, _SOURCES, json.loads
    return [
        build(
            video,
            label,
            start,
            end,
            id_,
            annotator,
            note,
            {} if attributes == "{}" else loads(attributes),
            sources[source],
            created,
            updated,
        )
        for video, label, start, end, id_, annotator, note, attributes, source, created, updated in rows
    ]


def _attributes_json(segment: Segment) -> str:
    if not segment.attributes:
        return "{}"
    try:
        return json.dumps(segment.attributes, ensure_ascii=False, sort_keys=True, allow_nan=False)
    except (TypeError, ValueError) as exc:
        raise StoreConstraintError(f"segment {segment.id}: attributes are not JSON: {exc}") from exc


def check_references(conn: Connection, segments: Iterable[Segment]) -> None:
    """Refuse a segment whose video or label is unknown, or that ends past its video."""
    frame_counts = dict(conn.execute("SELECT id, frame_count FROM videos").fetchall())
    label_ids = {row[0] for row in conn.execute("SELECT id FROM labels")}
    for segment in segments:
        frame_count = frame_counts.get(segment.video_id)
        if frame_count is None:
            raise StoreConstraintError(
                f"segment {segment.id}: video_id {segment.video_id} is not in the project"
            )
        if segment.label_id not in label_ids:
            raise StoreConstraintError(
                f"segment {segment.id}: label_id {segment.label_id} is not in the project"
            )
        if frame_count and segment.end_frame > frame_count:
            raise StoreConstraintError(
                f"segment {segment.id}: end_frame {segment.end_frame} is past the end of video "
                f"{segment.video_id} ({frame_count} frames)"
            )


COLUMNS = (
    "id, video_id, label_id, start_frame, end_frame, annotator, note, attributes, source, created_at, "
    "updated_at"
)


def rows(segments: Iterable[Segment], now: str) -> Iterator[tuple[Any, ...]]:
    """The rows to insert, in :data:`COLUMNS` order; empty timestamps become ``now``."""
    return (
        (
            s.id,
            s.video_id,
            s.label_id,
            s.start_frame,
            s.end_frame,
            s.annotator,
            s.note,
            _attributes_json(s),
            s.source.value,
            s.created_at or now,
            s.updated_at or s.created_at or now,
        )
        for s in segments
    )


def insert_many(conn: Connection, segments: Sequence[Segment], now: str) -> None:
    """Insert rows; empty ``created_at``/``updated_at`` become ``now``; duplicates are refused."""
    try:
        conn.executemany(_INSERT, rows(segments, now))
    except sqlite3.IntegrityError as exc:
        if "segments.id" in str(exc):
            raise StoreConstraintError(f"a segment id is already in the project: {exc}") from exc
        raise


def update(conn: Connection, segment: Segment, version: int | None = None) -> bool:
    """Overwrite the row's editable fields (not ``created_at`` or ``deleted``); with a
    ``version`` (PostgreSQL), only if the row still has it."""
    cursor = conn.execute(
        _UPDATE if version is None else _UPDATE + " AND version = ?",
        (
            segment.video_id,
            segment.label_id,
            segment.start_frame,
            segment.end_frame,
            segment.annotator,
            segment.note,
            _attributes_json(segment),
            segment.source.value,
            segment.updated_at,
            segment.id,
            *(() if version is None else (version,)),
        ),
    )
    return cursor.rowcount == 1


def same_content(a: Segment, b: Segment) -> bool:
    """Whether two copies of a segment agree on everything a user edits (not timestamps)."""
    return replace(a, created_at="", updated_at="") == replace(b, created_at="", updated_at="")


def set_deleted(conn: Connection, segment_id: str, deleted: bool, now: str) -> bool:
    cursor = conn.execute(
        "UPDATE segments SET deleted = ?, updated_at = ? WHERE id = ?", (int(deleted), now, segment_id)
    )
    return cursor.rowcount == 1


def select_sql(video_id: int | None, label_id: int | None, include_deleted: bool) -> tuple[str, list[Any]]:
    """The listing query for the given filters, sorted by video, start, end."""
    clauses: list[str] = []
    params: list[Any] = []
    if video_id is not None:
        clauses.append("video_id = ?")
        params.append(video_id)
    if label_id is not None:
        clauses.append("label_id = ?")
        params.append(label_id)
    if not include_deleted:
        clauses.append("deleted = 0")
    where = f" WHERE {' AND '.join(clauses)}" if clauses else ""
    return SELECT + where + ORDER, params

"""The schema, as a list of migration steps keyed by ``PRAGMA user_version``.

``MIGRATIONS[n]`` takes a database from version ``n`` to ``n + 1``; a new project runs
them all. To change the schema, append a step (never edit a released one) so every older
file can be brought forward; :mod:`annotator.storage.migrations` backs the file up first.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence

from annotator.storage.search_index import create_search_index

Migration = Callable[[sqlite3.Connection], None]

_V1 = """
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE videos (
    id             INTEGER PRIMARY KEY,
    path           TEXT    NOT NULL,
    fingerprint    TEXT    NOT NULL UNIQUE,
    codec          TEXT    NOT NULL,
    width          INTEGER NOT NULL CHECK (width >= 0),
    height         INTEGER NOT NULL CHECK (height >= 0),
    fps_num        INTEGER NOT NULL CHECK (fps_num > 0),
    fps_den        INTEGER NOT NULL CHECK (fps_den > 0),
    frame_count    INTEGER NOT NULL CHECK (frame_count >= 0),
    duration_num   INTEGER NOT NULL,
    duration_den   INTEGER NOT NULL CHECK (duration_den > 0),
    start_time_num INTEGER NOT NULL,
    start_time_den INTEGER NOT NULL CHECK (start_time_den > 0),
    has_audio      INTEGER NOT NULL CHECK (has_audio IN (0, 1)),
    is_vfr         INTEGER NOT NULL CHECK (is_vfr IN (0, 1)),
    container      TEXT    NOT NULL DEFAULT '',
    frame_times    BLOB,
    added_at       TEXT    NOT NULL
);

CREATE TABLE labels (
    id          INTEGER PRIMARY KEY,
    name        TEXT    NOT NULL UNIQUE COLLATE NOCASE CHECK (trim(name) <> ''),
    colour      TEXT    NOT NULL,
    key         TEXT    NOT NULL DEFAULT '',
    kind        TEXT    NOT NULL CHECK (kind IN ('span', 'point')),
    description TEXT    NOT NULL DEFAULT '',
    sort_order  INTEGER NOT NULL DEFAULT 0,
    archived    INTEGER NOT NULL DEFAULT 0 CHECK (archived IN (0, 1))
);
CREATE UNIQUE INDEX labels_active_key ON labels (key) WHERE key <> '' AND archived = 0;

CREATE TABLE segments (
    id          TEXT    PRIMARY KEY,
    video_id    INTEGER NOT NULL REFERENCES videos (id),
    label_id    INTEGER NOT NULL REFERENCES labels (id),
    start_frame INTEGER NOT NULL,
    end_frame   INTEGER NOT NULL,
    annotator   TEXT    NOT NULL DEFAULT '',
    note        TEXT    NOT NULL DEFAULT '',
    attributes  TEXT    NOT NULL DEFAULT '{}' CHECK (json_valid(attributes)),
    source      TEXT    NOT NULL CHECK (source IN ('manual', 'import', 'proposal')),
    created_at  TEXT    NOT NULL,
    updated_at  TEXT    NOT NULL,
    deleted     INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
    CHECK (end_frame > start_frame AND start_frame >= 0)
);
CREATE INDEX segments_video_start ON segments (video_id, start_frame, end_frame);
CREATE INDEX segments_label ON segments (label_id);

CREATE TABLE reviews (
    id         INTEGER PRIMARY KEY,
    segment_id TEXT    NOT NULL REFERENCES segments (id),
    reviewer   TEXT    NOT NULL,
    verdict    TEXT    NOT NULL CHECK (verdict IN ('approved', 'rejected', 'needs_fix')),
    note       TEXT    NOT NULL DEFAULT '',
    created_at TEXT    NOT NULL
);
CREATE INDEX reviews_segment ON reviews (segment_id, id);
"""


def _create_v1(conn: sqlite3.Connection) -> None:
    """Version 1: meta, videos, labels, segments, reviews."""
    for statement in _V1.split(";"):
        if statement.strip():
            conn.execute(statement)


# Version 2: full-text search (search_text, kept by triggers; search_text_fts over it).
MIGRATIONS: Sequence[Migration] = (_create_v1, create_search_index)


def schema_version(migrations: Sequence[Migration] = MIGRATIONS) -> int:
    """The ``user_version`` a database has once every step has run."""
    return len(migrations)

"""Full-text search over segments: a text row per live segment, kept by triggers, and an
FTS5 index over it that ``sqlite-utils`` builds and keeps in sync.

``search_text`` holds, for each segment not deleted, what a user searches for: its label's
name, its video's file name, annotator and note (plus the video, start frame and source to
filter and order by); triggers on ``segments``, ``labels`` and ``videos`` keep it current.
``sqlite-utils`` makes ``search_text_fts`` (FTS5, external content, diacritics folded)
with its own triggers from ``search_text``. Ranking is BM25 with a label match worth most.
Every edit therefore updates the index in the same transaction as the edit itself.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from annotator.domain.search_query import SearchQuery


def _file_name(path: str) -> str:
    """SQL for the file name of the path in column ``path``: all after the last slash (either
    kind): trimming every non-slash from the right leaves the folder, whose length is cut."""
    slashed = f"replace({path}, '\\', '/')"
    return f"substr({slashed}, length(rtrim({slashed}, replace({slashed}, '/', ''))) + 1)"


_COLUMNS = ("label", "video", "annotator", "note")
_WEIGHTS = "bm25(8.0, 2.0, 2.0, 1.0)"

_TABLE = """
CREATE TABLE search_text (
    rowid       INTEGER PRIMARY KEY,
    segment_id  TEXT    NOT NULL UNIQUE,
    video_id    INTEGER NOT NULL,
    start_frame INTEGER NOT NULL,
    source      TEXT    NOT NULL,
    label       TEXT    NOT NULL,
    video       TEXT    NOT NULL,
    annotator   TEXT    NOT NULL,
    note        TEXT    NOT NULL
)
"""
_ROW = f"""
INSERT INTO search_text (rowid, segment_id, video_id, start_frame, source, label, video, annotator, note)
SELECT s.rowid, s.id, s.video_id, s.start_frame, s.source, l.name, {_file_name("v.path")},
       s.annotator, s.note
FROM segments AS s JOIN labels AS l ON l.id = s.label_id JOIN videos AS v ON v.id = s.video_id
WHERE s.deleted = 0
"""
_TRIGGERS = (
    f"CREATE TRIGGER search_segment_ai AFTER INSERT ON segments BEGIN {_ROW} AND s.rowid = new.rowid; END",
    "CREATE TRIGGER search_segment_ad AFTER DELETE ON segments BEGIN "
    "DELETE FROM search_text WHERE rowid = old.rowid; END",
    "CREATE TRIGGER search_segment_au AFTER UPDATE ON segments BEGIN "
    f"DELETE FROM search_text WHERE rowid = old.rowid; {_ROW} AND s.rowid = new.rowid; END",
    "CREATE TRIGGER search_label_au AFTER UPDATE OF name ON labels BEGIN "
    "UPDATE search_text SET label = new.name WHERE rowid IN "
    "(SELECT rowid FROM segments WHERE label_id = new.id); END",
    "CREATE TRIGGER search_video_au AFTER UPDATE OF path ON videos BEGIN "
    f"UPDATE search_text SET video = {_file_name('new.path')} WHERE video_id = new.id; END",
)


BULK = 100  # from this many rows, an insert indexes them in one statement after


@contextmanager
def indexed_after(conn: sqlite3.Connection, rows: int) -> Iterator[None]:
    """Index the segments the block inserts in one statement at its end rather than row by row
    (a trigger per row costs 22 us; 100,000 rows took 5.5 s of CPU instead of 1.4 s).

    The per-row trigger is dropped for the block and made again after it, inside the caller's
    transaction, so no other connection ever sees the schema without it. New rows are those
    past the largest rowid before (a table without AUTOINCREMENT gives max + 1)."""
    if rows < BULK:
        yield
        return
    before = conn.execute("SELECT coalesce(max(rowid), 0) FROM segments").fetchone()[0]
    conn.execute("DROP TRIGGER search_segment_ai")
    try:
        yield
        conn.execute(_ROW + " AND s.rowid > ?", (before,))
    finally:
        conn.execute(_TRIGGERS[0])


def create_search_index(conn: sqlite3.Connection) -> None:
    """Schema step: the text table and its triggers, filled from the segments there are,
    then the FTS5 index over it (inside the caller's transaction: sqlite-utils runs each
    statement on its own when one is open, never committing half-way)."""
    conn.execute(_TABLE)
    conn.execute("CREATE INDEX search_text_order ON search_text (video_id, start_frame)")  # filters alone
    conn.execute(_ROW)
    for trigger in _TRIGGERS:
        conn.execute(trigger)
    db = _wrap(conn)
    tokens = "unicode61 remove_diacritics 2"  # "café" is found by "cafe"
    db.table("search_text").enable_fts(_COLUMNS, create_triggers=True, tokenize=tokens)
    conn.execute(f"INSERT INTO search_text_fts (search_text_fts, rank) VALUES ('rank', '{_WEIGHTS}')")


def _wrap(conn: sqlite3.Connection) -> Database:
    """sqlite-utils over the store's own connection, changing none of its settings (by
    default it would turn recursive triggers on and run plugins)."""
    return Database(conn, recursive_triggers=False, execute_plugins=False)


@dataclass(frozen=True)
class SearchHit:
    segment_id: str
    rank: float  # lower is better (BM25 as FTS5 gives it); 0 when the query has no words


_LATEST_VERDICT = (
    "coalesce((SELECT r.verdict FROM reviews AS r WHERE r.segment_id = search_text.segment_id "
    "ORDER BY r.id DESC LIMIT 1), 'unreviewed')"
)


def _glob(pattern: str) -> str:
    """A filter's pattern for GLOB: ``*`` and ``?`` stay wildcards, ``[`` is itself."""
    return pattern.replace("[", "[[]")


def _filters(query: SearchQuery, proposals: str) -> tuple[str, dict[str, Any]]:
    clauses: list[str] = []
    args: dict[str, Any] = {}

    def any_of(patterns: tuple[str, ...], expression: str, name: str) -> None:
        if patterns:
            options = []
            for i, pattern in enumerate(patterns):
                args[f"{name}{i}"] = pattern
                options.append(expression.format(arg=f":{name}{i}"))
            clauses.append("(" + " OR ".join(options) + ")")

    any_of(tuple(map(_glob, query.labels)), "lower(label) GLOB {arg}", "label")
    any_of(
        tuple(map(_glob, query.videos)),
        "(lower(video) GLOB {arg} OR lower(video) GLOB {arg} || '.*')",
        "video",
    )
    any_of(tuple(map(_glob, query.annotators)), "lower(annotator) GLOB {arg}", "annotator")
    any_of(query.statuses, _LATEST_VERDICT + " = {arg}", "status")
    if proposals != "include":
        clauses.append("source " + ("=" if proposals == "only" else "<>") + " 'proposal'")
    return " AND ".join(clauses), args


def search(
    conn: sqlite3.Connection, query: SearchQuery, proposals: str = "exclude", limit: int = 200
) -> list[SearchHit]:
    """The segments ``query`` finds, best first (then by video and start); at most ``limit``."""
    where, args = _filters(query, proposals)
    table = _wrap(conn).table("search_text")
    if query.has_text:
        rows = table.search(
            query.fts_expression(),
            columns=["segment_id", "video_id", "start_frame"],
            where=where or None,
            where_args=args,
            order_by="rank, video_id, start_frame",
            limit=limit,
            include_rank=True,
        )
        return [SearchHit(row["segment_id"], float(row["rank"])) for row in rows]
    rows = table.rows_where(
        where or None, args, order_by="video_id, start_frame", select="segment_id", limit=limit
    )
    return [SearchHit(row["segment_id"], 0.0) for row in rows]

"""Every row of every table of a project database, read as another program would.

Import atomicity tests compare a snapshot taken before a failed import with one taken
after: any row added, changed or removed anywhere (labels, videos, segments, reviews,
meta, SQLite's own sequence table) shows as a difference."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

Snapshot = dict[str, list[tuple[Any, ...]]]


def database_snapshot(db_path: Path) -> Snapshot:
    """Each table's rows, sorted, by table name (a separate read-only connection)."""
    conn = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        # The full-text index's shadow tables hold its b-tree, whose bytes differ after an
        # insert and a delete of the same rows; what it indexes is search_text, compared here.
        tables = [
            name
            for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
            if not name.startswith("search_text_fts")
        ]
        snapshot = {
            table: sorted(conn.execute(f'SELECT * FROM "{table}"').fetchall(), key=repr) for table in tables
        }
        snapshot["PRAGMA user_version"] = conn.execute("PRAGMA user_version").fetchall()
        return snapshot
    finally:
        conn.close()

"""Check a file's schema version without writing to it, back it up, bring it forward."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from annotator.storage.database import Database, translated
from annotator.storage.errors import StoreCorruptError, StoreError, StoreVersionError
from annotator.storage.schema import Migration

_MAGIC = b"SQLite format 3\x00"


@dataclass(frozen=True)
class FileState:
    """What a read-only look at a database file found."""

    user_version: int
    table_count: int


def read_only_uri(path: Path) -> str:
    """How to open ``path`` without writing a byte beside it: with no ``-wal`` file, the main
    file is the whole database, opened ``immutable`` (no locks, no side files, so a folder
    this user may not write is fine); otherwise read-only through the WAL."""
    wal = path.with_name(path.name + "-wal")
    return f"{path.absolute().as_uri()}?{'mode=ro' if wal.exists() else 'immutable=1'}"


def inspect_file(path: Path) -> FileState:
    """Read ``path``'s schema version and table count without changing a byte of it."""
    try:
        with path.open("rb") as handle:
            header = handle.read(len(_MAGIC))
    except OSError as exc:
        raise StoreError(f"{path}: cannot read: {exc.strerror or exc}") from exc
    if header and header != _MAGIC:
        raise StoreCorruptError(f"{path} is not an SQLite database (not an Annotator project)")
    with translated(path):
        conn = sqlite3.connect(read_only_uri(path), uri=True)
        try:
            version = int(conn.execute("PRAGMA user_version").fetchone()[0])
            tables = int(
                conn.execute("SELECT count(*) FROM sqlite_master WHERE type = 'table'").fetchone()[0]
            )
        finally:
            conn.close()
    return FileState(version, tables)


def check_version(path: Path, state: FileState, known: int) -> None:
    """Refuse a file this code cannot use: newer than ``known``, or not a project at all."""
    if state.user_version > known:
        raise StoreVersionError(
            f"{path} was written by a newer Annotator (schema version {state.user_version}; "
            f"this one knows up to {known}). It was not opened or changed; update Annotator to open it."
        )
    if state.user_version == 0:
        raise StoreError(f"{path} is an SQLite database but not an Annotator project (no schema version)")


def backup_path(path: Path, old_version: int) -> Path:
    """``annotations.db.bak-v<old>-<UTC timestamp>`` beside ``path``, never an existing file."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    candidate = path.with_name(f"{path.name}.bak-v{old_version}-{stamp}")
    counter = 1
    while candidate.exists():
        counter += 1
        candidate = path.with_name(f"{path.name}.bak-v{old_version}-{stamp}-{counter}")
    return candidate


def backup(db: Database, old_version: int) -> Path:
    """Copy the committed database with SQLite's backup API.

    Called while ``db`` holds the write lock but has written nothing yet, so a second,
    reading connection sees exactly what is about to be migrated (WAL readers are never
    blocked; the backup API cannot read from a connection inside a write transaction).
    """
    target = backup_path(db.path, old_version)
    with translated(target):
        source = sqlite3.connect(db.path)
        copy = sqlite3.connect(target)
        try:
            source.backup(copy)
        finally:
            copy.close()
            source.close()
    return target


def apply_steps(conn: sqlite3.Connection, migrations: Sequence[Migration], start: int) -> None:
    """Run ``migrations[start:]`` and record the new version; the caller holds a transaction."""
    for step in migrations[start:]:
        step(conn)
    conn.execute(f"PRAGMA user_version = {len(migrations)}")


def migrate(db: Database, migrations: Sequence[Migration]) -> Path | None:
    """Bring an existing project up to date; returns the backup made first, if any.

    The version is read again under the write lock, so two programs opening an old file at
    once migrate it once.
    """
    target = len(migrations)
    if int(db.scalar("PRAGMA user_version")) == target:
        return None
    with db.transaction() as conn:
        current = int(conn.execute("PRAGMA user_version").fetchone()[0])
        if current > target:
            raise StoreVersionError(f"{db.path} was just upgraded by a newer Annotator (version {current})")
        if current == target:
            return None
        made = backup(db, current)
        apply_steps(conn, migrations, current)
    return made

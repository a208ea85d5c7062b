"""SQLite's errors as the store's: each names the project file and says what to do, for
errors SQLite really raises (a writer holding the lock, a repeated key, a file that is not a
database, a statement it cannot run)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from annotator.storage.database import translate
from annotator.storage.errors import StoreBusyError, StoreConstraintError, StoreCorruptError, StoreError

pytestmark = pytest.mark.sqlite_only


def _raised(path: Path, *statements: str) -> sqlite3.Error:
    conn = sqlite3.connect(path, timeout=0)
    try:
        for statement in statements:
            conn.execute(statement)
    except sqlite3.Error as exc:
        return exc
    finally:
        conn.close()
    raise AssertionError("no error")


def test_a_busy_file_says_another_program_writes_the_project(tmp_path: Path) -> None:
    path = tmp_path / "project" / "project.db"
    path.parent.mkdir()
    writer = sqlite3.connect(path, isolation_level=None)
    writer.execute("CREATE TABLE t (id INTEGER PRIMARY KEY)")
    writer.execute("BEGIN IMMEDIATE")
    try:
        error = translate(_raised(path, "BEGIN IMMEDIATE"), path)
    finally:
        writer.close()
    assert isinstance(error, StoreBusyError)
    assert str(error) == (
        f"project {path.parent} is being written by another program; try again"
        " (project.db: database is locked)"
    )


def test_a_repeated_key_names_the_file_and_the_constraint(tmp_path: Path) -> None:
    path = tmp_path / "project.db"
    error = translate(
        _raised(
            path,
            "CREATE TABLE t (id INTEGER PRIMARY KEY)",
            "INSERT INTO t VALUES (1)",
            "INSERT INTO t VALUES (1)",
        ),
        path,
    )
    assert isinstance(error, StoreConstraintError)
    assert str(error) == f"{path}: UNIQUE constraint failed: t.id"


def test_a_file_that_is_not_a_database_and_a_bad_statement(tmp_path: Path) -> None:
    path = tmp_path / "project.db"
    path.write_bytes(b"not a database, but long enough to have a header of sorts" * 20)
    error = translate(_raised(path, "SELECT * FROM sqlite_master"), path)
    assert isinstance(error, StoreCorruptError)
    assert str(error) == f"{path} is not a readable SQLite database: file is not a database"
    other = tmp_path / "other.db"
    error = translate(_raised(other, "SELECT * FROM nowhere"), other)
    assert type(error) is StoreError
    assert str(error) == f"{other}: no such table: nowhere"

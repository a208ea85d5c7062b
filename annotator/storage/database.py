"""One SQLite connection with the project's pragmas, transactions and error messages.

Every write runs inside ``BEGIN IMMEDIATE ... COMMIT``: the write lock is taken up front,
so a second writer waits (busy timeout) instead of failing half-way, and once ``COMMIT``
returns the rows are in the write-ahead log, which outlives a killed process.

``synchronous=NORMAL`` with WAL: a commit is durable against the process dying (SIGKILL,
a crash) because the WAL pages are already handed to the operating system; only a power
cut or OS crash can lose the last commits, and never corrupts the file. ``FULL`` adds an
fsync per commit; ``benchmarks/bench_storage.py`` measures both.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Literal

from annotator.storage.errors import (
    StoreBusyError,
    StoreConstraintError,
    StoreCorruptError,
    StoreError,
)

BUSY_TIMEOUT_S = 5.0
Synchronous = Literal["NORMAL", "FULL"]
SYNCHRONOUS: Synchronous = "NORMAL"
CACHE_KIB = 32_768  # 100,000 segments with their indexes fit, so a bulk import does not thrash
_BUSY_CODES = (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)
_CORRUPT_CODES = (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB)


def utc_now() -> str:
    """The current time as ISO-8601 UTC with milliseconds, e.g. ``2024-05-01T12:00:00.000Z``."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


def translate(exc: sqlite3.Error, path: Path) -> StoreError:
    """A :class:`StoreError` naming ``path`` for an sqlite3 exception."""
    code = getattr(exc, "sqlite_errorcode", 0) & 0xFF
    if code in _BUSY_CODES:
        return StoreBusyError(
            f"project {path.parent} is being written by another program; try again ({path.name}: {exc})"
        )
    if code in _CORRUPT_CODES:
        return StoreCorruptError(f"{path} is not a readable SQLite database: {exc}")
    if isinstance(exc, sqlite3.IntegrityError):
        return StoreConstraintError(f"{path}: {exc}")
    return StoreError(f"{path}: {exc}")


@contextmanager
def translated(path: Path) -> Iterator[None]:
    """Turn sqlite3 exceptions raised inside the block into :class:`StoreError`."""
    try:
        yield
    except sqlite3.Error as exc:
        raise translate(exc, path) from exc


def connect(
    path: Path, busy_timeout_s: float = BUSY_TIMEOUT_S, synchronous: Synchronous = SYNCHRONOUS
) -> Database:
    """Open ``path`` read-write in WAL mode with foreign keys on."""
    with translated(path):
        conn = sqlite3.connect(path, isolation_level=None, timeout=busy_timeout_s)
        try:
            conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout_s * 1000)}")
            conn.execute("PRAGMA foreign_keys = ON")
            mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
            if str(mode).lower() != "wal":
                raise StoreError(f"{path}: cannot use write-ahead logging here (journal mode {mode})")
            if synchronous not in ("NORMAL", "FULL"):
                raise StoreError(f"{path}: synchronous must be NORMAL or FULL, got {synchronous!r}")
            conn.execute(f"PRAGMA synchronous = {synchronous}")
            conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
        except BaseException:
            conn.close()
            raise
    return Database(conn, path)


class Database:
    """A connection plus nested transactions (savepoints inside the outermost one)."""

    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        self._conn = conn
        self._path = path
        self._depth = 0

    @property
    def path(self) -> Path:
        return self._path

    @property
    def in_transaction(self) -> bool:
        return self._depth > 0

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """Commit everything written in the block at once, or nothing if it raises."""
        with translated(self._path):
            if self._depth == 0:
                self._conn.execute("BEGIN IMMEDIATE")
                commit: tuple[str, ...] = ("COMMIT",)
                rollback: tuple[str, ...] = ("ROLLBACK",)
            else:
                name = f"sp{self._depth}"
                self._conn.execute(f"SAVEPOINT {name}")
                commit, rollback = (f"RELEASE {name}",), (f"ROLLBACK TO {name}", f"RELEASE {name}")
            self._depth += 1
            try:
                yield self._conn
                self._run(commit)
            except BaseException:
                if self._conn.in_transaction:  # SQLite may have rolled back already (disk full)
                    self._run(rollback)
                raise
            finally:
                self._depth -= 1

    def _run(self, statements: tuple[str, ...]) -> None:
        for statement in statements:
            self._conn.execute(statement)

    @contextmanager
    def reading(self) -> Iterator[sqlite3.Connection]:
        """The connection, for reads a helper library makes; its errors become StoreErrors."""
        with translated(self.path):
            yield self._conn

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """Rows of a read; errors are translated."""
        with translated(self._path):
            return self._conn.execute(sql, params).fetchall()

    def scalar(self, sql: str, params: Sequence[Any] = ()) -> Any:
        """The first column of the first row, or ``None``."""
        rows = self.query(sql, params)
        return rows[0][0] if rows else None

    def close(self) -> None:
        with translated(self._path):
            self._conn.close()

"""The project database: one SQLite file per project, every edit committed at once."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any, cast

from annotator.domain.label import Vocabulary
from annotator.domain.search_query import SearchQuery
from annotator.domain.segment import Review
from annotator.storage import label_table, review_table, schema, search_index
from annotator.storage.connection import Connection
from annotator.storage.database import BUSY_TIMEOUT_S, SYNCHRONOUS, Database, Synchronous, connect, utc_now
from annotator.storage.errors import ProjectExistsError, StoreError
from annotator.storage.migrations import apply_steps, check_version, inspect_file, migrate
from annotator.storage.search_index import SearchHit
from annotator.storage.store_base import BaseStore

DB_NAME = "annotations.db"


def _app_version() -> str:
    # The package's own constant: importlib.metadata costs ~60 ms at window start-up.
    from annotator import __version__

    return __version__


class ProjectStore(BaseStore):
    """Reads and writes one project's ``annotations.db``; returns domain objects.

    Each write method is its own transaction, committed before it returns; group several
    with :meth:`transaction`. Not thread-safe: use a store from the thread that opened it.
    """

    def __init__(self, db: Database, directory: Path, backup_made: Path | None = None) -> None:
        self._db = db
        self._sqlite = db
        self._directory = directory
        self._backup_made = backup_made

    # -- lifecycle -------------------------------------------------------------------------

    @classmethod
    def create(
        cls,
        directory: Path,
        vocabulary: Vocabulary,
        name: str | None = None,
        *,
        busy_timeout_s: float = BUSY_TIMEOUT_S,
    ) -> ProjectStore:
        """Make a new project in ``directory`` (created if missing) with ``vocabulary``'s labels."""
        db_path = Path(directory) / DB_NAME
        if db_path.exists():
            state = inspect_file(db_path)
            if state.user_version or state.table_count:  # an empty file is an interrupted create
                raise ProjectExistsError(f"{db_path}: a project already exists here")
        try:
            db_path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"{db_path.parent}: cannot create the project folder: {exc}") from exc
        db = connect(db_path, busy_timeout_s)
        store = cls(db, db_path.parent)
        try:
            with db.transaction() as conn:
                apply_steps(conn, schema.MIGRATIONS, 0)
                store.meta_set("project_name", name or db_path.parent.name)
                store.meta_set("created_at", utc_now())
                store.meta_set("app_version", _app_version())
                store.meta_set("vocabulary", vocabulary.name)
                for label in vocabulary.labels:
                    label_table.insert(conn, label)
        except BaseException:
            db.close()
            raise
        return store

    @classmethod
    def open(
        cls, path: Path, *, busy_timeout_s: float = BUSY_TIMEOUT_S, synchronous: Synchronous = SYNCHRONOUS
    ) -> ProjectStore:
        """Open a project by its folder or its ``.db`` file, migrating it (after a backup) if old.

        ``synchronous="FULL"`` also survives a power cut, at an fsync per edit (see
        ``docs/performance.md``); the default survives any crash of the program itself.
        """
        path = Path(path)
        db_path = path / DB_NAME if path.is_dir() else path
        if not db_path.is_file():
            raise StoreError(f"{path}: no Annotator project here (no {DB_NAME})")
        check_version(db_path, inspect_file(db_path), schema.schema_version(schema.MIGRATIONS))
        db = connect(db_path, busy_timeout_s, synchronous)
        try:
            backup_made = migrate(db, schema.MIGRATIONS)
        except BaseException:
            db.close()
            raise
        return cls(db, db_path.parent, backup_made)

    @property
    def db_path(self) -> Path:
        return self._sqlite.path

    @property
    def location(self) -> str:
        return str(self._sqlite.path)

    @property
    def backup_made(self) -> Path | None:
        """The copy taken before this open migrated the file, if it did."""
        return self._backup_made

    def pragmas(self) -> dict[str, Any]:
        """The connection's settings that guard the data (for diagnostics and tests)."""
        names = ("journal_mode", "foreign_keys", "synchronous", "busy_timeout", "user_version")
        return {name: self._db.scalar(f"PRAGMA {name}") for name in names}

    def bulk_insert(self, conn: Connection, rows: int) -> AbstractContextManager[None]:
        return search_index.indexed_after(cast(sqlite3.Connection, conn), rows)

    def latest_reviews_of(self, segment_ids: Iterable[str]) -> dict[str, Review]:
        """Segment id -> its latest review, for those of ``segment_ids`` that have one."""
        wanted = json.dumps(list(segment_ids))
        sql = (
            review_table.SELECT + " WHERE r.id IN (SELECT max(id) FROM reviews WHERE segment_id IN "
            "(SELECT value FROM json_each(?)) GROUP BY segment_id)"
        )
        return {
            review.segment_id: review for review in map(review_table.from_row, self._db.query(sql, (wanted,)))
        }

    def search(self, query: SearchQuery, proposals: str = "exclude", limit: int = 200) -> list[SearchHit]:
        """Segments ``query`` finds (full text and filters), best first; see ``search_index``."""
        with self._sqlite.reading() as conn:
            return search_index.search(conn, query, proposals, limit)

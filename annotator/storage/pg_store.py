"""A team project in a PostgreSQL database: the same store as ``ProjectStore``, on a server.

One project per database (``postgresql://USER@HOST[:PORT]/DBNAME``); the database is made
by the server's administrator, ``create`` puts the schema in it. Video paths are stored
relative to each machine's media root (``directory`` here), so one project serves
machines that mount the footage in different places.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from annotator.domain.label import Label, Vocabulary
from annotator.domain.search_query import SearchQuery
from annotator.domain.segment import Review, Segment
from annotator.storage import label_table, pg_search, review_table, segment_table
from annotator.storage.connection import Connection
from annotator.storage.database import utc_now
from annotator.storage.errors import ProjectExistsError, StoreError, StoreVersionError
from annotator.storage.pg_database import PgDatabase, connect
from annotator.storage.pg_listen import ChangeListener
from annotator.storage.pg_schema import PG_MIGRATIONS
from annotator.storage.search_index import SearchHit
from annotator.storage.server_url import ServerUrl, parse_server_url
from annotator.storage.store_base import UPSERT_META, BaseStore

COPY_FROM = 100  # rows from which add_segments uses COPY
_TABLES = "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"
_SETVAL = (
    "SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
    "(SELECT coalesce(max(id), 0) + 1 FROM {table}), false)"
)
_HAS_META = "SELECT to_regclass('public.meta') IS NOT NULL"


def _app_version() -> str:
    from annotator import __version__

    return __version__


class PgProjectStore(BaseStore):
    """Reads and writes one project database on a PostgreSQL server; returns domain objects.

    Not thread-safe: use a store from the thread that opened it (a listener for other
    clients' changes opens a connection of its own)."""

    _VERSION = "version"
    _LOCK_ROW = " FOR UPDATE"

    def __init__(self, db: PgDatabase, media_root: Path) -> None:
        self._db = db
        self._pg = db
        self._directory = Path(media_root)
        self._listener: ChangeListener | None = None

    @classmethod
    def create(
        cls, url: str | ServerUrl, vocabulary: Vocabulary, name: str | None = None, *, media_root: Path
    ) -> PgProjectStore:
        """Put a new project with ``vocabulary``'s labels into the empty database at ``url``."""
        parsed = url if isinstance(url, ServerUrl) else parse_server_url(url)
        db = connect(parsed)
        store = cls(db, media_root)
        try:
            with db.transaction() as conn:
                init_schema(db, conn, name or parsed.dbname, vocabulary.name)
                for label in vocabulary.labels:
                    label_table.insert(conn, label)
        except BaseException:
            db.close()
            raise
        return store

    @classmethod
    def open(cls, url: str | ServerUrl, *, media_root: Path) -> PgProjectStore:
        """Open the project at ``url``, bringing its schema forward (in one transaction) if old."""
        parsed = url if isinstance(url, ServerUrl) else parse_server_url(url)
        db = connect(parsed)
        try:
            _check_and_migrate(db, parsed)
        except BaseException:
            db.close()
            raise
        return cls(db, media_root)

    @property
    def url(self) -> ServerUrl:
        return self._pg.url

    @property
    def location(self) -> str:
        return self._pg.url.text

    @property
    def database(self) -> PgDatabase:
        return self._pg

    @property
    def is_server(self) -> bool:
        return True

    @property
    def backend_pid(self) -> int:
        """This connection's server process: changes notified with it are our own."""
        return self._pg.backend_pid

    def changes_elsewhere(self) -> set[str]:
        """Tables other clients changed since the last call (``{"*"}``: everything may have),
        from a listening connection opened on the first call; never waits."""
        if self._listener is None:
            self._listener = ChangeListener(self._pg.url, self._pg.backend_pid)
        if not self._pg.connection.lost:
            self._listener.set_own_pid(self._pg.backend_pid)  # it changes when we reconnect
        return self._listener.poll()

    def others_connected(self) -> list[str]:
        """The names other clients of this project gave (``set_client_name``), sorted; none
        asked for while the listener is out of touch (the server away: no waiting on it)."""
        if self._listener is not None and not self._listener.in_touch:
            return []
        rows = self._db.query(
            "SELECT DISTINCT substr(application_name, 12) FROM pg_stat_activity WHERE datname = "
            "current_database() AND pid <> pg_backend_pid() AND application_name LIKE 'annotator: %'"
        )
        return sorted(str(row[0]) for row in rows)

    def set_client_name(self, name: str) -> None:
        """What other clients see of this one (``others_connected``): the user's name."""
        self._pg.set_application_name(f"annotator: {name}")

    def close(self) -> None:
        if self._listener is not None:
            self._listener.close()
        super().close()

    def _insert_segments(self, conn: Connection, segments: Sequence[Segment]) -> None:
        """Many rows go in by ``COPY`` (100,000 in a fraction of ``executemany``'s time)."""
        if len(segments) < COPY_FROM:
            super()._insert_segments(conn, segments)
            return
        self._pg.copy_rows("segments", segment_table.COLUMNS, segment_table.rows(segments, utc_now()))

    def restore_label(self, label: Label) -> Label:
        restored = super().restore_label(label)
        with self._db.transaction() as conn:  # an id given by hand does not move the identity on
            conn.execute(
                "SELECT setval(pg_get_serial_sequence('labels', 'id'), (SELECT max(id) FROM labels))"
            )
        return restored

    def latest_reviews_of(self, segment_ids: Iterable[str]) -> dict[str, Review]:
        sql = (
            review_table.SELECT + " WHERE r.id IN (SELECT max(id) FROM reviews WHERE segment_id = ANY(?) "
            "GROUP BY segment_id)"
        )
        rows = self._db.query(sql, (list(segment_ids),))
        return {review.segment_id: review for review in map(review_table.from_row, rows)}

    def search(self, query: SearchQuery, proposals: str = "exclude", limit: int = 200) -> list[SearchHit]:
        """Segments ``query`` finds, best first (``pg_search``: word starts, ranked by field)."""
        return pg_search.search(self._db, query, proposals, limit)


def init_schema(db: PgDatabase, conn: Connection, name: str, vocabulary: str) -> None:
    """Make the tables of a new project in the empty database, inside the caller's transaction
    (refused if a project, or anything else, is there already)."""
    conn.execute("SELECT pg_advisory_xact_lock(20120)")  # two creates at once: one wins
    if db.scalar(_HAS_META):
        raise ProjectExistsError(f"{db.url}: a project already exists in this database")
    if db.scalar(_TABLES):
        raise StoreError(f"{db.url}: the database holds other tables; give a project its own")
    for step in PG_MIGRATIONS:
        step(conn)
    for key, value in (
        ("schema_version", str(len(PG_MIGRATIONS))),
        ("project_name", name),
        ("created_at", utc_now()),
        ("app_version", _app_version()),
        ("vocabulary", vocabulary),
    ):
        conn.execute(UPSERT_META, (key, value))


def move_identities_on(conn: Connection) -> None:
    """After rows were written with their ids, let new rows take the next ones."""
    for table in ("videos", "labels", "reviews"):
        conn.execute(_SETVAL.format(table=table))


def _check_and_migrate(db: PgDatabase, url: ServerUrl) -> None:
    """Refuse a database that is not a project, or is newer; run the missing steps."""
    known = len(PG_MIGRATIONS)
    if not db.scalar(_HAS_META):
        what = "holds other tables" if db.scalar(_TABLES) else "is empty"
        raise StoreError(
            f"{url}: no Annotator project here (the database {what}; make one: annotator new URL)"
        )
    version = int(db.scalar("SELECT value FROM meta WHERE key = 'schema_version'") or 0)
    if version > known:
        raise StoreVersionError(
            f"{url} was written by a newer Annotator (schema version {version}; this one knows up to "
            f"{known}). It was not changed; update Annotator to open it."
        )
    if version == known:
        return
    with db.transaction() as conn:
        conn.execute("LOCK TABLE meta IN EXCLUSIVE MODE")  # two clients opening it: one migrates
        version = int(db.scalar("SELECT value FROM meta WHERE key = 'schema_version'") or 0)
        for step in PG_MIGRATIONS[version:]:
            step(conn)
        conn.execute(UPSERT_META, ("schema_version", str(known)))

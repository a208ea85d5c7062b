"""The project database: one SQLite file per project, every edit committed at once."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType
from typing import Any

from annotator.domain.label import Label, Vocabulary
from annotator.domain.video import Video
from annotator.domain.video_info import VideoInfo
from annotator.storage import label_table, schema, video_table
from annotator.storage.database import BUSY_TIMEOUT_S, SYNCHRONOUS, Database, Synchronous, connect, utc_now
from annotator.storage.errors import ProjectExistsError, StoreConstraintError, StoreError, StoreNotFoundError
from annotator.storage.media_paths import from_stored, to_stored
from annotator.storage.migrations import apply_steps, check_version, inspect_file, migrate
from annotator.storage.segment_store import SegmentStore

DB_NAME = "annotations.db"


def _app_version() -> str:
    # The package's own constant: importlib.metadata costs ~60 ms at window start-up.
    from annotator import __version__

    return __version__


class ProjectStore(SegmentStore):
    """Reads and writes one project's ``annotations.db``; returns domain objects.

    Each write method is its own transaction, committed before it returns; group several
    with :meth:`transaction`. Not thread-safe: use a store from the thread that opened it.
    """

    def __init__(self, db: Database, directory: Path, backup_made: Path | None = None) -> None:
        self._db = db
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
        return self._db.path

    @property
    def directory(self) -> Path:
        return self._directory

    @property
    def backup_made(self) -> Path | None:
        """The copy taken before this open migrated the file, if it did."""
        return self._backup_made

    def pragmas(self) -> dict[str, Any]:
        """The connection's settings that guard the data (for diagnostics and tests)."""
        names = ("journal_mode", "foreign_keys", "synchronous", "busy_timeout", "user_version")
        return {name: self._db.scalar(f"PRAGMA {name}") for name in names}

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> ProjectStore:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Group writes: all of them are committed when the block ends, none if it raises."""
        with self._db.transaction():
            yield

    # -- meta ------------------------------------------------------------------------------

    def meta_get(self, key: str, default: str | None = None) -> str | None:
        value = self._db.scalar("SELECT value FROM meta WHERE key = ?", (key,))
        return default if value is None else str(value)

    def meta_set(self, key: str, value: str) -> None:
        with self._db.transaction() as conn:
            conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, value))

    # -- videos ----------------------------------------------------------------------------

    def add_video(self, path: str, fingerprint: str, info: VideoInfo) -> Video:
        """Add a probed video; ``path`` is absolute or relative to the project directory."""
        with self._db.transaction() as conn:
            video_id = video_table.insert(conn, to_stored(path, self._directory), fingerprint, info)
        return self.video(video_id)

    def videos(self) -> list[Video]:
        return [self._video_from(row) for row in self._db.query(video_table.SELECT + " ORDER BY id")]

    def video(self, video_id: int) -> Video:
        rows = self._db.query(video_table.SELECT + " WHERE id = ?", (video_id,))
        if not rows:
            raise StoreNotFoundError(f"{self.db_path}: no video with id {video_id}")
        return self._video_from(rows[0])

    def frame_count(self, video_id: int) -> int:
        """The video's frame count without reading (and decompressing) its frame table."""
        count = self._db.scalar("SELECT frame_count FROM videos WHERE id = ?", (video_id,))
        if count is None:
            raise StoreNotFoundError(f"{self.db_path}: no video with id {video_id}")
        return int(count)

    def video_by_fingerprint(self, fingerprint: str) -> Video | None:
        rows = self._db.query(video_table.SELECT + " WHERE fingerprint = ?", (fingerprint,))
        return self._video_from(rows[0]) if rows else None

    def update_video_path(self, video_id: int, path: str) -> Video:
        """Relink a moved video (find it with :meth:`video_by_fingerprint` first)."""
        with self._db.transaction() as conn:
            stored = to_stored(path, self._directory)
            if conn.execute("UPDATE videos SET path = ? WHERE id = ?", (stored, video_id)).rowcount != 1:
                raise StoreNotFoundError(f"{self.db_path}: no video with id {video_id}")
        return self.video(video_id)

    def resolve_path(self, video: Video) -> Path:
        """Where ``video``'s file is expected on this machine."""
        return from_stored(video.path, self._directory)

    def _video_from(self, row: tuple[Any, ...]) -> Video:
        return video_table.from_row(row, from_stored(str(row[1]), self._directory), str(self.db_path))

    # -- labels ----------------------------------------------------------------------------

    def labels(self, include_archived: bool = True) -> list[Label]:
        """Labels in their display order."""
        where = "" if include_archived else " WHERE archived = 0"
        rows = self._db.query(label_table.SELECT + where + " ORDER BY sort_order, id")
        return [label_table.from_row(row) for row in rows]

    def label(self, label_id: int) -> Label:
        rows = self._db.query(label_table.SELECT + " WHERE id = ?", (label_id,))
        if not rows:
            raise StoreNotFoundError(f"{self.db_path}: no label with id {label_id}")
        return label_table.from_row(rows[0])

    def label_by_name(self, name: str) -> Label | None:
        """The label called ``name`` regardless of case (Unicode case folding)."""
        wanted = name.strip().casefold()
        return next((label for label in self.labels() if label.name.casefold() == wanted), None)

    def add_label(self, label: Label) -> Label:
        """Add ``label`` after the last one; returns it with its id and order."""
        with self._db.transaction() as conn:
            label_id = label_table.insert(conn, label)
        return self.label(label_id)

    def restore_label(self, label: Label) -> Label:
        """Put back a label removed by an undo, with its id and order (later edits refer to them)."""
        if label.id is None:
            raise StoreConstraintError(f"label {label.name!r}: restoring needs its id")
        with self._db.transaction() as conn:
            if conn.execute("SELECT 1 FROM labels WHERE id = ?", (label.id,)).fetchone() is not None:
                raise StoreConstraintError(f"label id {label.id} is taken: cannot restore {label.name!r}")
            label_table.insert(conn, label, keep_id=True)
        return self.label(label.id)

    def update_label(self, label: Label) -> Label:
        """Rename, recolour, rekey, archive... the label with ``label.id``."""
        with self._db.transaction() as conn:
            if label.id is None or not label_table.update(conn, label):
                raise StoreNotFoundError(f"{self.db_path}: no label with id {label.id}")
        return self.label(label.id)

    def delete_label(self, label_id: int) -> None:
        """Remove a label no segment uses (e.g. to undo adding it); used labels are archived instead."""
        with self._db.transaction() as conn:
            used = conn.execute("SELECT count(*) FROM segments WHERE label_id = ?", (label_id,)).fetchone()[0]
            if used:
                name = self.label(label_id).name
                raise StoreConstraintError(f"label {name!r} is used by {used} segment(s); archive it instead")
            if conn.execute("DELETE FROM labels WHERE id = ?", (label_id,)).rowcount != 1:
                raise StoreNotFoundError(f"{self.db_path}: no label with id {label_id}")

    def reorder_labels(self, label_ids: Sequence[int]) -> None:
        """Put the labels in the order of ``label_ids``, which must name every label once."""
        with self._db.transaction() as conn:
            existing = {row[0] for row in conn.execute("SELECT id FROM labels")}
            if sorted(label_ids) != sorted(existing):
                raise StoreConstraintError(f"reorder_labels needs every label id once: got {list(label_ids)}")
            conn.executemany("UPDATE labels SET sort_order = ? WHERE id = ?", list(enumerate(label_ids)))

"""What both engines' project stores share: meta, videos and labels (segments and reviews
in :mod:`segment_store`), over a database that speaks the portable SQL of ``*_table.py``."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from types import TracebackType
from typing import Any, Self

from annotator.domain.label import Label
from annotator.domain.video import Video
from annotator.domain.video_info import VideoInfo
from annotator.storage import label_table, video_table
from annotator.storage.connection import Connection
from annotator.storage.errors import StoreConstraintError, StoreNotFoundError
from annotator.storage.media_paths import from_stored, to_stored
from annotator.storage.segment_store import SegmentStore

UPSERT_META = (
    "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value"
)


class BaseStore(SegmentStore):
    """A project's reads and writes, returning domain objects; each write method is its own
    transaction, committed before it returns (group several with :meth:`transaction`).

    ``directory`` is what stored video paths are relative to: the project folder (SQLite)
    or this machine's media root (a server project)."""

    _directory: Path

    @property
    def directory(self) -> Path:
        return self._directory

    @property
    def is_server(self) -> bool:
        """Whether the project lives on a database server (shared, live) or in a folder."""
        return False

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> Self:
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

    def write_connection(self) -> AbstractContextManager[Connection]:
        """The connection inside a (nested) transaction, for whole-project copies."""
        return self._db.transaction()

    def raw_rows(self, table: str, columns: str) -> list[tuple[Any, ...]]:
        """Every row of ``table`` as stored, ordered by id (whole-project copies)."""
        return self._db.query(f"SELECT {columns} FROM {table} ORDER BY id")

    # -- meta ------------------------------------------------------------------------------

    def meta_get(self, key: str, default: str | None = None) -> str | None:
        value = self._db.scalar("SELECT value FROM meta WHERE key = ?", (key,))
        return default if value is None else str(value)

    def meta_set(self, key: str, value: str) -> None:
        with self._db.transaction() as conn:
            conn.execute(UPSERT_META, (key, value))

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
            raise StoreNotFoundError(f"{self.location}: no video with id {video_id}")
        return self._video_from(rows[0])

    def frame_count(self, video_id: int) -> int:
        """The video's frame count without reading (and decompressing) its frame table."""
        count = self._db.scalar("SELECT frame_count FROM videos WHERE id = ?", (video_id,))
        if count is None:
            raise StoreNotFoundError(f"{self.location}: no video with id {video_id}")
        return int(count)

    def video_by_fingerprint(self, fingerprint: str) -> Video | None:
        rows = self._db.query(video_table.SELECT + " WHERE fingerprint = ?", (fingerprint,))
        return self._video_from(rows[0]) if rows else None

    def update_video_path(self, video_id: int, path: str) -> Video:
        """Relink a moved video (find it with :meth:`video_by_fingerprint` first)."""
        with self._db.transaction() as conn:
            stored = to_stored(path, self._directory)
            if conn.execute("UPDATE videos SET path = ? WHERE id = ?", (stored, video_id)).rowcount != 1:
                raise StoreNotFoundError(f"{self.location}: no video with id {video_id}")
        return self.video(video_id)

    def resolve_path(self, video: Video) -> Path:
        """Where ``video``'s file is expected on this machine."""
        return from_stored(video.path, self._directory)

    def _video_from(self, row: tuple[Any, ...]) -> Video:
        return video_table.from_row(row, from_stored(str(row[1]), self._directory), str(self.location))

    # -- labels ----------------------------------------------------------------------------

    def labels(self, include_archived: bool = True) -> list[Label]:
        """Labels in their display order."""
        where = "" if include_archived else " WHERE archived = 0"
        rows = self._db.query(label_table.SELECT + where + " ORDER BY sort_order, id")
        return [label_table.from_row(row) for row in rows]

    def label(self, label_id: int) -> Label:
        rows = self._db.query(label_table.SELECT + " WHERE id = ?", (label_id,))
        if not rows:
            raise StoreNotFoundError(f"{self.location}: no label with id {label_id}")
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
                raise StoreNotFoundError(f"{self.location}: no label with id {label.id}")
        return self.label(label.id)

    def delete_label(self, label_id: int) -> None:
        """Remove a label no segment uses (e.g. to undo adding it); used labels are archived instead."""
        with self._db.transaction() as conn:
            used = conn.execute("SELECT count(*) FROM segments WHERE label_id = ?", (label_id,)).fetchone()[0]
            if used:
                name = self.label(label_id).name
                raise StoreConstraintError(f"label {name!r} is used by {used} segment(s); archive it instead")
            if conn.execute("DELETE FROM labels WHERE id = ?", (label_id,)).rowcount != 1:
                raise StoreNotFoundError(f"{self.location}: no label with id {label_id}")

    def reorder_labels(self, label_ids: Sequence[int]) -> None:
        """Put the labels in the order of ``label_ids``, which must name every label once."""
        with self._db.transaction() as conn:
            existing = {row[0] for row in conn.execute("SELECT id FROM labels")}
            if sorted(label_ids) != sorted(existing):
                raise StoreConstraintError(f"reorder_labels needs every label id once: got {list(label_ids)}")
            conn.executemany("UPDATE labels SET sort_order = ? WHERE id = ?", list(enumerate(label_ids)))

"""Copy a whole project between engines: ``annotator share`` (folder to server) and
``annotator copy`` (server to folder). All or nothing on both sides.

Rows keep their ids (segments, reviews and labels refer to each other by them); video
paths are re-based from the source's folder or media root to the target's. ``share``
writes the schema and every row in one server transaction, so a failure leaves the
database empty, as it was. ``copy`` builds the file in a private folder beside the target
and moves it into place only once it is complete and closed.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from annotator.domain.label import Vocabulary
from annotator.storage.connection import Connection
from annotator.storage.errors import ProjectExistsError, StoreError
from annotator.storage.media_paths import from_stored, to_stored
from annotator.storage.pg_database import connect
from annotator.storage.pg_store import PgProjectStore, init_schema, move_identities_on
from annotator.storage.project_store import DB_NAME, ProjectStore
from annotator.storage.server_url import parse_server_url
from annotator.storage.store_base import UPSERT_META, BaseStore

TABLES = {
    "videos": "id, path, fingerprint, codec, width, height, fps_num, fps_den, frame_count, duration_num, "
    "duration_den, start_time_num, start_time_den, has_audio, is_vfr, container, frame_times, added_at",
    "labels": "id, name, colour, key, kind, description, sort_order, archived",
    "segments": "id, video_id, label_id, start_frame, end_frame, annotator, note, attributes, source, "
    "created_at, updated_at, deleted",
    "reviews": "id, segment_id, reviewer, verdict, note, created_at",
}
META_KEYS = ("project_name", "created_at", "vocabulary")


@dataclass(frozen=True)
class Copied:
    """How many rows of each table went across."""

    videos: int
    labels: int
    segments: int
    reviews: int

    def __str__(self) -> str:
        return f"{self.videos} videos, {self.labels} labels, {self.segments} segments, {self.reviews} reviews"


def copy_table(source: BaseStore, target: BaseStore, table: str, rebase: Callable[[str], str]) -> int:
    """Every row of ``table`` from ``source`` into ``target``'s open transaction, ids kept
    (PostgreSQL: by ``COPY``; SQLite: segments indexed for search in one statement after)."""
    columns = TABLES[table]
    rows = source.raw_rows(table, columns)
    if table == "videos":
        rows = [(row[0], rebase(str(row[1])), *row[2:]) for row in rows]
    if isinstance(target, PgProjectStore):
        target.database.copy_rows(table, columns, rows)
        return len(rows)
    marks = ", ".join("?" * len(columns.split(",")))
    with target.write_connection() as conn, target.bulk_insert(conn, len(rows) if table == "segments" else 0):
        conn.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})", rows)
    return len(rows)


def _copy_all(source: BaseStore, target: BaseStore, conn: Connection, final_directory: Path) -> Copied:
    def rebase(stored: str) -> str:
        return to_stored(from_stored(stored, source.directory), final_directory)

    counts = {}
    for table in TABLES:
        counts[table] = copy_table(source, target, table, rebase)
    for key in META_KEYS:
        value = source.meta_get(key)
        if value is not None:
            conn.execute(UPSERT_META, (key, value))
    return Copied(**counts)


def share(source: BaseStore, url: str, media_root: Path) -> Copied:
    """Put the project ``source`` into the empty database at ``url``, in one transaction."""
    parsed = parse_server_url(url)
    target = PgProjectStore(connect(parsed), media_root)
    try:
        with target.transaction(), target.write_connection() as conn:
            init_schema(target.database, conn, source.meta_get("project_name") or parsed.dbname, "")
            copied = _copy_all(source, target, conn, media_root)
            move_identities_on(conn)
    finally:
        target.close()
    return copied


def take_copy(source: BaseStore, folder: Path) -> Copied:
    """A local project in ``folder`` (new or empty) holding everything ``source`` holds."""
    folder = Path(os.path.abspath(folder))
    final = folder / DB_NAME
    if final.exists() or (folder.exists() and not folder.is_dir()):
        raise ProjectExistsError(f"{folder}: a project (or a file) is already there; copy into a new folder")
    work = folder.parent / f".{folder.name}.copying-{os.getpid()}"
    made_folder = not folder.exists()
    try:
        shutil.rmtree(work, ignore_errors=True)
        with (
            ProjectStore.create(work, Vocabulary("copy", ())) as target,
            target.transaction(),
            target.write_connection() as conn,
        ):
            copied = _copy_all(source, target, conn, folder)
        folder.mkdir(parents=True, exist_ok=True)
        if final.exists():
            raise ProjectExistsError(f"{folder}: a project appeared there while copying; nothing was changed")
        os.replace(work / DB_NAME, final)
    except OSError as exc:
        if made_folder and folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()
        raise StoreError(f"{folder}: cannot write the copy: {exc.strerror or exc}") from exc
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return copied

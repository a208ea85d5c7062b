"""Reading another project without changing it: a private copy of its database.

``ProjectStore.open`` migrates an older file in place (after a backup), which is right for
the project being worked on, not for one that is only read (``annotator merge`` reads the
other project). The copy is made through a read-only connection with SQLite's backup API,
so the original's committed write-ahead log is included and not a byte of it is written.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from annotator.storage import schema
from annotator.storage.database import translated
from annotator.storage.errors import StoreError
from annotator.storage.migrations import check_version, inspect_file, read_only_uri
from annotator.storage.project_store import DB_NAME, ProjectStore


def database_path(path: Path) -> Path:
    """The project database at ``path`` (its folder or its ``.db`` file)."""
    path = Path(path)
    db_path = path / DB_NAME if path.is_dir() else path
    if not db_path.is_file():
        raise StoreError(f"{path}: no Annotator project here (no {DB_NAME})")
    return db_path


def open_copy(path: Path, folder: Path) -> ProjectStore:
    """A store on a copy, made in ``folder``, of the project at ``path`` (refused, untouched,
    if it is newer than this Annotator); an older copy is migrated, never the original."""
    source = database_path(path)
    check_version(source, inspect_file(source), schema.schema_version(schema.MIGRATIONS))
    target = Path(folder) / DB_NAME
    with translated(source):
        reader = sqlite3.connect(read_only_uri(source), uri=True)
        try:
            writer = sqlite3.connect(target)
            try:
                reader.backup(writer)
            finally:
                writer.close()
        finally:
            reader.close()
    return ProjectStore.open(target)

"""SQLite project store: returns domain objects; the only place with SQL."""

from annotator.storage.errors import (
    ProjectExistsError,
    StoreBusyError,
    StoreConstraintError,
    StoreCorruptError,
    StoreError,
    StoreNotFoundError,
    StoreVersionError,
)
from annotator.storage.project_store import DB_NAME, ProjectStore

__all__ = [
    "DB_NAME",
    "ProjectExistsError",
    "ProjectStore",
    "StoreBusyError",
    "StoreConstraintError",
    "StoreCorruptError",
    "StoreError",
    "StoreNotFoundError",
    "StoreVersionError",
]

"""Errors raised by the project store; every message names the file or the field."""

from __future__ import annotations


class StoreError(Exception):
    """The project database cannot do what was asked; the message says why."""


class StoreBusyError(StoreError):
    """Another program holds the write lock past the busy timeout; nothing was written."""


class StoreVersionError(StoreError):
    """The database was written by a newer Annotator; it is refused and left untouched."""


class StoreCorruptError(StoreError):
    """The file is not an SQLite database, or its pages are damaged."""


class StoreNotFoundError(StoreError, LookupError):
    """A video, label or segment id that the project does not hold."""


class StoreConstraintError(StoreError):
    """A write that would break a rule of the schema (a duplicate name, bad bounds, ...)."""


class ProjectExistsError(StoreError):
    """``create`` was asked to make a project where one already is."""


class StoreConnectionError(StoreError):
    """The database server cannot be reached, refused the login, or went away mid-write
    (then the write was not committed: the message says so)."""


class StoreConflictError(StoreError):
    """A segment was changed elsewhere (another client) since the writer read it; nothing
    was written, and the message says so."""

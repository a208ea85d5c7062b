"""Rows of ``labels`` <-> :class:`Label`; names are unique regardless of (ASCII) case."""

from __future__ import annotations

from typing import Any

from annotator.domain.label import Label, LabelKind
from annotator.storage.connection import Connection
from annotator.storage.errors import StoreConstraintError

SELECT = "SELECT id, name, colour, key, kind, description, sort_order, archived FROM labels"


def from_row(row: tuple[Any, ...]) -> Label:
    return Label(
        id=row[0],
        name=row[1],
        colour=row[2],
        key=row[3],
        kind=LabelKind(row[4]),
        description=row[5],
        order=row[6],
        archived=bool(row[7]),
    )


def _check_unique(conn: Connection, label: Label, own_id: int | None) -> None:
    """Name the clash before SQLite does, comparing names with Unicode case folding
    (``COLLATE NOCASE`` in the schema only folds ASCII, so it is the backstop)."""
    wanted = label.name.strip().casefold()
    for other_id, name, key, archived in conn.execute("SELECT id, name, key, archived FROM labels"):
        if other_id == own_id:
            continue
        if name.strip().casefold() == wanted:
            raise StoreConstraintError(f"label name {label.name!r} is taken by label {name!r}")
        if label.key and key == label.key and not archived and not label.archived:
            raise StoreConstraintError(f"label {label.name!r}: key {label.key!r} already belongs to {name!r}")


def insert(conn: Connection, label: Label, keep_id: bool = False) -> int:
    """Add ``label`` after the last label (its ``id`` and ``order`` are ignored), or with
    ``keep_id`` exactly as given (to put back a label an undo removed)."""
    _check_unique(conn, label, None)
    if keep_id:
        order = label.order
    else:
        order = int(conn.execute("SELECT coalesce(max(sort_order) + 1, 0) FROM labels").fetchone()[0])
    # The id column is named only when kept: PostgreSQL's identity refuses an explicit NULL.
    columns, marks, given = ("id, ", "?, ", (label.id,)) if keep_id else ("", "", ())
    cursor = conn.execute(
        f"INSERT INTO labels ({columns}name, colour, key, kind, description, sort_order, archived) "
        f"VALUES ({marks}?, ?, ?, ?, ?, ?, ?) RETURNING id",
        (
            *given,
            label.name,
            label.colour,
            label.key,
            label.kind.value,
            label.description,
            order,
            int(label.archived),
        ),
    )
    return int(cursor.fetchone()[0])


def update(conn: Connection, label: Label) -> bool:
    """Write every field of ``label`` over its row; False if there is no such row."""
    _check_unique(conn, label, label.id)
    cursor = conn.execute(
        "UPDATE labels SET name = ?, colour = ?, key = ?, kind = ?, description = ?, sort_order = ?, "
        "archived = ? WHERE id = ?",
        (
            label.name,
            label.colour,
            label.key,
            label.kind.value,
            label.description,
            label.order,
            int(label.archived),
            label.id,
        ),
    )
    return cursor.rowcount == 1

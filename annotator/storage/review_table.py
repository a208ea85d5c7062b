"""Rows of ``reviews`` <-> :class:`Review`; the row with the highest id is the latest."""

from __future__ import annotations

from typing import Any

from annotator.domain.segment import Review, Verdict
from annotator.storage.connection import Connection
from annotator.storage.errors import StoreConstraintError

SELECT = "SELECT r.id, r.segment_id, r.reviewer, r.verdict, r.note, r.created_at FROM reviews AS r"
LATEST = (
    SELECT + " JOIN (SELECT segment_id, max(id) AS id FROM reviews GROUP BY segment_id) AS latest "
    "ON latest.id = r.id"
)


def from_row(row: tuple[Any, ...]) -> Review:
    return Review(
        id=row[0], segment_id=row[1], reviewer=row[2], verdict=Verdict(row[3]), note=row[4], created_at=row[5]
    )


def insert(conn: Connection, review: Review) -> int:
    """Add a verdict to a segment's history; an unknown segment is refused by name."""
    if conn.execute("SELECT 1 FROM segments WHERE id = ?", (review.segment_id,)).fetchone() is None:
        raise StoreConstraintError(f"review: segment {review.segment_id} is not in the project")
    cursor = conn.execute(
        "INSERT INTO reviews (segment_id, reviewer, verdict, note, created_at) VALUES (?, ?, ?, ?, ?) "
        "RETURNING id",
        (review.segment_id, review.reviewer, Verdict(review.verdict).value, review.note, review.created_at),
    )
    return int(cursor.fetchone()[0])

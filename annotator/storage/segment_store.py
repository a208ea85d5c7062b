"""Segment and review methods of :class:`~annotator.storage.project_store.ProjectStore`."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import replace

from annotator.domain.search_query import SearchQuery
from annotator.domain.segment import Review, Segment, Verdict
from annotator.storage import review_table, segment_table
from annotator.storage.connection import Connection, StoreDatabase
from annotator.storage.database import utc_now
from annotator.storage.errors import StoreConflictError, StoreConstraintError, StoreNotFoundError
from annotator.storage.search_index import SearchHit

_INSERT_REVIEW = (
    "INSERT INTO reviews (segment_id, reviewer, verdict, note, created_at) VALUES (?, ?, ?, ?, ?)"
)


class SegmentStore:
    """Segments (soft-deleted, never erased) and their review history, over ``self._db``."""

    _db: StoreDatabase

    def add_segment(self, segment: Segment) -> Segment:
        """Add a segment; returns it with empty ``created_at``/``updated_at`` set to now."""
        now = utc_now()
        created = segment.created_at or now
        stamped = replace(segment, created_at=created, updated_at=segment.updated_at or created)
        self.add_segments([stamped])
        return stamped

    def add_segments(self, segments: Sequence[Segment]) -> None:
        """Add many segments in one transaction: all of them, or none if one is refused.

        Empty timestamps are stored as now (read them back with :meth:`segments`); nothing
        is returned, so an import of 100,000 rows builds no second copy of them.
        """
        with self._db.transaction() as conn:
            segment_table.check_references(conn, segments)
            with self.bulk_insert(conn, len(segments)):
                self._insert_segments(conn, segments)

    def update_segment(self, segment: Segment, expected: Segment | None = None) -> Segment:
        """Write a segment's new bounds, label, note...; ``updated_at`` becomes now.

        With ``expected`` (what the writer saw), the write is refused with
        :class:`StoreConflictError` if the stored segment differs from it or was deleted:
        another client changed it meanwhile, and nothing is silently overwritten. The row is
        read and written in one transaction (locked, and version-checked, on PostgreSQL)."""
        with self._db.transaction() as conn:
            segment_table.check_references(conn, [segment])
            version = None if expected is None else self._check_current(conn, expected)
            if not segment_table.update(conn, replace(segment, updated_at=utc_now()), version):
                raise self._missing(segment.id) if version is None else self._conflict(segment.id)
        return self.segment(segment.id)

    _VERSION = "NULL"  # PostgreSQL: each row's version, raised by a trigger on every update
    _LOCK_ROW = ""  # PostgreSQL: FOR UPDATE (SQLite's write lock is already the database's)

    def _check_current(self, conn: Connection, expected: Segment) -> int | None:
        """The stored row's version, once it is known to be ``expected``, not deleted."""
        state = segment_table.SELECT.replace(" FROM segments", f", deleted, {self._VERSION} FROM segments")
        row = conn.execute(state + " WHERE id = ?" + self._LOCK_ROW, (expected.id,)).fetchone()
        if row is None:
            raise self._missing(expected.id)
        if row[11] or not segment_table.same_content(segment_table.from_rows([row[:11]])[0], expected):
            raise self._conflict(expected.id, deleted=bool(row[11]))
        return None if row[12] is None else int(row[12])

    def _conflict(self, segment_id: str, deleted: bool = False) -> StoreConflictError:
        what = "deleted" if deleted else "changed"
        return StoreConflictError(
            f"segment {segment_id[:8]} was {what} by someone else since you saw it; "
            "your change was not saved (the view now shows theirs)"
        )

    def put_segment(self, segment: Segment, deleted: bool) -> None:
        """Overwrite a segment with another copy's version of it, whole: its fields and
        ``updated_at`` as given (now, if empty), and whether it is deleted (``annotator merge``)."""
        stamped = segment if segment.updated_at else replace(segment, updated_at=utc_now())
        with self._db.transaction() as conn:
            segment_table.check_references(conn, [stamped])
            if not segment_table.update(conn, stamped):
                raise self._missing(segment.id)
            segment_table.set_deleted(conn, segment.id, deleted, stamped.updated_at)

    def delete_segment(self, segment_id: str) -> None:
        """Soft delete: the row stays (with its reviews) and :meth:`restore_segment` brings it back."""
        with self._db.transaction() as conn:
            if not segment_table.set_deleted(conn, segment_id, True, utc_now()):
                raise self._missing(segment_id)

    def restore_segment(self, segment_id: str) -> Segment:
        """Undo a soft delete; returns the segment as stored."""
        with self._db.transaction() as conn:
            if not segment_table.set_deleted(conn, segment_id, False, utc_now()):
                raise self._missing(segment_id)
        return self.segment(segment_id)

    def purge_segments(self, segment_ids: Iterable[str]) -> None:
        """Erase segments and their reviews for good (undoing an import, which put them there).

        Unlike :meth:`delete_segment` nothing stays behind, so the labels the import added
        can go too."""
        wanted = list(segment_ids)
        with self._db.transaction() as conn:
            for start in range(0, len(wanted), 500):
                chunk = wanted[start : start + 500]
                marks = ",".join("?" * len(chunk))
                conn.execute(f"DELETE FROM reviews WHERE segment_id IN ({marks})", chunk)
                conn.execute(f"DELETE FROM segments WHERE id IN ({marks})", chunk)

    def segment(self, segment_id: str) -> Segment:
        """The segment with ``segment_id``, deleted or not."""
        rows = self._db.query(segment_table.SELECT + " WHERE id = ?", (segment_id,))
        if not rows:
            raise self._missing(segment_id)
        return segment_table.from_rows(rows)[0]

    def is_deleted(self, segment_id: str) -> bool:
        deleted = self._db.scalar("SELECT deleted FROM segments WHERE id = ?", (segment_id,))
        if deleted is None:
            raise self._missing(segment_id)
        return bool(deleted)

    def segments(
        self, video_id: int | None = None, label_id: int | None = None, include_deleted: bool = False
    ) -> list[Segment]:
        """Segments sorted by video, start frame, end frame."""
        sql, params = segment_table.select_sql(video_id, label_id, include_deleted)
        return segment_table.from_rows(self._db.query(sql, params))

    def known_segment_ids(self, segment_ids: Iterable[str]) -> set[str]:
        """Which of ``segment_ids`` the project already holds (deleted ones included)."""
        wanted = list(segment_ids)
        known: set[str] = set()
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            marks = ",".join("?" * len(chunk))
            rows = self._db.query(f"SELECT id FROM segments WHERE id IN ({marks})", tuple(chunk))
            known.update(str(row[0]) for row in rows)
        return known

    def segment_count(self, video_id: int | None = None, include_deleted: bool = False) -> int:
        clauses = ([] if video_id is None else ["video_id = ?"]) + (
            [] if include_deleted else ["deleted = 0"]
        )
        where = f" WHERE {' AND '.join(clauses)}" if clauses else ""
        params = () if video_id is None else (video_id,)
        return int(self._db.scalar("SELECT count(*) FROM segments" + where, params))

    def add_review(self, review: Review) -> Review:
        """Add a verdict to the segment's history (it becomes its status); returns it with its id."""
        # Built directly rather than with replace() (which inspects the fields each call):
        # an import adds one review per reviewed row, 50,000 of them in a large file.
        created_at = review.created_at or utc_now()
        segment_id, reviewer, verdict, note = review.segment_id, review.reviewer, review.verdict, review.note
        with self._db.transaction() as conn:
            review_id = review_table.insert(conn, Review(segment_id, reviewer, verdict, note, created_at))
        return Review(segment_id, reviewer, verdict, note, created_at, review_id)

    def add_reviews(self, reviews: Iterable[Review]) -> int:
        """Add many verdicts in one transaction, all or none; returns how many.

        :meth:`add_review` per review costs a savepoint and two statements each (about 2 s
        for the 50,000 reviews of a large import); this is one ``executemany``. Empty
        ``created_at`` is stored as now; the ids are not returned (read them back with
        :meth:`reviews`). A review of an unknown segment is refused by name, and nothing
        is added."""
        now = utc_now()
        rows = [
            (r.segment_id, r.reviewer, Verdict(r.verdict).value, r.note, r.created_at or now) for r in reviews
        ]
        with self._db.transaction() as conn:
            try:
                conn.executemany(_INSERT_REVIEW, rows)
            except sqlite3.IntegrityError:
                # The foreign key refused a row: name the first unknown segment instead.
                for row in rows:
                    if conn.execute("SELECT 1 FROM segments WHERE id = ?", (row[0],)).fetchone() is None:
                        raise StoreConstraintError(
                            f"review: segment {row[0]} is not in the project"
                        ) from None
                raise
        return len(rows)

    def delete_review(self, review_id: int) -> None:
        """Remove one verdict (to undo adding it); the one before becomes the status again."""
        with self._db.transaction() as conn:
            if conn.execute("DELETE FROM reviews WHERE id = ?", (review_id,)).rowcount != 1:
                raise StoreNotFoundError(f"{self.location}: no review with id {review_id}")

    def reviews(self, segment_id: str | None = None) -> list[Review]:
        """Review history, oldest first (of one segment, or of all)."""
        where = " WHERE r.segment_id = ?" if segment_id is not None else ""
        rows = self._db.query(review_table.SELECT + where + " ORDER BY r.id", (segment_id,) if where else ())
        return [review_table.from_row(row) for row in rows]

    def latest_reviews(self, video_id: int | None = None) -> dict[str, Review]:
        """Segment id -> its latest review, for segments that have one (of one video, or all)."""
        sql = review_table.LATEST
        params: tuple[int, ...] = ()
        if video_id is not None:
            sql += " JOIN segments AS s ON s.id = r.segment_id WHERE s.video_id = ?"
            params = (video_id,)
        reviews = map(review_table.from_row, self._db.query(sql, params))
        return {review.segment_id: review for review in reviews}

    def latest_reviews_of(self, segment_ids: Iterable[str]) -> dict[str, Review]:
        """Segment id -> its latest review, for those of ``segment_ids`` that have one."""
        raise NotImplementedError

    def search(self, query: SearchQuery, proposals: str = "exclude", limit: int = 200) -> list[SearchHit]:
        """Segments ``query`` finds (full text and filters), best first."""
        raise NotImplementedError

    def _insert_segments(self, conn: Connection, segments: Sequence[Segment]) -> None:
        segment_table.insert_many(conn, segments, utc_now())

    def bulk_insert(self, conn: Connection, rows: int) -> AbstractContextManager[None]:
        """Wraps an insert of ``rows`` segments (SQLite indexes a large one for search after)."""
        return nullcontext()

    @property
    def location(self) -> str:
        """The project's file or URL, as messages name it."""
        raise NotImplementedError

    def _missing(self, segment_id: str) -> StoreNotFoundError:
        return StoreNotFoundError(f"{self.location}: no segment with id {segment_id}")

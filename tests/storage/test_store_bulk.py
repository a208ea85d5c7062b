"""A large ``add_segments`` (SQLite's bulk index path, PostgreSQL's COPY) is all or nothing."""

from __future__ import annotations

import pytest

from annotator.domain.segment import Segment
from annotator.domain.video import Video
from annotator.storage import StoreConstraintError
from annotator.storage.store_base import BaseStore


def _many(video: Video, count: int, prefix: str) -> list[Segment]:
    return [
        Segment(video.id, 1 + n % 3, n % 90, n % 90 + 1, id=f"{prefix}-{n}", note=f"n{n}")
        for n in range(count)
    ]


def test_a_large_insert_is_stored_whole(store: BaseStore, video: Video) -> None:
    store.add_segments(_many(video, 500, "a"))
    stored = store.segments()
    assert len(stored) == 500
    assert {s.note for s in stored} == {f"n{n}" for n in range(500)}


def test_a_large_insert_with_a_known_id_adds_nothing(store: BaseStore, video: Video) -> None:
    store.add_segment(Segment(video.id, 1, 0, 1, id="a-250"))
    with pytest.raises(StoreConstraintError, match="a segment id is already in the project"):
        store.add_segments(_many(video, 500, "a"))
    assert [s.id for s in store.segments()] == ["a-250"]


def test_a_large_insert_refused_inside_a_transaction_keeps_the_rest(store: BaseStore, video: Video) -> None:
    with store.transaction():
        store.add_segment(Segment(video.id, 1, 0, 1, id="kept"))
        with pytest.raises(StoreConstraintError):
            store.add_segments([*_many(video, 300, "b"), Segment(video.id, 1, 0, 1, id="kept")])
        store.add_segment(Segment(video.id, 1, 5, 6, id="also kept"))
    assert sorted(s.id for s in store.segments()) == ["also kept", "kept"]

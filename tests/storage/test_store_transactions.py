"""Every write is committed when it returns; ``transaction()`` groups writes atomically."""

from __future__ import annotations

import pytest
from storage_helpers import OtherProgram

from annotator.domain.segment import Segment
from annotator.domain.video import Video
from annotator.storage import ProjectStore, StoreConstraintError


def _seg(video: Video, start: int) -> Segment:
    return Segment(video.id, 1, start, start + 1)


def _count_seen_by_another_program(store: ProjectStore) -> int:
    conn = OtherProgram(store)
    try:
        return int(conn.scalar("SELECT count(*) FROM segments"))
    finally:
        conn.close()


def test_each_write_is_committed_when_it_returns(store: ProjectStore, video: Video) -> None:
    store.add_segment(_seg(video, 0))
    assert _count_seen_by_another_program(store) == 1


def test_a_transaction_commits_at_its_end(store: ProjectStore, video: Video) -> None:
    with store.transaction():
        store.add_segment(_seg(video, 0))
        store.add_segment(_seg(video, 1))
        assert _count_seen_by_another_program(store) == 0
        assert store.segment_count() == 2  # the writer sees its own writes
    assert _count_seen_by_another_program(store) == 2


def _write_then_fail(store: ProjectStore, video: Video) -> None:
    with store.transaction():
        store.add_segment(_seg(video, 0))
        store.meta_set("half", "done")
        raise RuntimeError("caller changed its mind")


def test_a_transaction_that_raises_writes_nothing(store: ProjectStore, video: Video) -> None:
    with pytest.raises(RuntimeError, match="changed its mind"):
        _write_then_fail(store, video)
    assert store.segment_count() == 0
    assert store.meta_get("half") is None


def test_a_refused_write_inside_a_transaction_keeps_the_others(store: ProjectStore, video: Video) -> None:
    with store.transaction():
        store.add_segment(_seg(video, 0))
        with pytest.raises(StoreConstraintError):
            store.add_segments([_seg(video, 1), Segment(video.id, 1, 5, 500)])  # rolled back to its savepoint
        store.add_segment(_seg(video, 2))
    assert [s.start_frame for s in store.segments()] == [0, 2]


def test_nested_transactions_commit_once(store: ProjectStore, video: Video) -> None:
    with store.transaction():
        with store.transaction():
            store.add_segment(_seg(video, 0))
        assert _count_seen_by_another_program(store) == 0
    assert _count_seen_by_another_program(store) == 1

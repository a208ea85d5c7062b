"""Two clients editing one project: a stale write is refused by name, never overwrites."""

from __future__ import annotations

import re
import time
from dataclasses import replace

import pytest
from storage_helpers import OtherProgram, reopen

from annotator.domain.segment import Segment
from annotator.domain.video import Video
from annotator.storage.errors import StoreConflictError
from annotator.storage.pg_store import PgProjectStore
from annotator.storage.store_base import BaseStore


def test_a_write_from_a_stale_view_is_refused(store: BaseStore, video: Video) -> None:
    seen = store.add_segment(Segment(video.id, 1, 10, 20, note="first"))
    with reopen(store) as other:
        other.update_segment(replace(seen, note="theirs"), expected=seen)
    said = (
        f"segment {seen.id[:8]} was changed by someone else since you saw it; your change was not saved"
        " (the view now shows theirs)"
    )
    with pytest.raises(StoreConflictError, match=f"^{re.escape(said)}$"):
        store.update_segment(replace(seen, start_frame=12), expected=seen)
    assert store.segment(seen.id).note == "theirs"
    assert store.segment(seen.id).start_frame == 10


def test_a_write_to_a_segment_deleted_elsewhere_is_refused(store: BaseStore, video: Video) -> None:
    seen = store.add_segment(Segment(video.id, 1, 10, 20))
    conn = OtherProgram(store)
    conn.execute("UPDATE segments SET deleted = 1 WHERE id = ?", (seen.id,))
    conn.close()
    with pytest.raises(StoreConflictError, match="was deleted by someone else"):
        store.update_segment(replace(seen, start_frame=12), expected=seen)
    assert store.is_deleted(seen.id)


def test_a_write_from_a_current_view_goes_through(store: BaseStore, video: Video) -> None:
    seen = store.add_segment(Segment(video.id, 1, 10, 20))
    first = store.update_segment(replace(seen, end_frame=30), expected=seen)
    second = store.update_segment(replace(first, end_frame=40), expected=replace(first, updated_at="x"))
    assert second.end_frame == 40


@pytest.mark.postgresql_only
def test_each_update_raises_the_version(store: PgProjectStore, video: Video) -> None:
    seen = store.add_segment(Segment(video.id, 1, 10, 20))
    conn = OtherProgram(store)
    assert conn.scalar("SELECT version FROM segments WHERE id = ?", (seen.id,)) == 1
    store.update_segment(replace(seen, end_frame=30), expected=seen)
    store.delete_segment(seen.id)
    assert conn.scalar("SELECT version FROM segments WHERE id = ?", (seen.id,)) == 3
    conn.close()


@pytest.mark.postgresql_only
def test_other_clients_changes_are_heard_and_our_own_are_not(store: PgProjectStore, video: Video) -> None:
    with reopen(store) as other:
        assert isinstance(other, PgProjectStore)
        assert other.changes_elsewhere() == set()
        assert store.changes_elsewhere() == set()
        written = time.monotonic()
        store.add_segment(Segment(video.id, 1, 10, 20))
        heard: set[str] = set()
        while not heard and time.monotonic() - written < 5:
            heard = other.changes_elsewhere()
            time.sleep(0.01)
        assert heard == {"segments"}
        assert time.monotonic() - written < 1.0
        assert store.changes_elsewhere() == set()  # its own write


@pytest.mark.postgresql_only
def test_the_names_of_others_connected(store: PgProjectStore) -> None:
    with reopen(store) as other:
        assert isinstance(other, PgProjectStore)
        other.set_client_name("alice")
        store.set_client_name("bob")
        assert store.others_connected() == ["alice"]
        assert other.others_connected() == ["bob"]

"""Two programs on one project: the second waits for the lock, or is told clearly; nothing breaks."""

from __future__ import annotations

import sqlite3
import time

import pytest
from storage_helpers import start_child

from annotator.domain.segment import Segment
from annotator.domain.video import Video
from annotator.storage import ProjectStore

pytestmark = pytest.mark.sqlite_only  # the SQLite file lock (tests/storage/test_pg_*.py: the server)

SECOND_WRITER = """
import sys, time
from pathlib import Path
from annotator.domain.segment import Segment
from annotator.storage import ProjectStore, StoreBusyError

store = ProjectStore.open(Path(sys.argv[1]), busy_timeout_s=float(sys.argv[3]))
print("trying", flush=True)
started = time.monotonic()
try:
    segment = store.add_segment(Segment(int(sys.argv[2]), 1, 10, 20, id="from-second"))
except StoreBusyError as exc:
    print(f"busy {time.monotonic() - started:.2f} {exc}", flush=True)
else:
    print(f"ok {time.monotonic() - started:.2f} {segment.id}", flush=True)
"""


def _integrity_ok(store: ProjectStore) -> bool:
    conn = sqlite3.connect(store.db_path)
    try:
        return conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    finally:
        conn.close()


def test_a_second_writer_is_told_clearly_when_the_wait_runs_out(store: ProjectStore, video: Video) -> None:
    with store.transaction():
        store.add_segment(Segment(video.id, 1, 0, 5, id="from-first"))
        child = start_child(SECOND_WRITER, str(store.directory), str(video.id), "0.3")
        out, err = child.communicate(timeout=60)
    lines = out.splitlines()
    assert lines[0] == "trying", err
    verdict, waited, message = lines[1].split(" ", 2)
    assert verdict == "busy"
    assert float(waited) >= 0.25
    assert message.startswith(f"project {store.directory} is being written by another program; try again")
    assert [s.id for s in store.segments()] == ["from-first"]
    assert _integrity_ok(store)


def test_a_second_writer_succeeds_once_the_first_commits(store: ProjectStore, video: Video) -> None:
    with store.transaction():
        store.add_segment(Segment(video.id, 1, 0, 5, id="from-first"))
        child = start_child(SECOND_WRITER, str(store.directory), str(video.id), "10")
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "trying"
        time.sleep(0.5)  # the child is now waiting on our lock
    out, err = child.communicate(timeout=60)
    verdict, waited, segment_id = out.split()
    assert verdict == "ok", err
    assert float(waited) >= 0.3
    assert segment_id == "from-second"
    assert {s.id for s in store.segments()} == {"from-first", "from-second"}
    assert _integrity_ok(store)


def test_a_reader_is_not_blocked_by_a_writer(store: ProjectStore, video: Video) -> None:
    with store.transaction():
        store.add_segment(Segment(video.id, 1, 0, 5))
        with ProjectStore.open(store.directory, busy_timeout_s=0.1) as reader:
            assert reader.segment_count() == 0
            assert len(reader.labels()) == 3

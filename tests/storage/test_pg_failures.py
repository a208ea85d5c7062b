"""A server project when things go wrong: the server ends our connection, restarts, or a
client is killed mid-import. An edit either failed visibly or is stored; the store
reconnects on its own; an import is all or nothing."""

from __future__ import annotations

import os
import re
import signal
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from pg_server import PgServer
from storage_helpers import make_info, start_child

from annotator.domain.label import Vocabulary
from annotator.domain.segment import Segment
from annotator.storage.errors import StoreConnectionError
from annotator.storage.pg_listen import EVERYTHING
from annotator.storage.pg_store import PgProjectStore

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def own_server() -> Iterator[PgServer]:
    """A server of this module's own: these tests stop and restart it."""
    with PgServer() as server:
        yield server


@pytest.fixture
def project(own_server: PgServer, vocabulary: Vocabulary, tmp_path: Path) -> Iterator[PgProjectStore]:
    name = f"f{time.monotonic_ns()}"
    url = own_server.create_database(name)
    with PgProjectStore.create(url, vocabulary, media_root=tmp_path) as store:
        store.add_video("clip.mp4", "fp", make_info(frame_count=200_000))
        yield store
    own_server.drop_database(name)


def _terminate(server: PgServer, pid: int) -> None:
    with server.admin() as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", (pid,))


def test_a_write_on_a_dropped_connection_fails_visibly_then_the_store_reconnects(
    project: PgProjectStore, own_server: PgServer
) -> None:
    project.add_segment(Segment(1, 1, 0, 10, id="before"))
    _terminate(own_server, project.backend_pid)
    with pytest.raises(
        StoreConnectionError, match="lost the connection to the server; the change was not saved"
    ) as lost:
        project.add_segment(Segment(1, 1, 10, 20, id="lost"))
    # ... and why, in the server's (or libpq's) first line: "terminating connection due to
    # administrator command" or "server closed the connection unexpectedly"
    assert re.search(r"not saved \((terminating|server closed the) connection [a-z ]+\)$", str(lost.value))
    project.add_segment(Segment(1, 1, 20, 30, id="after"))  # reconnected on its own
    assert [s.id for s in project.segments()] == ["before", "after"]
    assert project.database.reconnects == 1


def test_a_read_on_a_dropped_connection_is_run_again(project: PgProjectStore, own_server: PgServer) -> None:
    _terminate(own_server, project.backend_pid)
    assert len(project.labels()) == 3


def test_the_server_restarted_mid_session(project: PgProjectStore, own_server: PgServer) -> None:
    assert project.changes_elsewhere() == set()
    project.add_segment(Segment(1, 1, 0, 10, id="before"))
    own_server.stop("fast")
    try:
        with pytest.raises(StoreConnectionError) as down:
            project.add_segment(Segment(1, 1, 10, 20, id="while-down"))
        assert "\n" not in str(down.value)
        assert project.changes_elsewhere() == set()  # the listener notices, quietly
    finally:
        own_server.start()
    heard: set[str] = set()
    deadline = time.monotonic() + 5
    while not heard and time.monotonic() < deadline:  # back: refresh everything, within a second
        heard = project.changes_elsewhere()
        time.sleep(0.1)
    assert heard == {EVERYTHING}
    project.add_segment(Segment(1, 1, 20, 30, id="after"))
    assert [s.id for s in project.segments()] == ["before", "after"]


KILLED_IMPORT = """
import sys
from pathlib import Path
from annotator.domain.segment import Segment
from annotator.storage.pg_store import PgProjectStore

store = PgProjectStore.open(sys.argv[1], media_root=Path("."))
print(store.backend_pid, flush=True)
store.add_segments([Segment(1, 1, n, n + 1, id=f"imported-{n}") for n in range(int(sys.argv[2]))])
print("done", flush=True)
"""


def test_a_client_killed_mid_import_leaves_nothing(project: PgProjectStore, own_server: PgServer) -> None:
    child = start_child(KILLED_IMPORT, project.location, "150000")
    try:
        assert child.stdout is not None
        pid = int(child.stdout.readline())
        deadline = time.monotonic() + 60
        with own_server.admin(project.url.dbname) as admin:
            while time.monotonic() < deadline:  # wait until its rows are being written
                state = admin.execute("SELECT xact_start IS NOT NULL FROM pg_stat_activity WHERE pid = %s",
                                      (pid,)).fetchone()  # fmt: skip
                if state and state[0]:
                    break
                time.sleep(0.01)
            time.sleep(0.3)
            os.kill(child.pid, signal.SIGKILL)
            child.wait(timeout=30)
            deadline = time.monotonic() + 30
            while admin.execute("SELECT 1 FROM pg_stat_activity WHERE pid = %s", (pid,)).fetchone():
                assert time.monotonic() < deadline, "the server kept the killed client's session"
                time.sleep(0.05)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL
    assert project.segment_count() == 0
    finished = start_child(KILLED_IMPORT, project.location, "1000")
    out, err = finished.communicate(timeout=120)
    assert out.splitlines()[-1] == "done", err
    assert project.segment_count() == 1000


TWO_WRITERS = """
import sys
from pathlib import Path
from annotator.domain.segment import Segment
from annotator.storage.pg_store import PgProjectStore

store = PgProjectStore.open(sys.argv[1], media_root=Path("."))
name = sys.argv[2]
for n in range(200):
    store.add_segment(Segment(1, 1, n, n + 1, id=f"{name}-{n}", annotator=name))
print("done", flush=True)
"""


def test_two_client_processes_writing_at_once_lose_nothing(project: PgProjectStore) -> None:
    children = [start_child(TWO_WRITERS, project.location, name) for name in ("ana", "bo")]
    for child in children:
        out, err = child.communicate(timeout=120)
        assert out.strip() == "done", err
    by = [s.annotator for s in project.segments()]
    assert (by.count("ana"), by.count("bo")) == (200, 200)

"""The change listener of a server project on its own: quiet while nothing changes (its
pings included), a lost connection noticed at the next poll and answered with "refresh
everything", the client's name kept when the store reconnects, and nothing left open."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from pg_server import PgServer
from storage_helpers import make_info

from annotator.domain.label import Vocabulary
from annotator.domain.segment import Segment
from annotator.storage.pg_listen import EVERYTHING, PING_S, ChangeListener
from annotator.storage.pg_store import PgProjectStore
from annotator.storage.server_url import parse_server_url


@pytest.fixture
def project(pg_url: str, vocabulary: Vocabulary, tmp_path: Path) -> Iterator[PgProjectStore]:
    with PgProjectStore.create(pg_url, vocabulary, media_root=tmp_path) as store:
        store.add_video("clip.mp4", "fp", make_info(frame_count=1_000))
        yield store


def _backends(server: PgServer, url: str, application_name: str) -> list[int]:
    dbname = parse_server_url(url).dbname
    with server.admin() as admin:
        rows = admin.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = %s AND application_name = %s",
            (dbname, application_name),
        ).fetchall()
    return [int(row[0]) for row in rows]


def _terminate(server: PgServer, pid: int) -> None:
    with server.admin() as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", (pid,))
        deadline = time.monotonic() + 10
        while admin.execute("SELECT 1 FROM pg_stat_activity WHERE pid = %s", (pid,)).fetchone():
            assert time.monotonic() < deadline
            time.sleep(0.02)


def test_a_quiet_project_stays_quiet_across_pings_and_still_hears_the_next_change(
    project: PgProjectStore, pg_url: str, tmp_path: Path
) -> None:
    listener = ChangeListener(parse_server_url(pg_url), project.backend_pid)
    try:
        assert listener.poll() == set()
        for _ in range(3):  # each poll after PING_S makes a round trip first
            time.sleep(PING_S + 0.05)
            assert listener.poll() == set()
            assert listener.in_touch
        with PgProjectStore.open(pg_url, media_root=tmp_path) as other:
            other.add_segment(Segment(1, 1, 0, 10))
        heard: set[str] = set()
        deadline = time.monotonic() + 5
        while not heard and time.monotonic() < deadline:
            heard = listener.poll()
            time.sleep(0.01)
        assert heard == {"segments"}
    finally:
        listener.close()
    assert not listener.in_touch


def test_a_lost_listener_asks_for_a_full_refresh_at_the_next_poll(
    project: PgProjectStore, pg_server: PgServer, pg_url: str
) -> None:
    assert project.changes_elsewhere() == set()
    [listening] = _backends(pg_server, pg_url, "annotator listener")
    _terminate(pg_server, listening)
    time.sleep(PING_S + 0.05)
    assert project.changes_elsewhere() == {EVERYTHING}  # noticed by the ping, connected again
    assert project.changes_elsewhere() == set()
    assert _backends(pg_server, pg_url, "annotator listener") != [listening]


def test_the_client_name_is_kept_when_the_store_reconnects(
    project: PgProjectStore, pg_server: PgServer, pg_url: str, tmp_path: Path
) -> None:
    project.set_client_name("ana")
    with PgProjectStore.open(pg_url, media_root=tmp_path) as other:
        other.set_client_name("ben")
        assert other.changes_elsewhere() == set()  # others are asked while the listener is in touch
        assert other.others_connected() == ["ana"]
        _terminate(pg_server, project.backend_pid)
        assert len(project.labels()) == 3  # a read reconnects on its own
        assert project.database.reconnects == 1
        assert other.others_connected() == ["ana"]
        assert project.others_connected() == ["ben"]


def test_closing_the_store_closes_its_listener(
    project: PgProjectStore, pg_server: PgServer, pg_url: str
) -> None:
    assert project.changes_elsewhere() == set()
    assert len(_backends(pg_server, pg_url, "annotator listener")) == 1
    project.close()
    deadline = time.monotonic() + 5
    while _backends(pg_server, pg_url, "annotator listener"):
        assert time.monotonic() < deadline
        time.sleep(0.02)

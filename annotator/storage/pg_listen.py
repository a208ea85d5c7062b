"""Other clients' changes to a server project, as PostgreSQL notifications.

Every statement that writes ``videos``, ``labels``, ``segments`` or ``reviews`` notifies the
channel ``annotator`` with the table and the writer's server process id (a statement-level
trigger in ``pg_schema``: an import of 100,000 rows is one notification, not 100,000). The
listener has a connection of its own, so polling never waits behind a write, and it drops
the notifications of its own store's connection: those edits are on screen already.
"""

from __future__ import annotations

import time
from typing import Any

import psycopg
from psycopg.conninfo import make_conninfo

from annotator.storage.pg_schema import CHANNEL
from annotator.storage.server_url import ServerUrl

EVERYTHING = "*"  # after a reconnection: what changed meanwhile is not known
PING_S = 0.5
LISTEN_CONNECT_TIMEOUT_S = 3  # libpq's minimum is 2 s


class ChangeListener:
    """``poll()`` returns the tables other clients changed since the last call."""

    def __init__(self, url: ServerUrl, own_pid: int) -> None:
        self._url = url
        self._own = str(own_pid)
        self._conn: psycopg.Connection[Any] | None = None
        self._lost = False
        self._pinged = 0.0
        self._failures = 0
        self._retry_at = 0.0

    @property
    def in_touch(self) -> bool:
        """Whether the listener's connection is up (False while the server is away)."""
        return self._conn is not None and not self._conn.broken

    def _connect(self) -> psycopg.Connection[Any]:
        conn = psycopg.connect(
            make_conninfo(**self._url.conninfo()),
            autocommit=True,
            connect_timeout=LISTEN_CONNECT_TIMEOUT_S,
            application_name="annotator listener",
        )
        conn.execute(f"LISTEN {CHANNEL}")
        return conn

    def set_own_pid(self, pid: int) -> None:
        """The store reconnected: its new server process is the one to ignore."""
        self._own = str(pid)

    def poll(self) -> set[str]:
        """Tables changed by others since the last poll, without waiting; ``{"*"}`` once the
        connection, lost, is back (refresh everything). Raises nothing while the server is
        away: it returns an empty set and tries again next time. A dropped connection shows
        only on the next round trip, so one is made every ``PING_S``."""
        if (
            self._conn is not None
            and time.monotonic() - self._pinged >= PING_S
            and not self._alive(self._conn)
        ):
            self._drop()
        if self._conn is None:
            if time.monotonic() < self._retry_at:
                return set()
            try:
                self._conn = self._connect()
            except psycopg.Error:
                # The poll runs on the window's thread: wait longer between attempts (0.5 s,
                # 1 s, ... 16 s) so an unreachable server does not stall the window.
                self._lost = True
                self._failures += 1
                self._retry_at = time.monotonic() + min(16.0, PING_S * 2 ** (self._failures - 1))
                return set()
            self._failures = 0
            self._pinged = time.monotonic()
            if self._lost:
                self._lost = False
                return {EVERYTHING}
        try:
            return {
                table
                for note in self._conn.notifies(timeout=0)
                for table, _, pid in [note.payload.partition(" ")]
                if pid != self._own
            }
        except psycopg.Error:
            self._drop()
            return set()

    def _alive(self, conn: psycopg.Connection[Any]) -> bool:
        self._pinged = time.monotonic()
        try:
            conn.execute("SELECT 1")
        except psycopg.Error:
            return False
        return True

    def _drop(self) -> None:
        self._lost = True
        if self._conn is not None:
            self._conn.close()
        self._conn = None

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

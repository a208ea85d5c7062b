"""Helpers shared by the storage tests (a module of its own: ``conftest`` names collide)."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from collections.abc import Sequence
from contextlib import AbstractContextManager
from fractions import Fraction
from pathlib import Path
from typing import Any

import psycopg
import pytest

from annotator.domain.frame_times import FrameTimes
from annotator.domain.video_info import VideoInfo
from annotator.storage.pg_database import to_pg
from annotator.storage.pg_store import PgProjectStore
from annotator.storage.project_store import ProjectStore
from annotator.storage.store_base import BaseStore


def make_info(frame_count: int = 100, fps: Fraction = Fraction(25), path: str = "clip.mp4") -> VideoInfo:
    """A constant-rate video's facts with its timestamp table."""
    times = FrameTimes.constant(fps, frame_count, Fraction(1, 30))
    return VideoInfo(
        path=path,
        codec="h264",
        width=320,
        height=180,
        fps=fps,
        frame_count=frame_count,
        duration_s=times.duration_s,
        start_time_s=times.start_s,
        has_audio=True,
        is_vfr=False,
        container="mov,mp4,m4a,3gp,3g2,mj2",
        frame_times=times,
    )


def raw_connection(path: Path) -> sqlite3.Connection:
    """A plain sqlite3 connection, as another program would open the file."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA foreign_keys = ON")
    return conn


def start_child(script: str, *args: str) -> subprocess.Popen[str]:
    """Run ``script`` in a fresh Python process, its stdout line-buffered to us."""
    return subprocess.Popen(
        [sys.executable, "-c", script, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        bufsize=1,
    )


class OtherProgram:
    """A plain connection to ``store``'s database, as another program would open it
    (sqlite3, or psycopg in autocommit), speaking ``?`` placeholders on both."""

    def __init__(self, store: BaseStore) -> None:
        self._pg = isinstance(store, PgProjectStore)
        if isinstance(store, PgProjectStore):
            self._conn: Any = psycopg.connect(store.location, autocommit=True)
        else:
            assert isinstance(store, ProjectStore)
            self._conn = raw_connection(store.db_path)

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        return self._conn.execute(to_pg(sql) if self._pg else sql, params)

    def scalar(self, sql: str, params: Sequence[Any] = ()) -> Any:
        return self.execute(sql, params).fetchone()[0]

    def close(self) -> None:
        self._conn.close()


def refused(store: BaseStore, sqlite_match: str, pg_match: str) -> AbstractContextManager[Any]:
    """``pytest.raises`` for the engine's own integrity error, with its own wording."""
    if isinstance(store, PgProjectStore):
        return pytest.raises(psycopg.IntegrityError, match=pg_match)
    return pytest.raises(sqlite3.IntegrityError, match=sqlite_match)


def reopen(store: BaseStore, directory: Path | None = None) -> BaseStore:
    """The same project opened again (a folder project from ``directory`` if given; a server
    project with ``directory`` as its media root)."""
    if isinstance(store, PgProjectStore):
        return PgProjectStore.open(store.location, media_root=directory or store.directory)
    return ProjectStore.open(directory or store.directory)

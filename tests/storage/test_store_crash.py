"""A process killed with SIGKILL mid-edit loses nothing it reported as written."""

from __future__ import annotations

import signal
import sqlite3
import time

import pytest
from storage_helpers import start_child

from annotator.domain.video import Video
from annotator.storage import ProjectStore

WRITER = """
import sys
from pathlib import Path
from annotator.domain.segment import Segment
from annotator.storage import ProjectStore

store = ProjectStore.open(Path(sys.argv[1]))
video_id = int(sys.argv[2])
n = 0
while True:
    segment = store.add_segment(Segment(video_id, 1 + n % 3, n % 90, n % 90 + 5, note=f"edit {n}"))
    if n % 7 == 0:
        store.update_segment(segment.with_note(f"edited {n}"))
    print(segment.id, flush=True)
    n += 1
"""

pytestmark = pytest.mark.sqlite_only  # the SQLite file itself


@pytest.mark.parametrize("reported_before_kill", [1, 150, 600])
def test_sigkill_loses_no_reported_segment(
    store: ProjectStore, video: Video, reported_before_kill: int
) -> None:
    store.close()
    child = start_child(WRITER, str(store.directory), str(video.id))
    assert child.stdout is not None
    reported: list[str] = []
    deadline = time.monotonic() + 60
    while len(reported) < reported_before_kill and time.monotonic() < deadline:
        line = child.stdout.readline()
        if not line:
            break
        reported.append(line.strip())
    child.send_signal(signal.SIGKILL)  # mid-loop: the child keeps writing until it dies
    rest, errors = child.communicate(timeout=30)
    assert child.returncode == -signal.SIGKILL, errors
    reported += [line for line in rest.splitlines(keepends=True) if line.endswith("\n")]
    reported = [line.strip() for line in reported]
    assert len(reported) >= reported_before_kill

    conn = sqlite3.connect(store.db_path)
    assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    conn.close()
    with ProjectStore.open(store.directory) as again:
        stored = {segment.id for segment in again.segments()}
    assert set(reported) <= stored

"""What ``annotator merge`` needs from storage: another project read through a private copy
(never a byte written to it), and a segment overwritten whole by another copy's version."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from fractions import Fraction
from pathlib import Path

import pytest

from annotator.domain.frame_times import FrameTimes
from annotator.domain.label import Label, Vocabulary
from annotator.domain.segment import Segment
from annotator.domain.video_info import VideoInfo
from annotator.storage.errors import StoreError, StoreNotFoundError, StoreVersionError
from annotator.storage.project_copy import open_copy
from annotator.storage.project_store import DB_NAME, ProjectStore

pytestmark = pytest.mark.sqlite_only  # the SQLite file itself


@pytest.fixture
def project(tmp_path: Path) -> Path:
    with ProjectStore.create(tmp_path / "other", Vocabulary("v", (Label("laughter"),))) as store:
        store.meta_set("note", "original")
    return tmp_path / "other"


def test_the_copy_reads_the_original_and_writes_nowhere_else(project: Path, tmp_path: Path) -> None:
    original = (project / DB_NAME).read_bytes()
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    with open_copy(project, scratch) as copy:
        assert copy.meta_get("note") == "original"
        copy.meta_set("note", "changed in the copy")
    assert (project / DB_NAME).read_bytes() == original
    assert sorted(p.name for p in project.iterdir()) == [DB_NAME]


def test_a_newer_project_is_refused_untouched(project: Path, tmp_path: Path) -> None:
    connection = sqlite3.connect(project / DB_NAME)
    connection.execute("PRAGMA user_version = 999")
    connection.close()
    original = (project / DB_NAME).read_bytes()
    with pytest.raises(StoreVersionError, match="newer Annotator"):
        open_copy(project, tmp_path)
    assert (project / DB_NAME).read_bytes() == original
    with pytest.raises(StoreError, match="no Annotator project"):
        open_copy(tmp_path / "nowhere", tmp_path)


def test_put_segment_keeps_the_given_version_whole(project: Path) -> None:
    with ProjectStore.open(project) as store:
        store.add_video("clip.mp4", "1-abc", _info())
        label = store.labels()[0].id
        assert label is not None
        store.add_segment(Segment(1, label, 10, 20, id="s", created_at="2026-01-01T00:00:00.000Z"))
        theirs = Segment(1, label, 12, 22, id="s", note="there", updated_at="2026-02-02T00:00:00.000Z")
        store.put_segment(theirs, deleted=True)
        stored = store.segment("s")
        assert (stored.start_frame, stored.note, stored.updated_at) == (
            12,
            "there",
            "2026-02-02T00:00:00.000Z",
        )
        assert stored.created_at == "2026-01-01T00:00:00.000Z"  # the row's own creation stays
        assert store.is_deleted("s")
        store.put_segment(replace(theirs, updated_at=""), deleted=False)
        assert not store.is_deleted("s")
        assert store.segment("s").updated_at > "2026-02-02"  # empty: stamped now
        with pytest.raises(StoreNotFoundError, match=r"no segment with id unknown$"):
            store.put_segment(replace(theirs, id="unknown"), deleted=False)


def _info() -> VideoInfo:
    """A small constant-rate video."""
    return VideoInfo("clip.mp4", "h264", 320, 180, Fraction(25), 250, Fraction(10), Fraction(0), False, False,
                     frame_times=FrameTimes.constant(Fraction(25), 250))  # fmt: skip

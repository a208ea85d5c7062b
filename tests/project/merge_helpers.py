"""Two copies of one project, worked on apart, for the merge tests."""

from __future__ import annotations

import shutil
import sqlite3
from dataclasses import replace
from fractions import Fraction
from pathlib import Path

from annotator.domain.frame_times import FrameTimes
from annotator.domain.label import Vocabulary
from annotator.domain.segment import Review, Segment, Verdict
from annotator.domain.video_info import VideoInfo
from annotator.project.project import Project
from annotator.resources import vocabulary_path
from annotator.storage.project_store import DB_NAME


def video_info(name: str, frames: int = 250) -> VideoInfo:
    return VideoInfo(
        path=name,
        codec="h264",
        width=320,
        height=180,
        fps=Fraction(25),
        frame_count=frames,
        duration_s=Fraction(frames, 25),
        start_time_s=Fraction(0),
        has_audio=False,
        is_vfr=False,
        frame_times=FrameTimes.constant(Fraction(25), frames),
    )


def label_id(project: Project, name: str) -> int:
    label = project.store.label_by_name(name)
    assert label is not None
    assert label.id is not None
    return label.id


def make_pair(tmp_path: Path) -> tuple[Path, Path]:
    """``ours`` and ``theirs``: the same project (one video, two segments, one review),
    copied before any further work."""
    ours = tmp_path / "ours"
    with Project.create(ours, Vocabulary.load(vocabulary_path("state-tv"))) as project:
        project.store.add_video("clip.mp4", "1-abc", video_info("clip.mp4"))
        laughter = label_id(project, "laughter")
        stamps = {"created_at": "2026-01-01T10:00:00.000Z", "updated_at": "2026-01-01T10:00:00.000Z"}
        project.store.add_segments(
            [
                Segment(1, laughter, 10, 40, id="s1", annotator="ana", **stamps),
                Segment(1, laughter, 100, 120, id="s2", annotator="ana", **stamps),
            ]
        )
        project.store.add_review(
            Review("s1", "rita", Verdict.APPROVED, created_at="2026-01-02T10:00:00.000Z")
        )
    theirs = tmp_path / "theirs"
    theirs.mkdir()
    shutil.copy(ours / DB_NAME, theirs / DB_NAME)
    return ours, theirs


def dump(project_dir: Path) -> list[str]:
    """The whole database as SQL text: a full snapshot to compare."""
    connection = sqlite3.connect(project_dir / DB_NAME)
    try:
        return list(connection.iterdump())
    finally:
        connection.close()


def stamp(project: Project, segment: Segment, updated_at: str, deleted: bool = False) -> None:
    """Store ``segment`` as changed at ``updated_at`` (to control which version is newer)."""
    project.store.put_segment(replace(segment, updated_at=updated_at), deleted)

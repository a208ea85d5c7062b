"""Views on a real document and SQLite store, without the main window or a player."""

from __future__ import annotations

from collections.abc import Iterator
from fractions import Fraction
from pathlib import Path

import pytest

from annotator.domain.frame_times import FrameTimes
from annotator.domain.label import Vocabulary
from annotator.domain.video_info import VideoInfo
from annotator.editing.annotation_document import AnnotationDocument
from annotator.project.project import Project
from annotator.resources import vocabulary_path

FRAMES = 250
TIMES = FrameTimes.constant(Fraction(25), FRAMES)


@pytest.fixture
def project(tmp_path: Path) -> Iterator[Project]:
    created = Project.create(tmp_path / "project", Vocabulary.load(vocabulary_path("state-tv")))
    info = VideoInfo(
        path="clip.mp4",
        codec="h264",
        width=320,
        height=180,
        fps=Fraction(25),
        frame_count=FRAMES,
        duration_s=Fraction(10),
        start_time_s=Fraction(0),
        has_audio=False,
        is_vfr=False,
        frame_times=TIMES,
    )
    created.store.add_video("clip.mp4", "1-abc", info)
    yield created
    created.close()


@pytest.fixture
def document(project: Project, qapp: object) -> AnnotationDocument:
    return AnnotationDocument(project.store, user="ana")

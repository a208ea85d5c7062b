"""A project with two numbered videos (one with sound, one 29.97 fps without) and coded
segments on both, for the stress tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.domain.label import Vocabulary
from annotator.domain.segment import Segment
from annotator.project.project import Project
from annotator.resources import vocabulary_path
from annotator.ui.app_settings import AppSettings


@pytest.fixture
def settings(tmp_path: Path) -> AppSettings:
    created = AppSettings(tmp_path / "settings.ini")
    created.annotator_name = "tester"
    created.reviewer_name = "rita"
    return created


@pytest.fixture
def project_dir(tmp_path: Path, clip_25fps: Path, clip_2997: Path) -> Path:
    directory = tmp_path / "project"
    with Project.create(directory, Vocabulary.load(vocabulary_path("state-tv"))) as project:
        label = project.store.label_by_name("laughter")
        assert label is not None
        assert label.id is not None
        segments = []
        for clip in (clip_25fps, clip_2997):
            video = project.add_video(clip)
            segments += [Segment(video.id, label.id, start, start + 8, annotator="ana") for start in (10, 50)]
        project.store.add_segments(segments)
    return directory

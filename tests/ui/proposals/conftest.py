"""The real main window on a project of two analysable clips: ``shots.mp4`` (300 frames,
a hard cut at 75, a dissolve and a fade) and ``sounds.mp4`` (12 s: silence, speech, a loud
burst), see ``tests/analysis_clips.py``."""

from pathlib import Path

import pytest

from annotator.domain.label import Vocabulary
from annotator.project.project import Project
from annotator.resources import vocabulary_path
from annotator.ui.app_settings import AppSettings
from annotator.ui.main_window import MainWindow


@pytest.fixture
def settings(tmp_path: Path) -> AppSettings:
    created = AppSettings(tmp_path / "settings.ini")
    created.annotator_name = "tester"
    created.reviewer_name = "rita"
    return created


@pytest.fixture
def project_dir(tmp_path: Path, shot_clip: Path, sound_clip: Path) -> Path:
    directory = tmp_path / "project"
    with Project.create(directory, Vocabulary.load(vocabulary_path("state-tv"))) as project:
        project.add_video(shot_clip)
        project.add_video(sound_clip)
    return directory


@pytest.fixture
def window(open_window, settings: AppSettings, project_dir: Path) -> MainWindow:
    """The window on ``shots.mp4`` (the first video), not analysed yet."""
    return open_window(settings, project_dir, 300)

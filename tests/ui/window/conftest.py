from pathlib import Path

import pytest

from annotator.domain.label import Vocabulary
from annotator.project.project import Project
from annotator.resources import vocabulary_path
from annotator.ui.app_settings import AppSettings
from annotator.ui.main_window import MainWindow


@pytest.fixture
def settings(tmp_path: Path) -> AppSettings:
    """Each test gets its own settings file."""
    created = AppSettings(tmp_path / "settings.ini")
    created.annotator_name = "tester"
    return created


@pytest.fixture
def project_dir(tmp_path: Path, clip_25fps: Path) -> Path:
    directory = tmp_path / "project"
    with Project.create(directory, Vocabulary.load(vocabulary_path("state-tv"))) as project:
        project.add_video(clip_25fps)
    return directory


@pytest.fixture
def window(open_window, settings: AppSettings, project_dir: Path) -> MainWindow:
    """The real main window on a project with one 100-frame numbered clip, proxy built."""
    return open_window(settings, project_dir, 100)

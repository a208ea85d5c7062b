"""The real main window on a project whose one 100-frame clip two coders annotated:

- ana: laughter ``[10, 40)`` ("a-pair") and ``[60, 70)`` ("a-alone");
- ben: laughter ``[14, 42)`` ("b-pair") and driving ``[80, 90)`` ("b-alone").
"""

from pathlib import Path

import pytest

from annotator.domain.label import Vocabulary
from annotator.domain.segment import Segment
from annotator.project.project import Project
from annotator.resources import vocabulary_path
from annotator.ui.app_settings import AppSettings
from annotator.ui.main_window import MainWindow

CODED = (
    ("a-pair", "ana", "laughter", 10, 40),
    ("a-alone", "ana", "laughter", 60, 70),
    ("b-pair", "ben", "laughter", 14, 42),
    ("b-alone", "ben", "driving", 80, 90),
)


@pytest.fixture
def settings(tmp_path: Path) -> AppSettings:
    created = AppSettings(tmp_path / "settings.ini")
    created.annotator_name = "tester"
    created.reviewer_name = "rita"
    return created


@pytest.fixture
def project_dir(tmp_path: Path, clip_25fps: Path) -> Path:
    directory = tmp_path / "project"
    with Project.create(directory, Vocabulary.load(vocabulary_path("state-tv"))) as project:
        video = project.add_video(clip_25fps)
        store = project.store
        segments = []
        for segment_id, coder, name, start, end in CODED:
            label = store.label_by_name(name)
            assert label is not None
            assert label.id is not None
            segments.append(Segment(video.id, label.id, start, end, id=segment_id, annotator=coder))
        store.add_segments(segments)
    return directory


@pytest.fixture
def window(open_window, settings: AppSettings, project_dir: Path) -> MainWindow:
    return open_window(settings, project_dir, 100)

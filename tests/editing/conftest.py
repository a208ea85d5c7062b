from collections.abc import Iterator
from fractions import Fraction
from pathlib import Path

import pytest

from annotator.domain.frame_times import FrameTimes
from annotator.domain.label import Vocabulary
from annotator.domain.video_info import VideoInfo
from annotator.editing.annotation_document import AnnotationDocument
from annotator.resources import vocabulary_path
from annotator.storage.project_store import ProjectStore


@pytest.fixture
def store(tmp_path: Path) -> Iterator[ProjectStore]:
    created = ProjectStore.create(tmp_path / "project", Vocabulary.load(vocabulary_path("state-tv")))
    info = VideoInfo(
        path="clip.mp4",
        codec="h264",
        width=320,
        height=180,
        fps=Fraction(25),
        frame_count=250,
        duration_s=Fraction(10),
        start_time_s=Fraction(0),
        has_audio=False,
        is_vfr=False,
        frame_times=FrameTimes.constant(Fraction(25), 250),
    )
    created.add_video("clip.mp4", "1-abc", info)
    yield created
    created.close()


@pytest.fixture
def document(store: ProjectStore, qapp: object) -> AnnotationDocument:
    return AnnotationDocument(store, user="ana")

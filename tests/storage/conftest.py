"""Storage fixtures: a fresh project in a temporary folder, with a video and labels."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from storage_helpers import make_info

from annotator.domain.label import Label, LabelKind, Vocabulary
from annotator.domain.video import Video
from annotator.storage import ProjectStore


@pytest.fixture
def vocabulary() -> Vocabulary:
    return Vocabulary(
        "test",
        (
            Label("driver swap", "#ff0000", "1", description="one leader hands the wheel to the other"),
            Label("laughter", "#00ff00", "2"),
            Label("greeting", "#0000ff", "3", LabelKind.POINT),
        ),
    )


@pytest.fixture
def store(tmp_path: Path, vocabulary: Vocabulary) -> Iterator[ProjectStore]:
    with ProjectStore.create(tmp_path / "project", vocabulary, name="Test project") as opened:
        yield opened


@pytest.fixture
def video(store: ProjectStore) -> Video:
    return store.add_video(str(store.directory / "media" / "clip.mp4"), "fp-clip", make_info())

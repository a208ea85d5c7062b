"""Timeline fixtures: a real ``AnnotationDocument`` over an in-memory store, and a shown view."""

from __future__ import annotations

from collections.abc import Iterator
from fractions import Fraction

import pytest
from timeline_fake_store import FakeStore

from annotator.editing.annotation_document import AnnotationDocument
from annotator.resources import vocabulary_path
from annotator.ui.timeline import TimelineView

FPS = Fraction(25)
FRAME_COUNT = 2500  # 100 s
PIXELS_PER_FRAME = 4.0


@pytest.fixture
def store() -> FakeStore:
    return FakeStore.with_vocabulary(vocabulary_path("state-tv"))


@pytest.fixture
def video_id(store: FakeStore) -> int:
    return store.add_video(FPS, FRAME_COUNT)


@pytest.fixture
def document(store: FakeStore) -> AnnotationDocument:
    return AnnotationDocument(store, user="tester")  # type: ignore[arg-type]


@pytest.fixture
def view(qtbot, document: AnnotationDocument, video_id: int) -> Iterator[TimelineView]:
    """A shown 1200x420 timeline at 4 px per frame, scrolled to frame 0."""
    timeline = TimelineView(document)
    qtbot.addWidget(timeline)
    timeline.resize(1200, 420)
    timeline.show()
    qtbot.waitExposed(timeline)
    timeline.set_video(video_id, FPS, FRAME_COUNT)
    timeline.set_pixels_per_frame(PIXELS_PER_FRAME)
    timeline.horizontalScrollBar().setValue(timeline.horizontalScrollBar().minimum())
    yield timeline
    timeline.close()


@pytest.fixture
def label_ids(document: AnnotationDocument) -> dict[str, int]:
    return {label.name: label.id for label in document.labels() if label.id is not None}

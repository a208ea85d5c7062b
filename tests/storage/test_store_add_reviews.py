"""add_reviews: many verdicts in one transaction, all or none, unknown segments named."""

from __future__ import annotations

import pytest

from annotator.domain.segment import Review, Segment, Verdict
from annotator.domain.video import Video
from annotator.storage import ProjectStore, StoreConstraintError


def _segments(store: ProjectStore, video: Video) -> list[Segment]:
    label = store.label_by_name("laughter")
    assert label is not None
    assert label.id is not None
    store.add_segments([Segment(video.id, label.id, n * 10, n * 10 + 5) for n in range(3)])
    return store.segments()


def test_adds_every_review_in_order_and_the_latest_wins(store: ProjectStore, video: Video) -> None:
    first, second, _ = (segment.id for segment in _segments(store, video))
    given = [
        Review(first, "rita", Verdict.NEEDS_FIX, "late"),
        Review(second, "rita", Verdict.APPROVED, "", created_at="2024-01-01T00:00:00.000Z"),
        Review(first, "ben", Verdict.APPROVED, "fixed"),
    ]
    assert store.add_reviews(given) == 3
    stored = store.reviews()
    assert [(r.segment_id, r.reviewer, r.verdict, r.note) for r in stored] == [
        (r.segment_id, r.reviewer, r.verdict, r.note) for r in given
    ]
    assert all(r.created_at for r in stored)
    assert stored[1].created_at == "2024-01-01T00:00:00.000Z"
    assert store.latest_reviews()[first].reviewer == "ben"


def test_an_unknown_segment_is_named_and_nothing_is_added(store: ProjectStore, video: Video) -> None:
    first = _segments(store, video)[0].id
    given = [Review(first, "rita", Verdict.APPROVED), Review("no-such-segment", "rita", Verdict.REJECTED)]
    with pytest.raises(StoreConstraintError, match="segment no-such-segment is not in the project"):
        store.add_reviews(given)
    assert store.reviews() == []


def test_a_verdict_that_is_not_one_is_refused(store: ProjectStore, video: Video) -> None:
    first = _segments(store, video)[0].id
    with pytest.raises(ValueError, match="maybe"):
        store.add_reviews([Review(first, "rita", "maybe")])  # type: ignore[arg-type]
    assert store.reviews() == []

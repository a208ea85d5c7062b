"""Reviews: history is kept, the latest verdict is the status."""

from __future__ import annotations

from dataclasses import replace

import pytest
from storage_helpers import OtherProgram, refused

from annotator.domain.segment import Review, Segment, Verdict
from annotator.domain.video import Video
from annotator.storage import ProjectStore, StoreConstraintError, StoreNotFoundError


@pytest.fixture
def segments(store: ProjectStore, video: Video) -> list[Segment]:
    label = store.label_by_name("laughter")
    assert label is not None
    assert label.id is not None
    store.add_segments([Segment(video.id, label.id, n * 10, n * 10 + 5) for n in range(3)])
    return store.segments()


def test_history_is_kept_oldest_first_and_the_latest_wins(
    store: ProjectStore, segments: list[Segment]
) -> None:
    first, second = segments[0].id, segments[1].id
    verdicts = [
        (first, Verdict.NEEDS_FIX, "start is late"),
        (second, Verdict.APPROVED, ""),
        (first, Verdict.REJECTED, "not laughter"),
        (first, Verdict.APPROVED, "fixed"),
    ]
    added = [store.add_review(Review(seg, "rita", verdict, note)) for seg, verdict, note in verdicts]
    assert all(review.id is not None and review.created_at for review in added)
    assert [r.verdict for r in store.reviews(first)] == [
        Verdict.NEEDS_FIX,
        Verdict.REJECTED,
        Verdict.APPROVED,
    ]
    assert store.reviews() == added
    latest = store.latest_reviews()
    assert set(latest) == {first, second}
    assert latest[first] == added[3]
    assert latest[second] == added[1]


def test_latest_wins_even_with_equal_timestamps(store: ProjectStore, segments: list[Segment]) -> None:
    same_time = "2024-01-01T00:00:00.000Z"
    store.add_review(Review(segments[0].id, "a", Verdict.APPROVED, created_at=same_time))
    store.add_review(Review(segments[0].id, "b", Verdict.REJECTED, created_at=same_time))
    assert store.latest_reviews()[segments[0].id].verdict == Verdict.REJECTED


def test_latest_reviews_of_one_video(store: ProjectStore, video: Video, segments: list[Segment]) -> None:
    other = store.add_video("/x/other.mp4", "fp-other", video.info)
    elsewhere = store.add_segment(replace(segments[0], id="elsewhere", video_id=other.id))
    store.add_review(Review(segments[0].id, "r", Verdict.APPROVED))
    store.add_review(Review(elsewhere.id, "r", Verdict.REJECTED))
    assert set(store.latest_reviews(video.id)) == {segments[0].id}
    assert set(store.latest_reviews(other.id)) == {"elsewhere"}


def test_deleting_a_review_makes_the_one_before_the_status_again(
    store: ProjectStore, segments: list[Segment]
) -> None:
    first = store.add_review(Review(segments[0].id, "r", Verdict.NEEDS_FIX))
    second = store.add_review(Review(segments[0].id, "r", Verdict.APPROVED))
    assert second.id is not None
    store.delete_review(second.id)
    assert store.latest_reviews()[segments[0].id] == first
    with pytest.raises(StoreNotFoundError, match="no review with id 999"):
        store.delete_review(999)


def test_a_review_of_an_unknown_segment_is_refused(store: ProjectStore) -> None:
    with pytest.raises(StoreConstraintError, match="segment nope is not in the project"):
        store.add_review(Review("nope", "r", Verdict.APPROVED))


def test_the_database_itself_refuses_an_unknown_verdict(store: ProjectStore, segments: list[Segment]) -> None:
    conn = OtherProgram(store)
    with refused(store, "CHECK constraint failed", "violates check constraint"):
        conn.execute(
            "INSERT INTO reviews (segment_id, reviewer, verdict, created_at) VALUES (?, 'r', 'maybe', '')",
            (segments[0].id,),
        )
    conn.close()

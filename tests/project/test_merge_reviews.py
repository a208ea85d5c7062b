"""Reviews brought in by a merge: every new verdict of every segment is appended (in time
order) when it is newer than what the segment has here; an older one rewrites that
segment's history; a review seen before is not brought twice."""

from __future__ import annotations

from annotator.domain.segment import Review, Verdict
from annotator.project.merge_reviews import merge_reviews


def test_new_verdicts_of_several_segments_are_all_appended_in_time_order() -> None:
    ours = [Review("a", "rita", Verdict.APPROVED, created_at="2026-01-01T10:00:00", id=1)]
    theirs = [
        Review("a", "rita", Verdict.APPROVED, created_at="2026-01-01T10:00:00"),  # seen: not again
        Review("b", "sam", Verdict.REJECTED, created_at="2026-01-02T09:00:00"),
        Review("a", "sam", Verdict.NEEDS_FIX, created_at="2026-01-03T09:00:00"),
        Review("b", "rita", Verdict.APPROVED, created_at="2026-01-02T08:00:00"),
        Review("c", "sam", Verdict.APPROVED, created_at="2026-01-04T08:00:00"),  # not in the project
    ]
    appended, rewrites = merge_reviews(ours, theirs, {"a", "b"})
    assert rewrites == ()
    assert [(r.segment_id, r.reviewer, r.created_at) for r in appended] == [
        ("b", "rita", "2026-01-02T08:00:00"),
        ("b", "sam", "2026-01-02T09:00:00"),
        ("a", "sam", "2026-01-03T09:00:00"),
    ]  # segment by segment as they came, each one's in time order


def test_an_older_verdict_rewrites_that_segments_history_in_time_order() -> None:
    ours = [Review("a", "rita", Verdict.APPROVED, created_at="2026-01-05T10:00:00", id=7)]
    theirs = [Review("a", "sam", Verdict.REJECTED, created_at="2026-01-01T10:00:00")]
    appended, rewrites = merge_reviews(ours, theirs, {"a"})
    assert appended == ()
    (rewrite,) = rewrites
    assert rewrite.segment_id == "a"
    assert rewrite.drop_ids == (7,)
    assert [(r.reviewer, r.created_at, r.id) for r in rewrite.reviews] == [
        ("sam", "2026-01-01T10:00:00", None),
        ("rita", "2026-01-05T10:00:00", None),
    ]


def test_an_undated_review_seen_before_in_any_form_is_not_brought_twice() -> None:
    ours = [
        Review("a", "rita", Verdict.APPROVED, note="ok", id=1),  # from a file without times
        Review("b", "rita", Verdict.REJECTED, created_at="2026-01-01T10:00:00", id=2),
    ]
    theirs = [
        Review("a", "rita", Verdict.APPROVED, note="ok"),  # the same, undated there too
        Review("b", "rita", Verdict.REJECTED),  # dated here: the same verdict, seen
        Review("a", "rita", Verdict.APPROVED, note="fine"),  # another note: new
        Review("a", "rita", Verdict.APPROVED, note="fine"),  # ... but only once
    ]
    appended, rewrites = merge_reviews(ours, theirs, {"a", "b"})
    assert rewrites == ()
    assert [(r.segment_id, r.note) for r in appended] == [("a", "fine")]

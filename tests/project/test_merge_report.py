"""What ``annotator merge`` says: a summary per source, then one line per conflict naming the
segment, what differs, both times and what was done, with "?" for what is not known."""

from __future__ import annotations

from pathlib import Path

from annotator.domain.segment import Review, Segment, Verdict
from annotator.project.import_plan import ImportPlan
from annotator.project.merge import MergeResult
from annotator.project.merge_plan import Conflict, MergePlan
from annotator.project.merge_report import describe
from annotator.project.merge_reviews import HistoryRewrite


def _result(*conflicts: Conflict, deleted_there_only: int = 0) -> MergeResult:
    plan = MergePlan(
        source=Path("theirs"),
        additions=ImportPlan(Path("theirs"), ()),
        replacements=(),
        rewrites=(),
        conflicts=conflicts,
        unchanged=4,
        deleted_there_only=deleted_there_only,
        notes=("label 'Laughter' is 'laughter' here",),
    )
    return MergeResult((plan,), written=False)


def test_each_conflict_is_a_line_with_what_is_known_and_question_marks_for_the_rest() -> None:
    ours = Segment(1, 2, 10, 40, id="s1", annotator="ana", updated_at="2026-02-01T10:00:00.000Z")
    theirs = Segment(1, 2, 12, 40, id="s1", annotator="ben", updated_at="2026-03-01T10:00:00.000Z")
    unnamed = Segment(1, 9, 5, 6, id="s2")  # no coder, no times, a label the names do not hold
    lines = describe(
        _result(
            Conflict(ours, theirs, ("start_frame", "note"), "theirs"),
            Conflict(unnamed, Segment(1, 9, 5, 6, id="s2"), ("deleted",), None),
            deleted_there_only=2,
        ),
        {2: "laughter"},
    )
    assert lines == [
        "theirs: 0 new segments, 0 replaced by their version, 4 unchanged, 2 conflicts, 0 new labels, "
        "0 new videos, 0 reviews added",
        "  conflict: segment s1 (laughter 10-40 by ana): start_frame, note differ; updated here "
        "2026-02-01T10:00:00.000Z, there 2026-03-01T10:00:00.000Z: took theirs",
        "  conflict: segment s2 (9 5-6 by ?): deleted differ; updated here ?, there ?: undecided",
        "  note: label 'Laughter' is 'laughter' here",
        "  2 segments deleted there and never here: left out",
    ]


def test_the_summary_counts_reviews_added_and_histories_put_in_order() -> None:
    review = Review("s1", "rita", Verdict.APPROVED, created_at="2026-01-01T10:00:00.000Z")
    plan = MergePlan(
        source=Path("theirs"),
        additions=ImportPlan(Path("theirs"), (), reviews=(review, review)),
        replacements=(),
        rewrites=(HistoryRewrite("s2", (7, 8), (review, review, review)),),  # 2 dropped, 3 written
        conflicts=(),
        unchanged=0,
        deleted_there_only=0,
        notes=(),
    )
    (line,) = describe(MergeResult((plan,), written=True), {})
    assert line.endswith(", 3 reviews added, review history of 1 segments put in time order")

"""ReviewSession and review_queue: the queue, counts, verdicts, fixes and play ranges, no widgets."""

from __future__ import annotations

from fractions import Fraction

import pytest
from editing_helpers import label_id

from annotator.domain.frame_times import FrameTimes
from annotator.domain.segment import Segment, Verdict
from annotator.editing import review_queue
from annotator.editing.annotation_document import AnnotationDocument
from annotator.editing.review_queue import PlayRange, ReviewCounts, ReviewFilters
from annotator.editing.review_session import EDITED_BY, ReviewSession

TIMES_25 = FrameTimes.constant(Fraction(25), 250)


@pytest.fixture
def coded(document: AnnotationDocument) -> list[Segment]:
    """Five segments of one video, added out of order by two annotators."""
    laughter, driving = label_id(document, "laughter"), label_id(document, "driving")
    made = [
        document.add_segment(1, driving, 100, 130),
        document.add_segment(1, laughter, 50, 80),
        document.add_segment(1, laughter, 10, 20),
        document.add_segment(1, driving, 200, 240),
    ]
    document.user = "bo"
    made.append(document.add_segment(1, laughter, 150, 160))
    document.user = "ana"
    return sorted(made, key=lambda s: s.start_frame)


@pytest.fixture
def session(document: AnnotationDocument, coded: list[Segment]) -> ReviewSession:
    created = ReviewSession(document, reviewer="rita")
    created.set_filters(ReviewFilters())
    return created


def test_queue_is_unreviewed_segments_sorted_by_time(session: ReviewSession, coded: list[Segment]) -> None:
    assert session.queue == [s.id for s in coded]
    assert session.current() == coded[0]
    assert session.counts() == ReviewCounts(1, 5)
    assert session.counts().text() == "1 / 5, 0 approved, 0 rejected"


def test_a_queue_of_chosen_segments_takes_them_whatever_their_status(
    document: AnnotationDocument, session: ReviewSession, coded: list[Segment]
) -> None:
    document.add_review(coded[3].id, Verdict.APPROVED)
    session.set_filters(ReviewFilters.of_segments([coded[3].id, coded[0].id]))
    assert session.queue == [coded[0].id, coded[3].id]  # by time, the approved one too
    document.remove_segments([coded[0].id])
    assert session.queue == [coded[3].id]
    document.undo_stack.undo()  # back: it is one of the chosen
    assert session.queue == [coded[0].id, coded[3].id]
    document.add_segment(1, label_id(document, "laughter"), 0, 5)  # not chosen: stays out
    assert session.queue == [coded[0].id, coded[3].id]


def test_filters_by_label_annotator_and_status(
    document: AnnotationDocument, session: ReviewSession, coded: list[Segment]
) -> None:
    driving = label_id(document, "driving")
    session.set_filters(ReviewFilters(label_id=driving))
    assert session.queue == [coded[2].id, coded[4].id]
    session.set_filters(ReviewFilters(annotator="bo"))
    assert session.queue == [coded[3].id]
    document.add_review(coded[1].id, Verdict.APPROVED)
    session.set_filters(ReviewFilters())
    assert coded[1].id not in session.queue
    session.set_filters(ReviewFilters(status="approved"))
    assert session.queue == [coded[1].id]
    session.set_filters(ReviewFilters(status=None, video_id=2))
    assert session.queue == []
    assert session.current() is None


def test_verdicts_are_reviews_by_the_reviewer_and_advance(
    qtbot, document: AnnotationDocument, session: ReviewSession, coded: list[Segment]
) -> None:
    session.judge(Verdict.APPROVED)
    assert session.position == 1
    session.set_note("starts too late")
    with qtbot.waitSignal(session.current_changed) as moved:
        session.judge(Verdict.REJECTED)
    assert moved.args == [coded[2]]
    assert session.note == ""  # a note belongs to one verdict
    session.judge(Verdict.NEEDS_FIX)
    assert session.counts().text() == "4 / 5, 1 approved, 1 rejected, 1 needs fix"
    rows = [(r.reviewer, r.verdict, r.note) for r in document.store.reviews(coded[1].id)]
    assert rows == [("rita", Verdict.REJECTED, "starts too late")]
    session.previous()
    session.judge(Verdict.APPROVED)  # changing one's mind keeps the history
    assert [r.verdict for r in document.store.reviews(coded[2].id)] == [Verdict.NEEDS_FIX, Verdict.APPROVED]
    assert session.status(coded[2].id) == "approved"
    document.undo_stack.undo()
    assert session.status(coded[2].id) == "needs_fix"


def test_last_verdict_finishes_with_a_summary(
    qtbot, document: AnnotationDocument, session: ReviewSession, coded: list[Segment]
) -> None:
    for verdict in (Verdict.APPROVED, Verdict.APPROVED, Verdict.REJECTED, Verdict.APPROVED):
        session.judge(verdict)
    with qtbot.waitSignal(session.finished):
        session.judge(Verdict.NEEDS_FIX)
    assert session.current() is None
    assert session.counts().text() == "5 / 5, 3 approved, 1 rejected, 1 needs fix"
    rows = {row.label_id: row for row in session.summary()}
    laughter, driving = label_id(document, "laughter"), label_id(document, "driving")
    assert (rows[laughter].approved, rows[laughter].rejected, rows[laughter].needs_fix) == (3, 0, 0)
    assert (rows[driving].approved, rows[driving].rejected, rows[driving].needs_fix) == (0, 1, 1)
    assert rows[driving].unreviewed == 0
    session.previous()
    assert session.current() == coded[4]


def test_fixes_are_undoable_edits_recorded_with_the_reviewer(
    document: AnnotationDocument, session: ReviewSession, coded: list[Segment]
) -> None:
    session.nudge(-1, 0)
    session.nudge(0, 1)
    fixed = document.segment(coded[0].id)
    assert (fixed.start_frame, fixed.end_frame) == (9, 21)
    assert fixed.attributes == {EDITED_BY: "rita"}
    assert fixed.annotator == "ana"
    driving = label_id(document, "driving")
    session.relabel(driving)
    assert document.segment(coded[0].id).label_id == driving
    document.undo_stack.undo()
    document.undo_stack.undo()
    assert (document.segment(coded[0].id).start_frame, document.segment(coded[0].id).end_frame) == (9, 20)
    document.undo_stack.undo()
    assert document.segment(coded[0].id) == document.store.segment(coded[0].id)
    assert document.segment(coded[0].id).attributes == {}
    before = document.undo_stack.count()
    session.nudge(-20, 0)  # would start before frame 0: refused, no empty undo step
    assert document.undo_stack.count() == before
    session.relabel(coded[0].label_id)  # the label it has: no step, not signed as edited
    assert document.undo_stack.count() == before
    assert document.segment(coded[0].id).attributes == {}
    session.go_to(len(session.queue))  # the summary: no segment to fix
    session.relabel(driving)
    session.nudge(0, 1)
    assert document.undo_stack.count() == before


def test_removed_segment_leaves_the_queue(document: AnnotationDocument, session: ReviewSession) -> None:
    session.next()
    current = session.current()
    assert current is not None
    session.set_note("pending")
    document.remove_segments([session.queue[0]])
    assert session.position == 0
    assert session.current() == current
    assert session.note == "pending"  # still on the same segment: its note is kept
    assert session.counts() == ReviewCounts(1, 4)


def test_removing_the_current_segment_makes_the_next_one_current(
    qtbot, document: AnnotationDocument, session: ReviewSession, coded: list[Segment]
) -> None:
    session.judge(Verdict.APPROVED)
    session.judge(Verdict.REJECTED)
    assert session.current() == coded[2]
    with qtbot.waitSignals([session.queue_changed, session.current_changed, session.counts_changed]):
        document.remove_segments([coded[2].id])
    assert session.queue == [coded[0].id, coded[1].id, coded[3].id, coded[4].id]
    assert (session.position, session.current()) == (2, coded[3])
    assert session.counts() == ReviewCounts(3, 4, approved=1, rejected=1)
    document.remove_segments([coded[4].id, coded[3].id])  # the rest: past the end, the summary
    assert (session.position, session.current()) == (2, None)
    assert session.counts().text() == "2 / 2, 1 approved, 1 rejected"


def test_removing_a_segment_outside_the_queue_changes_nothing(
    qtbot, document: AnnotationDocument, session: ReviewSession, coded: list[Segment]
) -> None:
    session.set_filters(ReviewFilters(annotator="bo"))
    with qtbot.assertNotEmitted(session.queue_changed), qtbot.assertNotEmitted(session.counts_changed):
        document.remove_segments([coded[0].id])
    assert session.queue == [coded[3].id]


def test_added_segment_joins_the_queue_in_order_if_it_matches(
    qtbot, document: AnnotationDocument, session: ReviewSession, coded: list[Segment]
) -> None:
    session.go_to(2)
    session.set_note("pending")
    laughter, driving = label_id(document, "laughter"), label_id(document, "driving")
    with qtbot.waitSignals([session.queue_changed, session.counts_changed]):
        early = document.add_segment(1, laughter, 30, 40)  # before the current one
    assert session.queue == [coded[0].id, early.id, *(s.id for s in coded[1:])]
    assert (session.position, session.current(), session.note) == (3, coded[2], "pending")
    assert session.counts() == ReviewCounts(4, 6)
    late = document.add_segment(1, driving, 245, 250)
    assert session.queue[-1] == late.id
    assert (session.position, session.current()) == (3, coded[2])

    session.set_filters(ReviewFilters(label_id=laughter))
    assert session.queue == [coded[0].id, early.id, coded[1].id, coded[3].id]
    with qtbot.assertNotEmitted(session.queue_changed):
        document.add_segment(1, driving, 60, 70)  # not what the filters pick
    document.undo_stack.undo()
    document.remove_segments([early.id])
    assert early.id not in session.queue
    document.undo_stack.undo()  # the removal undone: it is back, in its place
    assert session.queue == [coded[0].id, early.id, coded[1].id, coded[3].id]


def test_a_segment_added_after_the_last_verdict_waits_behind_the_summary(
    document: AnnotationDocument, session: ReviewSession, coded: list[Segment]
) -> None:
    for _segment in coded:
        session.judge(Verdict.APPROVED)
    document.add_segment(1, label_id(document, "laughter"), 1, 5)
    assert (session.position, session.current()) == (6, None)
    assert session.counts().text() == "6 / 6, 5 approved, 0 rejected"
    session.previous()
    assert session.current() == coded[4]


def test_undoing_a_verdict_returns_to_its_segment(
    qtbot, document: AnnotationDocument, session: ReviewSession, coded: list[Segment]
) -> None:
    session.judge(Verdict.APPROVED)
    session.set_note("too short")
    session.judge(Verdict.REJECTED)
    assert session.position == 2
    with qtbot.waitSignal(session.current_changed) as moved:
        document.undo_stack.undo()
    assert moved.args == [coded[1]]
    assert (session.position, session.status(coded[1].id)) == (1, "unreviewed")
    assert session.counts() == ReviewCounts(2, 5, approved=1)
    document.undo_stack.undo()
    assert (session.position, session.current()) == (0, coded[0])
    assert session.counts() == ReviewCounts(1, 5)

    # From the summary, and from elsewhere in the queue: back to the segment undone.
    for _segment in coded:
        session.judge(Verdict.NEEDS_FIX)
    assert session.current() is None
    document.undo_stack.undo()
    assert (session.position, session.current()) == (4, coded[4])
    session.go_to(1)
    session.judge(Verdict.APPROVED)  # a second verdict: undoing it brings back the first
    session.go_to(0)
    document.undo_stack.undo()
    assert (session.position, session.status(coded[1].id)) == (1, "needs_fix")
    assert session.counts() == ReviewCounts(2, 5, needs_fix=4)


@pytest.mark.parametrize(
    ("start", "end", "preroll", "postroll", "expected"),
    [
        (50, 80, 1.0, 0.5, PlayRange(25, 92)),  # t(80) + 0.5 s = 3.7 s falls in frame 92 (3.68-3.72)
        (50, 80, 0.0, 0.0, PlayRange(50, 79)),  # t(80) is where frame 80 starts: stop on 79
        (10, 20, 1.0, 0.5, PlayRange(0, 32)),  # pre-roll clamped at the start
        (240, 250, 1.0, 0.5, PlayRange(215, 249)),  # post-roll clamped at the end
        (50, 80, 0.5, 0.3, PlayRange(37, 87)),
    ],
)
def test_play_range(start: int, end: int, preroll: float, postroll: float, expected: PlayRange) -> None:
    segment = Segment(1, 1, start, end)
    assert review_queue.play_range(segment, TIMES_25, preroll, postroll) == expected


def test_play_range_uses_the_frame_table_on_variable_rate() -> None:
    # frames 0-9 at 10 fps, then 20 fps: pre-roll crosses the change of rate
    pts = tuple(range(0, 100, 10)) + tuple(range(100, 200, 5))
    times = FrameTimes(Fraction(1, 100), pts, 200)
    segment = Segment(1, 1, 20, 25)  # t(20) = 1.5 s
    assert review_queue.play_range(segment, times, 1.0, 0.1) == PlayRange(5, 26)


def test_the_panel_hears_of_edits_to_the_current_segment_only(
    qtbot, document: AnnotationDocument, session: ReviewSession, coded: list[Segment]
) -> None:
    with qtbot.waitSignal(session.current_changed) as heard:
        document.set_bounds(coded[0].id, 11, 20)
    assert heard.args == [document.segment(coded[0].id)]
    with qtbot.assertNotEmitted(session.current_changed):
        document.set_bounds(coded[3].id, 151, 160)  # another segment of the queue
    session.go_to(len(session.queue))  # the summary: no current segment to redraw
    with qtbot.assertNotEmitted(session.current_changed):
        document.set_bounds(coded[4].id, 201, 240)


def test_a_segment_added_before_the_current_one_keeps_it_current(
    qtbot, document: AnnotationDocument, session: ReviewSession, coded: list[Segment]
) -> None:
    session.next()  # coded[1], starting at 50
    laughter = label_id(document, "laughter")
    with qtbot.waitSignal(session.current_changed) as heard:
        earlier = document.add_segment(1, laughter, 5, 8)  # before the current one
    assert heard.args == [coded[1]]
    assert (session.position, session.current()) == (2, coded[1])
    assert session.counts() == ReviewCounts(3, 6)
    document.add_segment(1, laughter, 50, 90)  # same start, ends later: sorts after the current
    assert (session.position, session.current()) == (2, coded[1])
    assert session.queue[:3] == [earlier.id, coded[0].id, coded[1].id]
    document.add_segment(1, laughter, 50, 55)  # same start, ends sooner: before it
    assert (session.position, session.current()) == (3, coded[1])


def test_removing_the_current_segment_moves_on_to_the_next(
    qtbot, document: AnnotationDocument, session: ReviewSession, coded: list[Segment]
) -> None:
    session.next()
    session.set_note("pending")
    with qtbot.waitSignal(session.current_changed) as heard:
        document.remove_segments([coded[1].id])
    assert heard.args == [coded[2]]
    assert (session.position, session.note) == (1, "")  # another segment: its own note
    with qtbot.waitSignal(session.counts_changed) as counted:
        document.remove_segments([coded[4].id])  # after the current one
    assert counted.args == [ReviewCounts(2, 3)]
    assert session.current() == coded[2]


def test_an_undone_verdict_brings_back_its_segment_and_its_status(
    qtbot, document: AnnotationDocument, session: ReviewSession, coded: list[Segment]
) -> None:
    session.judge(Verdict.APPROVED)
    session.judge(Verdict.REJECTED)
    assert session.position == 2
    with qtbot.waitSignal(session.current_changed) as heard:
        document.undo_stack.undo()  # the rejection of coded[1]
    assert heard.args == [coded[1]]
    assert session.status(coded[1].id) == "unreviewed"
    assert session.latest_review(coded[1].id) is None
    with qtbot.waitSignal(session.counts_changed) as counted:
        document.undo_stack.undo()  # coded[0]'s approval, elsewhere in the queue
    assert session.current() == coded[0]
    assert counted.args == [ReviewCounts(1, 5)]


def test_a_new_session_before_any_filter(qtbot, document: AnnotationDocument, coded: list[Segment]) -> None:
    session = ReviewSession(document, parent=document)
    assert session.parent() is document
    assert (session.reviewer, session.note, session.loop) == ("", "", False)
    assert (session.queue, session.position, session.current()) == ([], 0, None)
    assert (session.preroll_s, session.postroll_s) == (review_queue.DEFAULT_PREROLL_S, 0.5)
    assert session.filters == ReviewFilters()
    assert session.play_range(coded[1]) == PlayRange(25, 92)  # 1 s before 50, 0.5 s after 80
    document.add_review(coded[1].id, Verdict.APPROVED)  # edits before any filter reach it too
    assert session.status(coded[1].id) == "approved"
    document.undo_stack.undo()
    assert session.status(coded[1].id) == "unreviewed"
    document.remove_segments([document.add_segment(1, label_id(document, "laughter"), 5, 8).id])
    session.set_filters(ReviewFilters())
    assert session.queue == [s.id for s in coded]
    session.nudge(0, 1)  # no reviewer name: the fix is not signed
    assert document.segment(coded[0].id).attributes == {}


def test_the_position_stays_within_the_queue_and_signals_carry_the_news(
    qtbot, document: AnnotationDocument, session: ReviewSession, coded: list[Segment]
) -> None:
    session.go_to(-3)
    assert session.position == 0
    with qtbot.waitSignal(session.counts_changed) as counted:
        session.go_to(2)
    assert counted.args == [ReviewCounts(3, 5)]
    session.go_to(99)
    assert session.position == 5
    with qtbot.waitSignal(session.note_changed) as noted:
        session.set_note("too long")
    assert noted.args == ["too long"]
    session.go_to(0)
    with qtbot.waitSignal(session.counts_changed) as counted:
        document.add_review(coded[3].id, Verdict.APPROVED)  # elsewhere in the queue
    assert counted.args == [ReviewCounts(1, 5, approved=1)]


def test_undoing_a_verdict_on_the_current_segment_updates_the_counts_in_place(
    qtbot, document: AnnotationDocument, session: ReviewSession, coded: list[Segment]
) -> None:
    document.add_review(coded[0].id, Verdict.REJECTED)  # the current one, from another view
    assert session.counts() == ReviewCounts(1, 5, rejected=1)
    with qtbot.waitSignal(session.counts_changed) as counted:
        document.undo_stack.undo()
    assert counted.args == [ReviewCounts(1, 5)]
    assert (session.position, session.status(coded[0].id)) == (0, "unreviewed")

"""``document.edit_group``: one undo step, closed even when an edit inside fails; and the
frame count a drag checks on every mouse move is read once per video."""

from __future__ import annotations

import pytest
from editing_helpers import label_id

from annotator.domain.segment import SegmentError
from annotator.editing.annotation_document import AnnotationDocument
from annotator.editing.review_queue import ReviewFilters
from annotator.editing.review_session import ReviewSession
from annotator.storage import video_table


def test_a_group_is_one_step_and_nested_groups_join_it(document: AnnotationDocument) -> None:
    laughter = label_id(document, "laughter")
    with document.edit_group("Two segments"):
        a = document.add_segment(1, laughter, 10, 20)
        with document.edit_group("inner"):
            document.set_note(a.id, "first")
        document.add_segment(1, laughter, 30, 40)
    assert document.undo_stack.count() == 1
    assert document.undo_stack.undoText() == "Two segments"
    document.undo_stack.undo()
    assert document.store.segments() == []
    document.undo_stack.redo()
    assert [(s.start_frame, s.note) for s in document.store.segments()] == [(10, "first"), (30, "")]


def test_a_group_left_by_an_exception_is_closed_with_what_was_done(document: AnnotationDocument) -> None:
    laughter = label_id(document, "laughter")

    def half_done() -> None:
        with document.edit_group("Half"):
            document.add_segment(1, laughter, 10, 20)
            document.add_segment(1, laughter, 200, 999)  # past the end of the video

    with pytest.raises(SegmentError):
        half_done()
    assert document.undo_stack.count() == 1
    document.add_segment(1, laughter, 50, 60)  # the stack takes new steps again
    assert document.undo_stack.count() == 2
    document.undo_stack.undo()
    document.undo_stack.undo()
    assert document.store.segments() == []


def test_a_refused_review_fix_leaves_the_stack_usable(document: AnnotationDocument) -> None:
    laughter = label_id(document, "laughter")
    document.add_segment(1, laughter, 10, 20)
    session = ReviewSession(document, reviewer="rita")
    session.set_filters(ReviewFilters())
    with pytest.raises(LookupError):
        session.relabel(9999)  # no such label
    document.add_segment(1, laughter, 30, 40)
    document.undo_stack.undo()
    assert [s.start_frame for s in document.store.segments()] == [10]


def test_drags_read_the_frame_count_once_not_the_frame_table_on_every_move(
    document: AnnotationDocument, monkeypatch: pytest.MonkeyPatch
) -> None:
    decoded: list[str] = []
    real = video_table.decode_frame_times
    monkeypatch.setattr(video_table, "decode_frame_times", lambda *a: decoded.append("x") or real(*a))
    segment = document.add_segment(1, label_id(document, "laughter"), 50, 80)
    drag = object()
    for end in range(81, 131):
        document.set_bounds(segment.id, 50, end, merge=drag)
    document.nudge([segment.id], 1, 1)
    assert decoded == []
    assert document.undo_stack.count() == 3
    with pytest.raises(SegmentError):
        document.set_bounds(segment.id, 50, 251)  # still checked against the video's 250 frames

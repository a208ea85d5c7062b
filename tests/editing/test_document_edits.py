"""Edits through the document: what merges into one undo step and what does not, bounds
refused, archived labels, one video's segments, the signals an undo sends."""

from __future__ import annotations

from dataclasses import replace

import pytest
from editing_helpers import label_id

from annotator.domain.segment import SegmentError, Verdict
from annotator.domain.video_info import VideoInfo
from annotator.editing.annotation_document import AnnotationDocument


def test_a_drag_is_one_step_but_separate_changes_are_not(document: AnnotationDocument) -> None:
    laughter = label_id(document, "laughter")
    one, other = document.add_segment(1, laughter, 10, 20), document.add_segment(1, laughter, 30, 40)
    stack = document.undo_stack
    start = stack.count()
    drag = object()
    for end in (21, 22, 23):
        document.set_bounds(one.id, 10, end, merge=drag)
    assert stack.count() == start + 1
    document.set_bounds(other.id, 30, 41, merge=drag)  # the same key, another segment
    assert stack.count() == start + 2
    document.set_bounds(one.id, 10, 24)  # no key: never merges
    document.set_bounds(one.id, 10, 25)
    assert stack.count() == start + 4
    document.set_bounds(one.id, 10, 26, merge=False)  # the old spelling of "never merge"
    document.set_bounds(one.id, 10, 27, merge=False)
    assert stack.count() == start + 6
    stack.setIndex(start + 1)
    assert document.segment(one.id).end_frame == 23
    stack.setIndex(start)
    assert (document.segment(one.id).end_frame, document.segment(other.id).end_frame) == (20, 40)


def test_a_drag_inside_a_group_undoes_with_the_group(document: AnnotationDocument) -> None:
    laughter = label_id(document, "laughter")
    one = document.add_segment(1, laughter, 10, 20)
    drag = object()
    with document.edit_group("Fix"):
        document.set_bounds(one.id, 11, 20, merge=drag)
        document.set_bounds(one.id, 12, 20, merge=drag)
        document.set_note(one.id, "moved")
    assert document.undo_stack.undoText() == "Fix"
    document.undo_stack.undo()
    back = document.segment(one.id)
    assert (back.start_frame, back.note) == (10, "")
    document.undo_stack.redo()
    again = document.segment(one.id)
    assert (again.start_frame, again.note) == (12, "moved")


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [
        (-1, 5, r"start_frame must be >= 0, got -1"),
        (10, 10, r"end_frame \(10\) must be greater than start_frame \(10\)"),
        (240, 251, r"end_frame \(251\) is past the video's last frame \(249\)"),
    ],
)
def test_bounds_outside_the_video_are_refused_and_nothing_changes(
    document: AnnotationDocument, start: int, end: int, message: str
) -> None:
    one = document.add_segment(1, label_id(document, "laughter"), 10, 20)
    count = document.undo_stack.count()
    with pytest.raises(SegmentError, match=message):
        document.set_bounds(one.id, start, end)
    with pytest.raises(SegmentError, match=message):
        document.set_many_bounds({one.id: (start, end)}, "Move")
    assert document.segment(one.id) == one
    assert document.undo_stack.count() == count


def test_an_undone_change_tells_the_views_what_it_was_and_what_it_is(
    qtbot, document: AnnotationDocument
) -> None:
    one = document.add_segment(1, label_id(document, "laughter"), 10, 20)
    document.set_bounds(one.id, 10, 30)
    changed = document.segment(one.id)
    with qtbot.waitSignal(document.segment_changed) as heard:
        document.undo_stack.undo()
    old, new = heard.args
    assert old == changed
    assert (new.start_frame, new.end_frame) == (10, 20)


def test_archived_labels_are_left_out_unless_asked_for(document: AnnotationDocument) -> None:
    laughter = document.store.label_by_name("laughter")
    assert laughter is not None
    document.change_label(replace(laughter, archived=True, key=""))
    assert "laughter" not in [label.name for label in document.labels()]
    assert "laughter" in [label.name for label in document.labels(include_archived=True)]


def test_a_label_added_with_an_id_gets_one_of_its_own_and_keeps_it_through_undo(
    document: AnnotationDocument,
) -> None:
    laughter = document.store.label_by_name("laughter")
    assert laughter is not None
    document.add_label(replace(laughter, name="giggles", key=""))  # a copy, still carrying an id
    giggles = document.store.label_by_name("giggles")
    assert giggles is not None
    assert giggles.id != laughter.id
    document.undo_stack.undo()
    assert document.store.label_by_name("giggles") is None
    document.undo_stack.redo()
    assert document.store.label_by_name("giggles") == giggles  # the same id: later steps find it


def test_one_video_s_segments(document: AnnotationDocument) -> None:
    info: VideoInfo = document.store.video(1).info
    document.store.add_video("other.mp4", "2-def", replace(info, path="other.mp4"))
    laughter = label_id(document, "laughter")
    first = document.add_segment(1, laughter, 10, 20)
    second = document.add_segment(2, laughter, 10, 20)
    assert document.segments(video_id=1) == [first]
    assert document.segments(video_id=2) == [second]
    assert len(document.segments()) == 2


def test_a_verdict_without_a_note_has_none(document: AnnotationDocument) -> None:
    one = document.add_segment(1, label_id(document, "laughter"), 10, 20)
    document.add_review(one.id, Verdict.APPROVED)
    (review,) = document.store.reviews(one.id)
    assert (review.reviewer, review.note) == ("ana", "")


def test_views_hear_of_a_step_only_once_it_is_committed(
    qtbot, document: AnnotationDocument, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A two-segment move whose second write fails (the disk is full): nothing is stored,
    and no view heard of the first segment's move."""
    import sqlite3

    from annotator.storage.errors import StoreError

    laughter = label_id(document, "laughter")
    one, other = document.add_segment(1, laughter, 10, 20), document.add_segment(1, laughter, 30, 40)
    heard: list[object] = []
    document.segment_changed.connect(lambda old, new: heard.append(new))
    store = document.store
    update = store.update_segment
    calls: list[object] = []

    def second_fails(segment: object, expected: object = None) -> object:
        calls.append(segment)
        if len(calls) == 2:
            raise sqlite3.OperationalError("database or disk is full")
        return update(segment, expected)  # type: ignore[arg-type]

    monkeypatch.setattr(store, "update_segment", second_fails)
    with pytest.raises(StoreError, match="database or disk is full"):
        document.set_many_bounds({one.id: (11, 21), other.id: (31, 41)}, "Move 2 segments")
    assert len(calls) == 2
    assert heard == []
    assert document.segment(one.id) == one


def test_undoing_a_delete_tells_the_views_which_segment_is_back(qtbot, document: AnnotationDocument) -> None:
    one = document.add_segment(1, label_id(document, "laughter"), 10, 20)
    document.remove_segments([one.id])
    with qtbot.waitSignal(document.segment_added) as heard:
        document.undo_stack.undo()
    (back,) = heard.args
    assert (back.id, back.start_frame, back.end_frame) == (one.id, 10, 20)


def test_the_document_belongs_to_its_parent(document: AnnotationDocument) -> None:
    from PySide6.QtCore import QObject

    owner = QObject()
    child = AnnotationDocument(document.store, user="bo", parent=owner)
    assert child.parent() is owner
    assert child.user == "bo"

"""Every edit is one undoable command that writes through to SQLite before it signals."""

from dataclasses import replace

import pytest
from editing_helpers import label_id

from annotator.domain.segment import SegmentError, Verdict
from annotator.editing.annotation_document import AnnotationDocument


def state(document: AnnotationDocument) -> list[tuple[str, int, int, int, str]]:
    """What the database holds (read back through a fresh query)."""
    return [(s.id, s.label_id, s.start_frame, s.end_frame, s.note) for s in document.store.segments()]


def labels_state(document: AnnotationDocument) -> list[tuple[str, str, str, bool]]:
    return [
        (lab.name, lab.colour, lab.key, lab.archived) for lab in document.store.labels(include_archived=True)
    ]


def test_add_is_stored_before_the_signal(document: AnnotationDocument) -> None:
    seen = []
    document.segment_added.connect(lambda segment: seen.append(state(document)))
    segment = document.add_segment(1, label_id(document, "laughter"), 50, 80)
    assert seen == [[(segment.id, segment.label_id, 50, 80, "")]]
    assert segment.annotator == "ana"


def test_a_segment_added_with_a_note_keeps_it(document: AnnotationDocument) -> None:
    segment = document.add_segment(1, label_id(document, "laughter"), 50, 80, note="both laugh")
    assert state(document) == [(segment.id, segment.label_id, 50, 80, "both laugh")]
    document.undo_stack.undo()
    document.undo_stack.redo()
    assert document.segment(segment.id).note == "both laugh"


def test_bounds_are_checked_against_the_video(document: AnnotationDocument) -> None:
    with pytest.raises(SegmentError):
        document.add_segment(1, label_id(document, "laughter"), 200, 251)
    assert document.undo_stack.count() == 0


def test_undo_and_redo_of_every_kind_of_edit_restore_the_database(document: AnnotationDocument) -> None:
    laughter, driving = label_id(document, "laughter"), label_id(document, "driving")
    snapshots = [state(document)]
    a = document.add_segment(1, laughter, 10, 20)
    snapshots.append(state(document))
    b = document.add_segment(1, driving, 30, 60)
    snapshots.append(state(document))
    document.set_bounds(a.id, 11, 25)
    snapshots.append(state(document))
    document.nudge([a.id, b.id], -1, 2)
    snapshots.append(state(document))
    document.relabel([a.id], driving)
    snapshots.append(state(document))
    document.set_note(b.id, "=SUM(A1) they swap seats")
    snapshots.append(state(document))
    document.remove_segments([a.id, b.id])
    snapshots.append(state(document))
    stack = document.undo_stack
    assert stack.count() == len(snapshots) - 1
    for index in range(stack.count(), -1, -1):
        stack.setIndex(index)
        assert state(document) == snapshots[index]
    for index in range(stack.count() + 1):
        stack.setIndex(index)
        assert state(document) == snapshots[index]


def test_a_drag_merges_into_one_undo_step(document: AnnotationDocument) -> None:
    segment = document.add_segment(1, label_id(document, "laughter"), 50, 80)
    for end in range(81, 95):
        document.set_bounds(segment.id, 50, end, merge=True)
    assert document.undo_stack.count() == 2
    document.undo_stack.undo()
    stored = document.segment(segment.id)
    assert (stored.start_frame, stored.end_frame) == (50, 80)


def test_nudge_skips_a_segment_it_would_break(document: AnnotationDocument) -> None:
    laughter = label_id(document, "laughter")
    a = document.add_segment(1, laughter, 0, 5)
    b = document.add_segment(1, laughter, 10, 20)
    document.nudge([a.id, b.id], -1, 0)
    assert document.segment(a.id).start_frame == 0
    assert document.segment(b.id).start_frame == 9


def test_nudge_moves_ends_and_skips_a_segment_past_the_video_or_emptied(document: AnnotationDocument) -> None:
    laughter = label_id(document, "laughter")  # the video has 250 frames
    short = document.add_segment(1, laughter, 10, 11)
    middle = document.add_segment(1, laughter, 100, 120)
    last = document.add_segment(1, laughter, 240, 250)

    def bounds() -> list[tuple[int, int]]:
        return [
            (s.start_frame, s.end_frame)
            for s in (document.segment(i) for i in (short.id, middle.id, last.id))
        ]

    document.nudge([short.id, middle.id, last.id], 0, 2)  # the last one would end past the video
    assert bounds() == [(10, 13), (100, 122), (240, 250)]
    document.nudge([short.id, middle.id], 0, -3)  # the short one would be empty
    assert bounds() == [(10, 13), (100, 119), (240, 250)]
    document.nudge([short.id, middle.id], 3, 0)
    assert bounds() == [(10, 13), (103, 119), (240, 250)]
    depth = document.undo_stack.count()
    document.nudge([last.id], 0, 1)  # nothing could move: no step
    assert document.undo_stack.count() == depth
    document.undo_stack.undo()
    assert bounds() == [(10, 13), (100, 119), (240, 250)]


def test_label_edits_are_undoable(document: AnnotationDocument) -> None:
    before = labels_state(document)
    laughter = document.store.label(label_id(document, "laughter"))
    document.change_label(replace(laughter, name="giggle", colour="#123456"))
    document.change_label(replace(document.store.label(laughter.id), archived=True, key=""))
    ids = [lab.id for lab in document.store.labels(include_archived=True)]
    document.reorder_labels(list(reversed(ids)))
    from annotator.domain.label import Label

    document.add_label(Label("horse ride", colour="#00ff00"))
    assert labels_state(document)[-1][0] != before[-1][0]
    while document.undo_stack.canUndo():
        document.undo_stack.undo()
    assert labels_state(document) == before


def test_reviews_are_undoable_and_history_is_kept(document: AnnotationDocument) -> None:
    segment = document.add_segment(1, label_id(document, "laughter"), 50, 80)
    document.add_review(segment.id, Verdict.REJECTED, "too early")
    document.add_review(segment.id, Verdict.APPROVED)
    assert document.store.latest_reviews()[segment.id].verdict is Verdict.APPROVED
    document.undo_stack.undo()
    assert document.store.latest_reviews()[segment.id].verdict is Verdict.REJECTED
    assert len(document.store.reviews(segment.id)) == 1

"""Dragging the body of a selected segment moves the whole selection, as one undo step."""

from __future__ import annotations

from PySide6.QtCore import Qt
from timeline_helpers import click, drag, point_at


def _add(document, video_id: int, label_id: int, start: int, end: int):
    segment = document.add_segment(video_id, label_id, start, end)
    document.undo_stack.clear()
    return segment


def _bounds(store, *segments) -> list[tuple[int, int]]:
    return [(store.segment(s.id).start_frame, store.segment(s.id).end_frame) for s in segments]


def test_dragging_one_of_two_selected_segments_moves_both_and_one_undo_restores_both(
    qtbot, view, document, store, video_id, label_ids
) -> None:
    laughter, driving = label_ids["laughter"], label_ids["driving"]
    first = _add(document, video_id, laughter, 50, 80)
    second = _add(document, video_id, driving, 100, 140)
    click(qtbot, view, point_at(view, 60, laughter), Qt.KeyboardModifier.ControlModifier)
    click(qtbot, view, point_at(view, 120, driving), Qt.KeyboardModifier.ControlModifier)
    assert view.selected_segment_ids() == sorted([first.id, second.id])
    drag(qtbot, view, point_at(view, 120, driving), point_at(view, 125, driving), steps=5)
    assert _bounds(store, first, second) == [(55, 85), (105, 145)]
    assert view.selected_segment_ids() == sorted([first.id, second.id])
    assert document.undo_stack.count() == 1
    document.undo_stack.undo()
    assert _bounds(store, first, second) == [(50, 80), (100, 140)]
    assert (view.segment(first.id).start_frame, view.segment(second.id).start_frame) == (50, 100)


def test_a_group_move_past_the_end_is_clamped_for_all(
    qtbot, view, document, store, video_id, label_ids
) -> None:
    laughter, driving = label_ids["laughter"], label_ids["driving"]
    near = _add(document, video_id, laughter, 50, 80)
    end = view.scale.frame_count
    last = _add(document, video_id, driving, end - 20, end - 5)
    view.select_segments([near.id, last.id])
    drag(qtbot, view, point_at(view, 60, laughter), point_at(view, 80, laughter))
    assert _bounds(store, near, last) == [(55, 85), (end - 15, end)]


def test_a_group_move_before_the_start_is_clamped_for_all(
    qtbot, view, document, store, video_id, label_ids
) -> None:
    laughter, driving = label_ids["laughter"], label_ids["driving"]
    early = _add(document, video_id, laughter, 3, 20)
    later = _add(document, video_id, driving, 100, 140)
    view.select_segments([early.id, later.id])
    drag(qtbot, view, point_at(view, 120, driving), point_at(view, 110, driving))
    assert _bounds(store, early, later) == [(0, 17), (97, 137)]


def test_any_edge_of_the_group_snaps_to_the_playhead(
    qtbot, view, document, store, video_id, label_ids
) -> None:
    laughter, driving = label_ids["laughter"], label_ids["driving"]
    grabbed = _add(document, video_id, laughter, 50, 80)
    other = _add(document, video_id, driving, 100, 140)
    view.select_segments([grabbed.id, other.id])
    view.set_playhead(150)
    # +9 frames leaves the other segment's end one frame (4 px) short of the playhead
    drag(qtbot, view, point_at(view, 60, laughter), point_at(view, 69, laughter))
    assert _bounds(store, grabbed, other) == [(60, 90), (110, 150)]


def test_dragging_an_unselected_segment_moves_only_it(
    qtbot, view, document, store, video_id, label_ids
) -> None:
    laughter, driving = label_ids["laughter"], label_ids["driving"]
    first = _add(document, video_id, laughter, 50, 80)
    second = _add(document, video_id, driving, 100, 140)
    view.select_segments([first.id])
    drag(qtbot, view, point_at(view, 120, driving), point_at(view, 125, driving))
    assert _bounds(store, first, second) == [(50, 80), (105, 145)]
    assert view.selected_segment_ids() == [second.id]

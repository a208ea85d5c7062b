"""Creating, resizing, moving and deleting segments with real mouse and key events."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from timeline_helpers import click, drag, point_at

from annotator.domain.label import Label, LabelKind


def _add(document, video_id: int, label_id: int, start: int, end: int):
    segment = document.add_segment(video_id, label_id, start, end)
    document.undo_stack.clear()
    return segment


def test_drag_on_laughter_track_creates_exactly_one_segment(qtbot, view, store, video_id, label_ids) -> None:
    laughter = label_ids["laughter"]
    drag(qtbot, view, point_at(view, 50, laughter), point_at(view, 80, laughter))
    segments = store.segments(video_id)
    assert [(s.label_id, s.start_frame, s.end_frame) for s in segments] == [(laughter, 50, 80)]
    assert view.selected_segment_ids() == [segments[0].id]


def test_drag_right_to_left_creates_the_same_segment(qtbot, view, store, video_id, label_ids) -> None:
    driving = label_ids["driving"]
    drag(qtbot, view, point_at(view, 120, driving), point_at(view, 100, driving))
    assert [(s.label_id, s.start_frame, s.end_frame) for s in store.segments(video_id)] == [
        (driving, 100, 120)
    ]


def test_a_click_on_an_empty_track_creates_nothing(qtbot, view, store, video_id, label_ids) -> None:
    click(qtbot, view, point_at(view, 60, label_ids["laughter"]))
    assert store.segments(video_id) == []


def test_dragging_the_right_edge_by_n_frames_changes_the_end_by_n(
    qtbot, view, document, store, video_id, label_ids
) -> None:
    laughter = label_ids["laughter"]
    segment = _add(document, video_id, laughter, 50, 80)
    for delta in (7, -3, 1):
        before = store.segment(segment.id)
        drag(
            qtbot,
            view,
            point_at(view, before.end_frame, laughter),
            point_at(view, before.end_frame + delta, laughter),
        )
        after = store.segment(segment.id)
        assert (after.start_frame, after.end_frame) == (before.start_frame, before.end_frame + delta)


def test_dragging_the_left_edge_changes_only_the_start(
    qtbot, view, document, store, video_id, label_ids
) -> None:
    laughter = label_ids["laughter"]
    segment = _add(document, video_id, laughter, 50, 80)
    drag(qtbot, view, point_at(view, 50, laughter), point_at(view, 42, laughter))
    stored = store.segment(segment.id)
    assert (stored.start_frame, stored.end_frame) == (42, 80)


def test_dragging_the_body_shifts_both_bounds(qtbot, view, document, store, video_id, label_ids) -> None:
    laughter = label_ids["laughter"]
    segment = _add(document, video_id, laughter, 50, 80)
    drag(qtbot, view, point_at(view, 60, laughter), point_at(view, 72, laughter))
    stored = store.segment(segment.id)
    assert (stored.start_frame, stored.end_frame) == (62, 92)


def test_undo_after_a_drag_restores_the_bounds_in_one_step(
    qtbot, view, document, store, video_id, label_ids
) -> None:
    laughter = label_ids["laughter"]
    segment = _add(document, video_id, laughter, 50, 80)
    drag(qtbot, view, point_at(view, 80, laughter), point_at(view, 95, laughter), steps=8)
    drag(qtbot, view, point_at(view, 95, laughter), point_at(view, 99, laughter), steps=4)
    assert document.undo_stack.count() == 2  # two drags of the same segment: two steps
    document.undo_stack.undo()
    assert (store.segment(segment.id).start_frame, store.segment(segment.id).end_frame) == (50, 95)
    document.undo_stack.undo()
    assert (store.segment(segment.id).start_frame, store.segment(segment.id).end_frame) == (50, 80)
    assert view.segment(segment.id).end_frame == 80  # the item followed the undo


def test_edges_snap_to_the_playhead(qtbot, view, document, store, video_id, label_ids) -> None:
    laughter = label_ids["laughter"]
    segment = _add(document, video_id, laughter, 50, 80)
    view.set_playhead(100)
    end = point_at(view, 100, laughter) - QPoint(5, 0)  # 1.25 frames short, within the snap distance
    drag(qtbot, view, point_at(view, 80, laughter), end)
    assert store.segment(segment.id).end_frame == 100
    view.set_playhead(300)
    # the body moves by 249 frames, which leaves the start one frame (4 px) short of the playhead
    drag(qtbot, view, point_at(view, 70, laughter), point_at(view, 70 + 250, laughter) - QPoint(5, 0))
    moved = store.segment(segment.id)
    assert (moved.start_frame, moved.end_frame) == (300, 350)


def test_multi_select_and_delete_removes_both_and_undo_restores_both(
    qtbot, view, document, store, video_id, label_ids
) -> None:
    laughter, driving = label_ids["laughter"], label_ids["driving"]
    first = _add(document, video_id, laughter, 50, 80)
    second = _add(document, video_id, driving, 100, 140)
    _add(document, video_id, driving, 200, 240)
    click(qtbot, view, point_at(view, 60, laughter))
    click(qtbot, view, point_at(view, 120, driving), Qt.KeyboardModifier.ControlModifier)
    assert view.selected_segment_ids() == sorted([first.id, second.id])
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert [s.start_frame for s in store.segments(video_id)] == [200]
    assert view.selected_segment_ids() == []
    document.undo_stack.undo()
    assert [s.start_frame for s in store.segments(video_id)] == [50, 100, 200]
    assert view.segment(first.id) is not None
    assert view.segment(second.id) is not None


def test_a_drag_on_a_point_label_track_makes_a_one_frame_segment(
    qtbot, view, document, store, video_id
) -> None:
    document.add_label(Label(name="cut", colour="#ffffff", kind=LabelKind.POINT))
    cut = next(label.id for label in document.labels() if label.name == "cut")
    drag(qtbot, view, point_at(view, 40, cut), point_at(view, 60.5, cut))
    assert [(s.label_id, s.start_frame, s.end_frame) for s in store.segments(video_id)] == [(cut, 60, 61)]


def test_escape_clears_the_selection(qtbot, view, document, video_id, label_ids) -> None:
    segment = document.add_segment(video_id, label_ids["laughter"], 50, 80)
    view.select_segments([segment.id])
    view.setFocus()
    with qtbot.waitSignal(view.selection_changed):
        qtbot.keyClick(view, Qt.Key.Key_Escape)
    assert view.selected_segment_ids() == []

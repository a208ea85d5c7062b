"""The items follow the document: every edit, its undo and its redo; labels re-create tracks."""

from __future__ import annotations

import itertools
from dataclasses import replace

from PySide6.QtCore import QPoint, Qt
from timeline_helpers import drag, point_at

from annotator.domain.label import Label


def _shown(view) -> set[tuple[int, int, int]]:
    """(label, start, end) of every segment the tracks hold."""
    return {
        (label_id, s.start_frame, s.end_frame)
        for label_id in view.layout_rows.label_ids
        for s in view.tracks.index(label_id).segments()
    }


def _stored(store, video_id: int) -> set[tuple[int, int, int]]:
    return {(s.label_id, s.start_frame, s.end_frame) for s in store.segments(video_id)}


def test_items_follow_undo_and_redo_of_every_edit(qtbot, view, document, store, video_id, label_ids) -> None:
    laughter, driving = label_ids["laughter"], label_ids["driving"]
    drag(qtbot, view, point_at(view, 50, laughter), point_at(view, 80, laughter))  # add
    segment = store.segments(video_id)[0]
    drag(qtbot, view, point_at(view, 80, laughter), point_at(view, 90, laughter))  # resize
    drag(qtbot, view, point_at(view, 60, laughter), point_at(view, 70, laughter))  # move
    document.nudge([segment.id], -1, 1)
    document.relabel([segment.id], driving)
    document.remove_segments([segment.id])
    history = []
    stack = document.undo_stack
    for index in range(stack.count() + 1):
        stack.setIndex(index)
        history.append(_stored(store, video_id))
        assert _shown(view) == history[-1]
    for index in reversed(range(stack.count())):
        stack.setIndex(index)
        assert _shown(view) == _stored(store, video_id) == history[index]
    assert len(history) == 7
    assert all(a != b for a, b in itertools.pairwise(history))  # each step changed something


def test_relabel_moves_the_segment_to_the_other_track(view, document, video_id, label_ids) -> None:
    segment = document.add_segment(video_id, label_ids["laughter"], 10, 20)
    document.relabel([segment.id], label_ids["conversation"])
    assert segment.id not in view.tracks.index(label_ids["laughter"])
    assert segment.id in view.tracks.index(label_ids["conversation"])


def test_labels_changed_recreates_the_tracks(view, document, video_id, label_ids) -> None:
    segment = document.add_segment(video_id, label_ids["laughter"], 10, 20)
    laughter = document.label(label_ids["laughter"])
    with_archived = replace(laughter, archived=True)
    document.change_label(with_archived)
    assert label_ids["laughter"] not in view.layout_rows.label_ids
    document.add_label(Label(name="applause", colour="#123456"))
    names = [view.overlay.labels[label_id].name for label_id in view.layout_rows.label_ids]
    assert names[-1] == "applause"
    assert len(names) == 9
    document.undo_stack.undo()
    document.undo_stack.undo()
    assert label_ids["laughter"] in view.layout_rows.label_ids
    assert view.segment(segment.id) is not None


def test_reordering_labels_reorders_the_tracks(view, document, label_ids) -> None:
    order = list(view.layout_rows.label_ids)
    document.reorder_labels(list(reversed(order)))
    assert view.layout_rows.label_ids == list(reversed(order))
    assert view.track_rect(order[-1]).top() == view.layout_rows.tracks_top


def test_double_click_on_a_segment_activates_it(qtbot, view, document, video_id, label_ids) -> None:
    segment = document.add_segment(video_id, label_ids["laughter"], 50, 80)
    with qtbot.waitSignal(view.segment_activated) as blocker:
        qtbot.mouseDClick(
            view.viewport(), Qt.MouseButton.LeftButton, pos=point_at(view, 65, label_ids["laughter"])
        )
    assert blocker.args == [segment.id]


def test_rubber_band_selects_segments_across_tracks(qtbot, view, document, video_id, label_ids) -> None:
    inside = [
        document.add_segment(video_id, label_ids["laughter"], 50, 80),
        document.add_segment(video_id, label_ids["driving"], 70, 90),
    ]
    document.add_segment(video_id, label_ids["driving"], 300, 320)
    start = point_at(view, 40, label_ids["laughter"])
    end = point_at(view, 100, label_ids["driving"])
    with qtbot.waitSignal(view.selection_changed):
        drag(qtbot, view, start, end, modifier=Qt.KeyboardModifier.ShiftModifier)
    assert view.selected_segment_ids() == sorted(s.id for s in inside)


def test_clicks_select_and_ctrl_click_toggles(qtbot, view, document, video_id, label_ids) -> None:
    laughter = label_ids["laughter"]
    first = document.add_segment(video_id, laughter, 50, 80)
    second = document.add_segment(video_id, laughter, 100, 130)
    viewport, left, ctrl = view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.ControlModifier
    qtbot.mouseClick(viewport, left, pos=point_at(view, 60, laughter))
    qtbot.mouseClick(viewport, left, ctrl, point_at(view, 110, laughter))
    assert view.selected_segment_ids() == sorted([first.id, second.id])
    qtbot.mouseClick(viewport, left, ctrl, point_at(view, 60, laughter))
    assert view.selected_segment_ids() == [second.id]
    qtbot.mouseClick(viewport, left, pos=point_at(view, 500, laughter))
    assert view.selected_segment_ids() == []


def test_the_cursor_shows_what_a_drag_would_do(qtbot, view, document, video_id, label_ids) -> None:
    laughter = label_ids["laughter"]
    document.add_segment(video_id, laughter, 50, 80)
    qtbot.mouseMove(view.viewport(), point_at(view, 80, laughter) + QPoint(2, 0))
    assert view.viewport().cursor().shape() == Qt.CursorShape.SizeHorCursor
    qtbot.mouseMove(view.viewport(), point_at(view, 65, laughter))
    assert view.viewport().cursor().shape() == Qt.CursorShape.OpenHandCursor

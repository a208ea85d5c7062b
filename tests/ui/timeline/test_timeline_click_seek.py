"""A plain click on empty track or lane space seeks; a drag there still creates or selects."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from timeline_helpers import click, drag, point_at


def _lane_point(view, frame: float) -> QPoint:
    return view.mapFromScene(QPointF(view.scale.x(frame), view.layout_rows.waveform_top + 20))


def test_a_click_on_empty_track_space_seeks_and_clears_the_selection(
    qtbot, view, document, store, video_id, label_ids
) -> None:
    laughter = label_ids["laughter"]
    segment = document.add_segment(video_id, laughter, 100, 140)
    view.select_segments([segment.id])
    with qtbot.waitSignal(view.seek_requested) as blocker:
        click(qtbot, view, point_at(view, 40.5, laughter))
    assert blocker.args == [40]
    assert view.selected_segment_ids() == []
    assert [s.id for s in store.segments(video_id)] == [segment.id]  # nothing created


def test_a_click_on_a_lane_seeks(qtbot, view) -> None:
    with qtbot.waitSignal(view.seek_requested) as blocker:
        click(qtbot, view, _lane_point(view, 77.5))
    assert blocker.args == [77]


def test_a_drag_on_empty_track_space_creates_a_segment_and_does_not_seek(
    qtbot, view, store, video_id, label_ids
) -> None:
    laughter = label_ids["laughter"]
    with qtbot.assertNotEmitted(view.seek_requested):
        drag(qtbot, view, point_at(view, 40, laughter), point_at(view, 60, laughter))
    assert [(s.start_frame, s.end_frame) for s in store.segments(video_id)] == [(40, 60)]


def test_a_click_on_a_segment_selects_it_and_does_not_seek(
    qtbot, view, document, video_id, label_ids
) -> None:
    laughter = label_ids["laughter"]
    segment = document.add_segment(video_id, laughter, 50, 80)
    with qtbot.assertNotEmitted(view.seek_requested):
        click(qtbot, view, point_at(view, 65, laughter))
    assert view.selected_segment_ids() == [segment.id]


def test_a_ctrl_click_on_empty_track_space_keeps_the_selection_and_does_not_seek(
    qtbot, view, document, video_id, label_ids
) -> None:
    laughter = label_ids["laughter"]
    segment = document.add_segment(video_id, laughter, 50, 80)
    view.select_segments([segment.id])
    with qtbot.assertNotEmitted(view.seek_requested):
        click(qtbot, view, point_at(view, 120.5, laughter), Qt.KeyboardModifier.ControlModifier)
    assert view.selected_segment_ids() == [segment.id]

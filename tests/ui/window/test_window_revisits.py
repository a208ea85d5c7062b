"""While coding: an open segment grows on its track as the video moves; each video comes
back at the frame and zoom the user left it at."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QImage
from window_helpers import press, wait_for_frame

from annotator.domain.label import Vocabulary
from annotator.media.synthetic import make_numbered_clip
from annotator.project.project import Project
from annotator.resources import vocabulary_path
from annotator.ui.app_settings import AppSettings
from annotator.ui.main_window import MainWindow

RIGHT = Qt.Key.Key_Right


def _pixel(window: MainWindow, scene_x: float, scene_y: float) -> tuple[int, int, int]:
    timeline = window.views.timeline
    image = timeline.viewport().grab().toImage().convertToFormat(QImage.Format.Format_RGB888)
    point = timeline.mapFromScene(QPointF(scene_x, scene_y))
    rows = np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), image.bytesPerLine())
    return tuple(int(v) for v in rows[point.y(), point.x() * 3 : point.x() * 3 + 3])


def test_an_open_segment_grows_on_its_track_until_it_is_closed(qtbot, window: MainWindow) -> None:
    timeline = window.views.timeline
    animal = window.workspace.project.store.label_by_name("animal interaction").id
    window.workspace.seek(10)
    wait_for_frame(qtbot, window, 10)
    track = timeline.track_rect(animal)
    empty = _pixel(window, timeline.scale.x(14.5), track.center().y())
    press(qtbot, window, Qt.Key.Key_3)
    assert timeline.open_segments.bars() == {animal: (10, 11)}  # one frame as soon as it opens
    for _ in range(5):
        press(qtbot, window, RIGHT)
    wait_for_frame(qtbot, window, 15)
    assert timeline.open_segments.bars() == {animal: (10, 15)}
    assert timeline.open_segments.bar_rect(animal) == timeline.track_rect(animal, 10, 15).adjusted(
        0, 2, 0, -2
    )
    qtbot.wait(30)
    drawn = _pixel(window, timeline.scale.x(14.5), track.center().y())
    assert drawn != empty  # on screen, not only in the item
    after = _pixel(window, timeline.scale.x(16.5), track.center().y())
    assert after == empty  # it ends at the playhead
    press(qtbot, window, Qt.Key.Key_3)
    assert timeline.open_segments.bars() == {}
    assert [(s.start_frame, s.end_frame) for s in window.workspace.project.store.segments()] == [(10, 15)]
    press(qtbot, window, Qt.Key.Key_3)
    press(qtbot, window, Qt.Key.Key_Escape)  # dropped: the bar goes too
    assert timeline.open_segments.bars() == {}


def test_switching_videos_brings_back_the_playhead_and_the_zoom(
    qtbot, open_window, settings: AppSettings, tmp_path: Path, clip_25fps: Path
) -> None:
    directory = tmp_path / "two"
    second = make_numbered_clip(tmp_path / "second.mp4", frames=60)
    with Project.create(directory, Vocabulary.load(vocabulary_path("state-tv"))) as project:
        project.add_video(clip_25fps)
        project.add_video(second)
    window: MainWindow = open_window(settings, directory, 100)
    timeline = window.views.timeline
    press(qtbot, window, RIGHT, Qt.KeyboardModifier.ShiftModifier)  # one second: frame 25
    for _ in range(3):
        press(qtbot, window, RIGHT)
    wait_for_frame(qtbot, window, 28)
    fitted = timeline.pixels_per_frame()
    press(qtbot, window, Qt.Key.Key_Plus)
    press(qtbot, window, Qt.Key.Key_Plus)
    zoomed = timeline.pixels_per_frame()
    scrolled = timeline.horizontalScrollBar().value()
    assert zoomed > fitted
    assert scrolled > 0
    picker = window.video_picker
    picker.setFocus()
    qtbot.keyClick(picker, Qt.Key.Key_Down)  # the toolbar's video box: the second video
    qtbot.waitUntil(lambda: window.workspace.engine.frame_count == 60, timeout=10_000)
    wait_for_frame(qtbot, window, 0)  # a video never shown starts at its first frame
    assert timeline.pixels_per_frame() != zoomed  # fitted to this video
    window.activateWindow()
    window.views.timeline.setFocus()
    for _ in range(7):
        press(qtbot, window, RIGHT)
    wait_for_frame(qtbot, window, 7)
    picker.setFocus()
    qtbot.keyClick(picker, Qt.Key.Key_Up)
    qtbot.waitUntil(lambda: window.workspace.engine.frame_count == 100, timeout=10_000)
    wait_for_frame(qtbot, window, 28)
    assert timeline.pixels_per_frame() == zoomed
    assert timeline.horizontalScrollBar().value() == scrolled
    window.video_list.select_video(window.workspace.project.store.videos()[1].id)  # the list too
    qtbot.waitUntil(lambda: window.workspace.engine.frame_count == 60, timeout=10_000)
    wait_for_frame(qtbot, window, 7)

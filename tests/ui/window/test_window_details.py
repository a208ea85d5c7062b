"""What a new user trips over in the window: the note column, the track headers' keys, the
"no audio" lane, elided status texts, a toolbar that stays put, Undo without a project."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QHelpEvent, QImage
from PySide6.QtWidgets import QApplication, QToolBar, QToolTip
from window_helpers import press, wait_for_frame

from annotator.domain.label import Vocabulary
from annotator.media.synthetic import make_numbered_clip
from annotator.project.project import Project
from annotator.resources import vocabulary_path
from annotator.ui.app_settings import AppSettings
from annotator.ui.main_window import MainWindow
from annotator.ui.segment_table_model import ANNOTATOR, NOTE
from annotator.ui.timeline.timeline_layout import HEADER_WIDTH_PX, WAVEFORM_HEIGHT_PX

LONG_NOTE = "the second car arrives, the horse turns its head towards the camera and the guests laugh"


def _code_segment(qtbot, window: MainWindow, key: Qt.Key, start: int, frames: int) -> None:
    window.workspace.seek(start)
    wait_for_frame(qtbot, window, start)
    press(qtbot, window, key)
    for _ in range(frames):
        press(qtbot, window, Qt.Key.Key_Right)
    wait_for_frame(qtbot, window, start + frames)
    press(qtbot, window, key)


def test_the_note_column_takes_the_spare_width_and_shows_the_note_on_hover(qtbot, window: MainWindow) -> None:
    window.setGeometry(0, 0, 1366, 768)
    window.apply_default_layout()  # the smallest screen the layout is made for
    qtbot.waitUntil(lambda: window.table_dock.width() > 600)
    _code_segment(qtbot, window, Qt.Key.Key_2, 10, 4)
    segment = window.workspace.project.store.segments()[0]
    window.workspace.document.set_note(segment.id, LONG_NOTE)
    table = window.views.table.table
    header = table.horizontalHeader()
    widths = [header.sectionSize(column) for column in range(header.count())]
    assert sum(widths) == table.viewport().width()  # the note column takes the spare width
    assert widths[NOTE] >= 100  # (at 1366x768, the smallest screen)
    assert widths[NOTE] > widths[ANNOTATOR]
    assert not table.wordWrap()
    cell = table.visualRect(window.views.table.proxy.index(0, NOTE)).center()
    viewport = table.viewport()
    qtbot.mouseMove(viewport, cell)
    QApplication.sendEvent(viewport, QHelpEvent(QEvent.Type.ToolTip, cell, viewport.mapToGlobal(cell)))
    qtbot.waitUntil(lambda: QToolTip.text() == LONG_NOTE)
    QToolTip.hideText()


def test_track_headers_show_each_labels_key(window: MainWindow) -> None:
    texts = [text for _top, _height, text, _colour in window.views.timeline.overlay.header_rows()]
    assert texts[:6] == [
        "Video",
        "Audio",
        "Loudness, speech",
        "1  driver swap",
        "2  laughter",
        "3  animal interaction",
    ]
    store = window.workspace.project.store
    window.views.vocabulary.set_key(store.label_by_name("animal interaction"), "")
    texts = [text for _top, _height, text, _colour in window.views.timeline.overlay.header_rows()]
    assert "animal interaction" in texts


def _lane_note_pixels(window: MainWindow) -> int:
    """Pixels of the audio lane's note colour at the lane's left end, on screen."""
    timeline = window.views.timeline
    image = timeline.viewport().grab().toImage().convertToFormat(QImage.Format.Format_RGB888)
    rows = np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), image.bytesPerLine())
    pixels = rows[:, : image.width() * 3].reshape(image.height(), image.width(), 3)
    top = round(timeline.mapFromScene(0, timeline.layout_rows.waveform_top).y())
    lane = pixels[top : top + WAVEFORM_HEIGHT_PX, HEADER_WIDTH_PX + 8 : HEADER_WIDTH_PX + 90].astype(int)
    grey = (abs(lane[..., 0] - lane[..., 1]) < 12) & (lane[..., 0] > 100)  # light grey text on dark
    return int(grey.sum())


def test_a_video_without_sound_says_no_audio_in_its_lane(
    qtbot, open_window, settings: AppSettings, tmp_path: Path, window: MainWindow
) -> None:
    assert window.views.timeline.overlay.audio_note == ""  # this clip has sound
    window.views.timeline.set_waveform(None)
    qtbot.wait(50)
    assert _lane_note_pixels(window) == 0
    directory = tmp_path / "silent"
    clip = make_numbered_clip(tmp_path / "silent.mp4", frames=40)
    with Project.create(directory, Vocabulary.load(vocabulary_path("state-tv"))) as project:
        project.add_video(clip)
    silent = open_window(settings, directory, 40)
    assert silent.views.timeline.overlay.audio_note == "no audio"
    qtbot.waitUntil(lambda: _lane_note_pixels(silent) > 20)


def test_status_texts_are_elided_on_one_line(qtbot, window: MainWindow) -> None:
    width = window.width()
    line = window.status_line
    one_line = line.height()
    message = "/media/footage/" + "very-long-folder-name/" * 20 + "clip.mp4: moov atom not found\nsecond line"
    window.workspace.show_message(message, 5000)
    qtbot.wait(20)
    assert window.width() == width
    assert line.height() == one_line
    assert line.shown_text().endswith("…")
    assert "\n" not in line.text()
    assert "second line" in line.toolTip()
    coding = window.coding_label
    for key in (Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_3, Qt.Key.Key_4, Qt.Key.Key_5, Qt.Key.Key_6):
        press(qtbot, window, key)  # six open segments: a long text
    assert "driving from 0" in coding.text()
    assert window.width() == width
    assert coding.height() == one_line


def _button_positions(window: MainWindow) -> dict[str, int]:
    toolbar = window.findChild(QToolBar)
    positions = {action.iconText(): toolbar.widgetForAction(action).x() for action in toolbar.actions()}
    positions["video box"] = window.video_picker.mapTo(toolbar, QPoint(0, 0)).x()
    return positions


def test_toolbar_buttons_do_not_move_when_the_undo_text_changes(qtbot, window: MainWindow) -> None:
    before = _button_positions(window)
    _code_segment(qtbot, window, Qt.Key.Key_2, 10, 3)
    undo = window.keys.actions["Undo"]
    assert undo.text() == "Undo Add segment 10-13"  # the menu's text
    assert undo.toolTip() == "Undo Add segment 10-13"
    qtbot.wait(20)
    assert _button_positions(window) == before
    press(qtbot, window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.keys.actions["Redo"].text() == "Redo Add segment 10-13"
    assert _button_positions(window) == before


def test_undo_and_redo_are_disabled_without_a_project(
    qtbot, settings: AppSettings, project_dir: Path
) -> None:
    window = MainWindow(settings=settings, ask_names=False)
    qtbot.addWidget(window)
    window.show()
    undo, redo = window.keys.actions["Undo"], window.keys.actions["Redo"]
    assert not undo.isEnabled()
    assert not redo.isEnabled()
    assert window.project_actions.open_project(project_dir)
    qtbot.waitUntil(lambda: window.workspace.engine.frame_count == 100, timeout=60_000)
    qtbot.waitUntil(lambda: not window.runner.running, timeout=60_000)
    _code_segment(qtbot, window, Qt.Key.Key_2, 10, 3)
    assert undo.isEnabled()
    window.workspace.close_project()
    assert not undo.isEnabled()
    assert not redo.isEnabled()
    window.close()

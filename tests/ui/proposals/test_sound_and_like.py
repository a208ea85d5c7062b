"""The sound lane (loudness and speech under the waveform), "More like this" from the
vocabulary panel (how many examples it learned from), and review mode queueing proposals."""

from __future__ import annotations

from analysis_clips import BURST_S, SPEECH_FROM_S
from proposal_helpers import (
    LEFT,
    analyze,
    focus_timeline,
    label_id,
    press,
    proposals,
    select_vocabulary_label,
    timeline_pixels,
    viewport_point,
)
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox

from annotator.domain.segment import Source
from annotator.ui.main_window import MainWindow
from annotator.ui.timeline.analysis_lanes import NOT_ANALYSED

FPS = 25


def sound_video(qtbot, window: MainWindow) -> None:
    store = window.workspace.project.store
    window.workspace.select_video(next(v.id for v in store.videos() if v.name == "sounds.mp4"))
    qtbot.waitUntil(lambda: window.workspace.engine.frame_count == 12 * FPS, timeout=10_000)
    qtbot.waitUntil(lambda: not window.runner.running, timeout=60_000)


def lane_row(window: MainWindow, pixels, frame: float):
    """The sound lane's column of pixels at ``frame``, RGB ints."""
    timeline = window.views.timeline
    top = round(timeline.mapFromScene(0, timeline.layout_rows.sound_top).y())
    x = viewport_point(window, frame, 0).x()
    return pixels[top + 1 : top + 21, x].astype(int)


def is_green(column) -> bool:
    r, g, b = column[:, 0], column[:, 1], column[:, 2]
    return bool(((g > r + 30) & (g > b + 30)).any())


def is_orange(column) -> bool:
    r, g, b = column[:, 0], column[:, 1], column[:, 2]
    return bool(((r > 150) & (r > g + 20) & (g > b + 40)).any())


def test_the_sound_lane_shows_loudness_speech_and_loud_bursts(qtbot, window: MainWindow) -> None:
    sound_video(qtbot, window)
    timeline = window.views.timeline
    assert timeline.overlay.sound_note == NOT_ANALYSED
    analyze(qtbot, window)
    assert timeline.overlay.sound_note == ""
    qtbot.wait(50)
    pixels = timeline_pixels(window)
    silent = lane_row(window, pixels, 1.0 * FPS)
    speaking = lane_row(window, pixels, (SPEECH_FROM_S + 1.0) * FPS)
    burst = lane_row(window, pixels, sum(BURST_S) / 2 * FPS)
    assert not is_green(silent)
    assert not (silent > 120).any()  # digital silence: no loudness drawn
    assert is_green(speaking)
    assert (speaking > 180).all(axis=1).any()  # the loudness curve over the tint
    assert is_orange(burst)
    assert not is_orange(speaking)


def test_more_like_this_learns_from_the_labels_segments(qtbot, window: MainWindow) -> None:
    sound_video(qtbot, window)
    start, end = (round(s * FPS) for s in BURST_S)
    focus_timeline(qtbot, window)
    for frame in (start, end):  # the laughter key (2) at the burst's start and end
        window.workspace.seek(frame)
        qtbot.waitUntil(lambda f=frame: window.workspace.engine.current_frame == f, timeout=5000)
        press(qtbot, window, Qt.Key.Key_2)
    laughter = label_id(window, "laughter")
    assert [(s.start_frame, s.end_frame) for s in window.workspace.document.segments()] == [(start, end)]
    select_vocabulary_label(qtbot, window, "laughter")
    button = window.views.vocabulary.buttons["More like this"]
    with qtbot.waitSignal(window.analysis.run_finished, timeout=120_000) as finished:
        qtbot.mouseClick(button, LEFT)
        assert "learning from 1 example" in window.progress.format()
    assert finished.args[0].startswith("More like “laughter”: learned from 1 example: ")
    found = proposals(window, "laughter")
    assert 0 < len(found) <= 10
    assert f"{len(found)} new proposals" in finished.args[0]
    assert all(s.attributes["proposed_by"] == "like" and s.source == Source.PROPOSAL for s in found)
    assert all(s.label_id == laughter for s in found)
    video = window.workspace.video.id
    assert not [s for s in found if s.video_id == video and s.start_frame < end and start < s.end_frame]
    assert window.workspace.document.undo_stack.undoText() == f"Add {len(found)} proposals"


def test_more_like_this_needs_coded_examples(qtbot, window: MainWindow) -> None:
    select_vocabulary_label(qtbot, window, "driving")
    qtbot.mouseClick(window.views.vocabulary.buttons["More like this"], LEFT)
    assert "no segment is coded 'driving' yet" in window.status_line.text()
    assert not window.runner.running


def test_review_mode_can_queue_only_proposals(qtbot, window: MainWindow) -> None:
    analyze(qtbot, window)
    document = window.workspace.document
    document.add_segment(window.workspace.video.id, label_id(window, "driving"), 10, 20)
    press(qtbot, window, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    session = window.review.session
    assert len(session.queue) == 1  # proposals left out by default
    combo = window.review.panel.filter_bar.proposals
    choose(qtbot, combo, "include")
    assert len(session.queue) == 1 + len(proposals(window))
    choose(qtbot, combo, "only")
    assert sorted(session.queue) == sorted(s.id for s in proposals(window))


def choose(qtbot, combo: QComboBox, text: str) -> None:
    """Open the combo box with the mouse and click the item (its keys are review keys)."""
    qtbot.mouseClick(combo, LEFT)
    view = combo.view()
    qtbot.waitUntil(view.isVisible)
    rect = view.visualRect(combo.model().index(combo.findText(text), 0))
    qtbot.mouseMove(view.viewport(), rect.center())
    # a release this soon after the press that opened the popup is taken as part of that click
    qtbot.wait(QApplication.doubleClickInterval() + 50)
    qtbot.mouseClick(view.viewport(), LEFT, pos=rect.center())
    qtbot.waitUntil(lambda: combo.currentText() == text)

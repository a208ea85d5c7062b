"""Analyze ▸ this video / all videos: in the background with a progress bar and Cancel;
what it finds is added through the document as one undoable step, and the timeline shows
the shot boundaries (ruler and filmstrip) and the sound lane."""

from __future__ import annotations

import time

import numpy as np
from analysis_clips import HARD_CUT
from proposal_helpers import analyze, proposals, timeline_pixels, viewport_point
from PySide6.QtCore import Qt

from annotator.analysis.results import ShotKind
from annotator.ui.main_window import MainWindow
from annotator.ui.status_widgets import TaskCancelButton
from annotator.ui.timeline.timeline_layout import RULER_HEIGHT_PX


def _yellow(pixels: np.ndarray) -> np.ndarray:
    r, g, b = (pixels[..., i].astype(int) for i in range(3))
    return (r > 200) & (g > 170) & (b < 90)


def test_analyzing_runs_in_the_background_and_adds_proposals_as_one_step(qtbot, window: MainWindow) -> None:
    document = window.workspace.document
    steps = document.undo_stack.count()
    started = time.monotonic()
    window.keys.actions["Analyze this video"].trigger()
    assert time.monotonic() - started < 1.0  # handed to the pool: the GUI thread goes on
    assert window.progress.isVisible()
    assert window.progress.format().startswith("Analyzing shots.mp4")
    cancel = window.findChild(TaskCancelButton)
    assert cancel.isVisible()
    qtbot.waitUntil(lambda: not window.analysis.running, timeout=120_000)
    assert not cancel.isVisible()
    shots = proposals(window, "shot")
    assert [s.start_frame for s in shots][:2] == [0, HARD_CUT]
    assert len(shots) == 4
    assert document.undo_stack.count() == steps + 1
    assert document.undo_stack.undoText() == "Add 4 proposals"
    document.undo_stack.undo()
    assert proposals(window) == []
    document.undo_stack.redo()
    assert len(proposals(window, "shot")) == 4
    analysis = window.analysis.analysis(window.workspace.video.id)
    assert window.views.timeline.shot_frames() == [b.frame for b in analysis.shots]
    assert any(b.kind == ShotKind.GRADUAL for b in analysis.shots)


def test_shot_boundaries_are_ticks_on_the_ruler_and_the_filmstrip(qtbot, window: MainWindow) -> None:
    timeline = window.views.timeline
    before = timeline_pixels(window)
    analyze(qtbot, window)
    qtbot.wait(50)
    after = timeline_pixels(window)
    x = viewport_point(window, HARD_CUT, 0).x()
    ruler = slice(RULER_HEIGHT_PX - 9, RULER_HEIGHT_PX)
    film_y = round(timeline.mapFromScene(0, timeline.layout_rows.filmstrip_top + 20).y())
    assert not _yellow(before[ruler, x - 1 : x + 2]).any()
    assert _yellow(after[ruler, x - 1 : x + 2]).any()
    assert _yellow(after[film_y, x - 1 : x + 2]).any()
    between = viewport_point(window, HARD_CUT / 2, 0).x()
    assert not _yellow(after[ruler, between - 3 : between + 3]).any()
    assert not _yellow(after[film_y, between - 3 : between + 3]).any()


def test_cancel_stops_the_analysis_and_adds_nothing(qtbot, window: MainWindow) -> None:
    document = window.workspace.document
    steps = document.undo_stack.count()
    with qtbot.waitSignal(window.analysis.run_finished, timeout=120_000) as finished:
        window.keys.actions["Analyze all videos"].trigger()
        cancel = window.findChild(TaskCancelButton)
        assert cancel.isVisible()
        qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    assert "cancelled, nothing was added" in finished.args[0]
    qtbot.waitUntil(lambda: not window.runner.running, timeout=30_000)
    assert proposals(window) == []
    assert document.undo_stack.count() == steps
    assert not window.progress.isVisible()

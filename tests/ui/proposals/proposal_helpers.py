"""Driving the analysis, shot and proposal parts of the real window."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QImage

from annotator.domain.segment import Segment, Source
from annotator.ui.main_window import MainWindow

NO_MODIFIER = Qt.KeyboardModifier.NoModifier


def analyze(qtbot, window: MainWindow, action: str = "Analyze this video") -> None:
    """Pick the Analyze menu's action (as a click on it does) and wait for the run to end."""
    with qtbot.waitSignal(window.analysis.run_finished, timeout=120_000):
        window.keys.actions[action].trigger()
    qtbot.waitUntil(lambda: not window.runner.running, timeout=30_000)


def press(qtbot, window: MainWindow, key: Qt.Key, modifier: Qt.KeyboardModifier = NO_MODIFIER) -> None:
    """A key as the user presses it: to the widget that has the focus."""
    target = window.focusWidget() or window
    qtbot.keyClick(target, key, modifier)


def proposals(window: MainWindow, label: str | None = None) -> list[Segment]:
    store = window.workspace.project.store
    label_id = store.label_by_name(label).id if label is not None else None
    return sorted(
        (s for s in store.segments() if s.source == Source.PROPOSAL and label_id in (None, s.label_id)),
        key=lambda s: (s.video_id, s.start_frame),
    )


def label_id(window: MainWindow, name: str) -> int:
    label = window.workspace.project.store.label_by_name(name)
    assert label is not None
    assert label.id is not None
    return label.id


def timeline_pixels(window: MainWindow) -> np.ndarray:
    """The timeline's viewport as it is on screen, RGB rows."""
    image = window.views.timeline.viewport().grab().toImage().convertToFormat(QImage.Format.Format_RGB888)
    rows = np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), image.bytesPerLine())
    return rows[:, : image.width() * 3].reshape(image.height(), image.width(), 3).copy()


def viewport_point(window: MainWindow, frame: float, scene_y: float) -> QPoint:
    timeline = window.views.timeline
    return timeline.mapFromScene(QPointF(timeline.scale.x(frame), scene_y))


def track_point(window: MainWindow, label: str, frame: float) -> QPoint:
    timeline = window.views.timeline
    return viewport_point(window, frame, timeline.track_rect(label_id(window, label)).center().y())


LEFT = Qt.MouseButton.LeftButton


def drag(qtbot, window: MainWindow, start: QPoint, end: QPoint, steps: int = 5) -> None:
    """A left-button drag on the timeline's viewport, in ``steps`` mouse moves."""
    viewport = window.views.timeline.viewport()
    qtbot.mousePress(viewport, LEFT, NO_MODIFIER, start)
    for step in range(1, steps + 1):
        x = start.x() + (end.x() - start.x()) * step // steps
        qtbot.mouseMove(viewport, QPoint(x, start.y() + (end.y() - start.y()) * step // steps))
    qtbot.mouseRelease(viewport, LEFT, NO_MODIFIER, end)


def select_vocabulary_label(qtbot, window: MainWindow, name: str) -> None:
    """Bring the Vocabulary tab forward and click the label's row."""
    window.vocabulary_dock.raise_()
    panel = window.views.vocabulary
    qtbot.waitUntil(panel.list.isVisible)
    row = next(i for i in range(panel.list.count()) if panel.list.item(i).text().endswith(f"  {name}"))
    rect = panel.list.visualItemRect(panel.list.item(row))
    qtbot.mouseClick(panel.list.viewport(), LEFT, NO_MODIFIER, rect.center())
    assert panel.selected_label().name == name


def focus_timeline(qtbot, window: MainWindow) -> None:
    """Where the keys go while annotating (the user clicked into it)."""
    window.activateWindow()
    window.views.timeline.setFocus()
    qtbot.waitUntil(lambda: window.focusWidget() is window.views.timeline)

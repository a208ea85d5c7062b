"""The window's arrangement: video large at the top, the table beside it, the timeline across
the full width at the bottom; sensible at three screen sizes; the user's own arrangement
restored as it was left (dragged with the mouse, compared after reopening)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QWidget

from annotator.ui.app_settings import AppSettings
from annotator.ui.main_window import MainWindow
from annotator.ui.timeline.timeline_layout import RULER_HEIGHT_PX
from annotator.ui.window_layout import default_layout

LEFT = Qt.MouseButton.LeftButton
NO_MODIFIER = Qt.KeyboardModifier.NoModifier
SIZES = [(1366, 768), (1920, 1080), (2560, 1440)]


def _in_window(window: MainWindow, widget: QWidget) -> QRect:
    return QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())


def _sized_window(qtbot, settings: AppSettings, project_dir: Path, size: tuple[int, int]) -> MainWindow:
    window = MainWindow(settings=settings, ask_names=False)
    qtbot.addWidget(window)
    window.setGeometry(0, 0, *size)  # as on a screen of that size (the first run fills it)
    window.show()
    qtbot.waitExposed(window)
    assert window.project_actions.open_project(project_dir)
    qtbot.waitUntil(lambda: not window.runner.running, timeout=60_000)
    qtbot.waitUntil(lambda: window.workspace.engine.frame_count == 100, timeout=5000)
    return window


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_default_layout_puts_the_video_large_the_table_beside_and_the_timeline_along_the_bottom(
    qtbot, settings: AppSettings, project_dir: Path, size: tuple[int, int]
) -> None:
    width, height = size
    window = _sized_window(qtbot, settings, project_dir, size)
    assert window.size().width() == width
    timeline = window.views.timeline
    video = _in_window(window, window.player_panel.view)
    table = _in_window(window, window.table_dock)
    bottom = _in_window(window, window.timeline_dock)
    assert bottom.left() <= 2
    assert bottom.right() >= width - 3
    assert bottom.top() >= video.bottom()  # under the video
    assert table.left() >= video.right()
    assert table.bottom() <= bottom.top()
    assert video.height() >= 0.38 * height
    assert video.width() >= 0.45 * width
    expected = default_layout(QRect(0, 0, width, height))
    assert abs(bottom.height() - expected.timeline_height_px) <= 12
    assert abs(table.width() - expected.table_width_px) <= 12
    assert not window.video_dock.isVisible()  # the toolbar's video box picks the video
    assert window.video_picker.isVisible()
    assert window.video_picker.currentText() == "numbered_25.mp4"
    if height >= 1080:  # every track and both lanes in view, without scrolling
        assert timeline.viewport().height() >= RULER_HEIGHT_PX + timeline.layout_rows.bottom
    window.close()


def _drag(qtbot, window: MainWindow, start: QPoint, end: QPoint) -> None:
    """Drag a dock separator with the mouse (the window moves it on a zero timer: let it run)."""
    qtbot.mousePress(window, LEFT, NO_MODIFIER, start)
    for step in range(1, 6):
        qtbot.mouseMove(window, start + (end - start) * step / 5)
        qtbot.wait(5)
    qtbot.mouseRelease(window, LEFT, NO_MODIFIER, end)


def test_the_users_own_arrangement_is_restored_as_it_was_left(
    qtbot, settings: AppSettings, project_dir: Path
) -> None:
    # within the test screen (800x800), so that restoring the geometry needs no clamping
    window = _sized_window(qtbot, settings, project_dir, (790, 760))
    window.video_dock.toggleViewAction().trigger()  # View ▸ Videos
    qtbot.waitUntil(window.video_dock.isVisible)
    before_timeline = window.timeline_dock.height()
    before_table = window.table_dock.width()
    # drag the separator above the timeline up 80 px, the one left of the table left 60 px
    bottom = _in_window(window, window.timeline_dock)
    above = QPoint(bottom.center().x(), bottom.top() - 2)
    _drag(qtbot, window, above, above - QPoint(0, 80))
    table = _in_window(window, window.table_dock)
    beside = QPoint(table.left() - 2, table.center().y())
    _drag(qtbot, window, beside, beside - QPoint(60, 0))
    arranged = (window.timeline_dock.height(), window.table_dock.width())
    assert abs(arranged[0] - (before_timeline + 80)) <= 6
    assert arranged[1] >= before_table + 20  # (the video list gave up some of it)
    window.close()

    again = MainWindow(settings=AppSettings(project_dir.parent / "settings.ini"), ask_names=False)
    qtbot.addWidget(again)
    again.show()
    qtbot.waitExposed(again)
    assert again.project_actions.open_project(project_dir)
    qtbot.waitUntil(lambda: not again.runner.running, timeout=60_000)
    assert (again.width(), again.height()) == (790, 760)  # a first run fills the screen: 800x800
    assert again.video_dock.isVisible()
    assert abs(again.timeline_dock.height() - arranged[0]) <= 3
    assert abs(again.table_dock.width() - arranged[1]) <= 3
    again.close()

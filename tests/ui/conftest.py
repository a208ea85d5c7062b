"""Opening the real main window on a project, shared by the window and review tests."""

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from annotator.ui.app_settings import AppSettings
from annotator.ui.main_window import MainWindow


@pytest.fixture
def open_window(qtbot) -> Iterator[Callable[[AppSettings, Path, int], MainWindow]]:
    """``open_window(settings, project_dir, frames)``: the window shown on the project,
    its background media work done and the first video (of ``frames`` frames) loaded;
    closed after the test."""
    opened: list[MainWindow] = []

    def open_(settings: AppSettings, project_dir: Path, frames: int) -> MainWindow:
        window = MainWindow(settings=settings, ask_names=False)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()
        assert window.project_actions.open_project(project_dir)
        qtbot.waitUntil(lambda: not window.runner.running, timeout=60_000)
        qtbot.waitUntil(lambda: window.workspace.engine.frame_count == frames, timeout=5000)
        opened.append(window)
        return window

    yield open_
    for window in opened:
        window.close()

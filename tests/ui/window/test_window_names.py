"""Opening a project asks the annotator's name once (the same prompt review mode uses for the
reviewer's, ``Workspace.user_name``), through a patched QInputDialog, never a real one."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog
from window_helpers import wait_for_frame

from annotator.ui.app_settings import AppSettings
from annotator.ui.main_window import MainWindow


def test_the_annotator_name_is_asked_once_and_stored_with_segments(
    qtbot, settings: AppSettings, project_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings.annotator_name = ""
    answers = [("ignored", False), ("  Ana Annotator ", True)]
    asked: list[tuple[str, str]] = []

    def get_text(_parent, title: str, label: str, *_args):
        asked.append((title, label))
        return answers.pop(0)

    monkeypatch.setattr(QInputDialog, "getText", get_text)
    window = MainWindow(settings=settings, ask_names=True)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    assert window.project_actions.open_project(project_dir)  # cancelled: no name, asked again next time
    assert window.workspace.document is not None
    assert window.workspace.document.user == ""
    assert settings.annotator_name == ""
    assert window.project_actions.open_project(project_dir)
    assert asked == [("Annotator", "Your name (stored with every segment you code):")] * 2
    assert window.workspace.document.user == "Ana Annotator"
    assert AppSettings(tmp_path / "settings.ini").annotator_name == "Ana Annotator"  # on disk too
    assert window.project_actions.open_project(project_dir)
    assert len(asked) == 2  # remembered

    qtbot.waitUntil(lambda: window.workspace.engine.frame_count == 100, timeout=60_000)
    window.workspace.seek(10)
    wait_for_frame(qtbot, window, 10)
    qtbot.keyClick(window, Qt.Key.Key_2)
    window.workspace.seek(20)
    wait_for_frame(qtbot, window, 20)
    qtbot.keyClick(window, Qt.Key.Key_2)
    assert [s.annotator for s in window.workspace.project.store.segments()] == ["Ana Annotator"]
    window.runner.wait(60_000)
    window.close()

"""Who the edits are stored as: the project shows first, then the name prompt (the login
name offered); cancelled, the login name is used and shown, never an empty name; Edit ▸
Settings changes it later; the reviewer prompt offers the annotator's name. Real dialogs,
answered with keys and the mouse."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QInputDialog, QLineEdit, QWidget
from window_helpers import press, wait_for_frame

from annotator.ui.app_settings import AppSettings, login_name
from annotator.ui.main_window import MainWindow
from annotator.ui.user_settings import SettingsDialog


def when_dialog(handle: Callable[[QWidget], None]) -> list[QWidget]:
    """Call ``handle(dialog)`` once a modal dialog shows (it runs an event loop of its own)."""
    handled: list[QWidget] = []

    def poll() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None or not dialog.isVisible():
            QTimer.singleShot(10, poll)
            return
        handled.append(dialog)
        handle(dialog)

    QTimer.singleShot(0, poll)
    return handled


def type_over(qtbot, edit: QLineEdit, text: str) -> None:
    qtbot.keyClick(edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(edit, text)


def code_segment(qtbot, window: MainWindow, start: int) -> None:
    window.activateWindow()  # back from a dialog
    qtbot.waitUntil(window.isActiveWindow)
    window.workspace.seek(start)
    wait_for_frame(qtbot, window, start)
    press(qtbot, window, Qt.Key.Key_2)
    press(qtbot, window, Qt.Key.Key_Right)
    press(qtbot, window, Qt.Key.Key_Right)
    wait_for_frame(qtbot, window, start + 2)
    press(qtbot, window, Qt.Key.Key_2)


def test_first_use_shows_the_project_then_offers_the_login_name_and_never_stores_an_empty_one(
    qtbot, settings: AppSettings, project_dir: Path
) -> None:
    settings.annotator_name = ""
    window = MainWindow(settings=settings, ask_names=True)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    seen: dict[str, object] = {}

    def cancel(dialog: QWidget) -> None:
        assert isinstance(dialog, QInputDialog)
        seen.update(
            offered=dialog.textValue(),
            title=window.windowTitle(),
            video=window.video_picker.currentText(),
            timeline=window.views.timeline is not None,
        )
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)

    handled = when_dialog(cancel)
    assert window.project_actions.open_project(project_dir)
    qtbot.waitUntil(lambda: bool(handled), timeout=10_000)
    assert seen == {
        "offered": login_name(),
        "title": "Annotator — project",  # the project was on screen before the question
        "video": "numbered_25.mp4",
        "timeline": True,
    }
    name = login_name()
    assert name  # the login name: never an empty one
    assert window.workspace.document.user == name
    qtbot.waitUntil(lambda: window.workspace.engine.frame_count == 100, timeout=60_000)
    qtbot.waitUntil(lambda: not window.runner.running, timeout=60_000)
    code_segment(qtbot, window, 10)
    assert [s.annotator for s in window.workspace.project.store.segments()] == [name]
    assert f"coding as {name}" in _status_texts(window)
    assert settings.annotator_name == ""  # not remembered: asked again next time

    def rename(dialog: QWidget) -> None:
        assert isinstance(dialog, SettingsDialog)
        assert dialog.annotator.text() == name
        type_over(qtbot, dialog.annotator, "Ana Annotator")
        ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)

    handled = when_dialog(rename)
    window.keys.actions["Settings…"].trigger()  # Edit ▸ Settings…
    assert handled
    assert settings.annotator_name == "Ana Annotator"
    assert AppSettings(project_dir.parent / "settings.ini").annotator_name == "Ana Annotator"
    assert "coding as Ana Annotator" in _status_texts(window)
    code_segment(qtbot, window, 40)
    assert sorted(s.annotator for s in window.workspace.project.store.segments()) == ["Ana Annotator", name]

    def accept_offer(dialog: QWidget) -> None:
        assert isinstance(dialog, QInputDialog)
        seen["reviewer offered"] = dialog.textValue()
        qtbot.keyClick(dialog, Qt.Key.Key_Return)

    handled = when_dialog(accept_offer)
    press(qtbot, window, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)  # review mode
    assert seen["reviewer offered"] == "Ana Annotator"
    assert window.review.session.reviewer == "Ana Annotator"
    assert settings.reviewer_name == "Ana Annotator"
    window.runner.wait(60_000)
    window.close()


def _status_texts(window: MainWindow) -> list[str]:
    from annotator.ui.elided_label import ElidedLabel

    return [label.text() for label in window.statusBar().findChildren(ElidedLabel)]


def test_a_name_given_at_the_prompt_is_remembered_and_not_asked_again(
    qtbot, settings: AppSettings, project_dir: Path
) -> None:
    settings.annotator_name = ""
    window = MainWindow(settings=settings, ask_names=True)
    qtbot.addWidget(window)
    window.show()

    def answer(dialog: QWidget) -> None:
        type_over(qtbot, dialog.findChild(QLineEdit), "  Rita ")
        qtbot.keyClick(dialog, Qt.Key.Key_Return)

    handled = when_dialog(answer)
    assert window.project_actions.open_project(project_dir)
    qtbot.waitUntil(lambda: bool(handled), timeout=10_000)
    assert window.workspace.document.user == "Rita"
    assert settings.annotator_name == "Rita"
    asked_again = when_dialog(lambda dialog: qtbot.keyClick(dialog, Qt.Key.Key_Escape))
    assert window.project_actions.open_project(project_dir)
    qtbot.wait(100)
    assert asked_again == []
    assert window.workspace.document.user == "Rita"
    window.runner.wait(60_000)
    window.close()

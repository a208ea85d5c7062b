"""Entering review mode asks the reviewer's name once (a patched QInputDialog, never a real one)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QInputDialog
from review_helpers import press

from annotator.domain.segment import Verdict
from annotator.ui.app_settings import AppSettings
from annotator.ui.main_window import MainWindow

CTRL = Qt.KeyboardModifier.ControlModifier


class FakeDialog:
    """Stands in for ``QInputDialog.getText``: records each question, gives the next answer."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.answers: list[tuple[str, bool]] = []
        self.asked: list[str] = []
        monkeypatch.setattr(QInputDialog, "getText", self._get_text)

    def _get_text(self, _parent: object, title: str, _label: str, *_args: object) -> tuple[str, bool]:
        self.asked.append(title)
        return self.answers.pop(0)


@pytest.fixture
def dialog(monkeypatch: pytest.MonkeyPatch) -> FakeDialog:
    return FakeDialog(monkeypatch)


@pytest.fixture
def no_reviewer(settings: AppSettings) -> AppSettings:
    settings.reviewer_name = ""
    return settings


@pytest.fixture
def asking_window(
    qtbot, dialog: FakeDialog, no_reviewer: AppSettings, project_dir: Path
) -> Iterator[MainWindow]:
    """The main window with ``ask_names=True``; the annotator's name is known, the reviewer's not."""
    created = MainWindow(settings=no_reviewer, ask_names=True)
    qtbot.addWidget(created)
    created.show()
    qtbot.waitExposed(created)
    created.activateWindow()
    assert created.project_actions.open_project(project_dir)
    qtbot.waitUntil(lambda: not created.runner.running, timeout=60_000)
    assert dialog.asked == []  # the annotator's name was stored already
    yield created
    created.close()


def toggle_review(qtbot, window: MainWindow) -> None:
    press(qtbot, window, Qt.Key.Key_R, CTRL)


def test_the_reviewer_name_is_asked_once_and_remembered(
    qtbot, dialog: FakeDialog, asking_window: MainWindow, tmp_path: Path
) -> None:
    window = asking_window
    dialog.answers.append(("  Rita Reviewer ", True))
    toggle_review(qtbot, window)
    assert dialog.asked == ["Reviewer"]
    session = window.review.session
    assert session is not None
    assert session.reviewer == "Rita Reviewer"
    assert window.settings.reviewer_name == "Rita Reviewer"
    assert AppSettings(tmp_path / "settings.ini").reviewer_name == "Rita Reviewer"  # on disk too

    press(qtbot, window, Qt.Key.Key_A)
    assert [(r.reviewer, r.verdict) for r in window.workspace.project.store.reviews()] == [
        ("Rita Reviewer", Verdict.APPROVED)
    ]

    toggle_review(qtbot, window)  # leave, and enter again: not asked a second time
    assert window.review.session is None
    toggle_review(qtbot, window)
    assert dialog.asked == ["Reviewer"]
    assert window.review.session is not None
    assert window.review.session.reviewer == "Rita Reviewer"


def test_a_cancelled_question_reviews_under_the_annotator_name_and_asks_next_time(
    qtbot, dialog: FakeDialog, asking_window: MainWindow
) -> None:
    window = asking_window
    dialog.answers += [("ignored", False), ("   ", True), ("rita", True)]
    toggle_review(qtbot, window)
    assert window.review.session is not None
    assert window.review.session.reviewer == "tester"
    assert window.settings.reviewer_name == ""
    toggle_review(qtbot, window)
    toggle_review(qtbot, window)  # a blank name is no name either
    assert window.review.session.reviewer == "tester"
    toggle_review(qtbot, window)
    toggle_review(qtbot, window)
    assert dialog.asked == ["Reviewer"] * 3
    assert window.review.session.reviewer == window.settings.reviewer_name == "rita"


def test_no_question_without_ask_names(
    qtbot, dialog: FakeDialog, no_reviewer: AppSettings, window: MainWindow
) -> None:
    toggle_review(qtbot, window)
    assert dialog.asked == []
    assert window.review.session is not None
    assert window.review.session.reviewer == "tester"
    assert window.settings.reviewer_name == ""

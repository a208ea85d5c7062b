"""Adding videos by dropping them on the window: a symbolic link keeps the name the user gave
it; a file cut short is named once and said to be cut short."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication

from annotator.media.fingerprint import fingerprint
from annotator.media.synthetic import make_numbered_clip
from annotator.ui.main_window import MainWindow


def drop_files(window: MainWindow, paths: list[Path]) -> None:
    """What dropping files from a file manager on the window delivers: the drag enters
    (the window accepts it), then the drop."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path)) for path in paths])
    centre = QPoint(window.width() // 2, window.height() // 2)
    copy, left, none = Qt.DropAction.CopyAction, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(centre, copy, mime, left, none)
    assert QApplication.sendEvent(window, enter)
    assert enter.isAccepted()
    assert QApplication.sendEvent(window, QDropEvent(QPointF(centre), copy, mime, left, none))


def test_a_video_added_through_a_link_keeps_the_name_given(qtbot, window: MainWindow, tmp_path: Path) -> None:
    target = make_numbered_clip(tmp_path / "IMG_20240611_093512.mp4", frames=30)
    link = tmp_path / "phone_vfr.mp4"
    link.symlink_to(target)
    drop_files(window, [link])
    qtbot.waitUntil(lambda: window.video_picker.count() == 2, timeout=30_000)
    assert window.video_picker.currentText() == "phone_vfr.mp4"
    assert window.video_list.item(1).text().startswith("phone_vfr.mp4")
    video = window.workspace.project.store.videos()[1]
    assert video.path == str(link)
    assert video.fingerprint == fingerprint(target)
    window.runner.wait(60_000)


def test_a_truncated_file_is_said_to_be_cut_short_naming_it_once(
    qtbot, window: MainWindow, tmp_path: Path, clip_25fps: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from annotator.ui import project_actions

    messages: list[str] = []
    monkeypatch.setattr(project_actions.QMessageBox, "warning", lambda *args: messages.append(args[2]))
    cut = tmp_path / "interview_cut.mp4"
    cut.write_bytes(clip_25fps.read_bytes()[:4000])  # a copy stopped part way
    drop_files(window, [cut])
    qtbot.waitUntil(lambda: bool(messages), timeout=30_000)
    assert "may be cut short" in messages[0]
    assert messages[0].count("interview_cut.mp4") == 1
    assert window.video_picker.count() == 1

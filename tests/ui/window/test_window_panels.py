"""The segment table model, the vocabulary panel, several videos, and a missing video."""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import Qt
from window_helpers import wait_for_frame

from annotator.domain.label import Vocabulary
from annotator.media.synthetic import make_numbered_clip
from annotator.project.project import Project
from annotator.resources import vocabulary_path
from annotator.ui.main_window import MainWindow
from annotator.ui.segment_table_model import NOTE, START, STATUS


def test_table_model_passes_qtmodeltester_through_edits(qtmodeltester, window: MainWindow) -> None:
    document = window.workspace.document
    model = window.views.table.model
    qtmodeltester.check(model, force_py=True)
    laughter = window.workspace.project.store.label_by_name("laughter").id
    a = document.add_segment(window.workspace.video.id, laughter, 10, 20)
    b = document.add_segment(window.workspace.video.id, laughter, 5, 8)
    document.set_note(a.id, "they laugh")
    document.remove_segments([b.id])
    document.undo_stack.undo()
    assert model.rowCount() == 2
    qtmodeltester.check(model, force_py=True)


def test_table_sorts_by_frames_filters_and_edits_notes(window: MainWindow) -> None:
    document = window.workspace.document
    store = window.workspace.project.store
    for name, start in (("driving", 60), ("laughter", 5), ("laughter", 30)):
        document.add_segment(window.workspace.video.id, store.label_by_name(name).id, start, start + 4)
    table = window.views.table
    table.table.sortByColumn(START, Qt.SortOrder.AscendingOrder)
    starts = [table.proxy.index(r, START).data() for r in range(table.proxy.rowCount())]
    assert starts == ["00:00:00:05", "00:00:01:05", "00:00:02:10"]
    table.label_filter.setCurrentText("laughter")
    assert table.proxy.rowCount() == 2
    table.text_filter.setText("00:00:01")
    assert table.proxy.rowCount() == 1
    index = table.proxy.index(0, NOTE)
    assert table.proxy.setData(index, "edited in place")
    assert [s.note for s in store.segments() if s.start_frame == 30] == ["edited in place"]
    assert table.proxy.index(0, STATUS).data() == "unreviewed"
    document.undo_stack.undo()
    assert [s.note for s in store.segments() if s.start_frame == 30] == [""]


def test_vocabulary_panel_rekeys_archives_and_reorders(qtbot, window: MainWindow) -> None:
    panel = window.views.vocabulary
    store = window.workspace.project.store
    laughter = store.label_by_name("laughter")
    panel.set_key(laughter, "1")  # driver swap loses key 1
    assert store.label_by_name("laughter").key == "1"
    assert store.label_by_name("driver swap").key == ""
    panel.list.setCurrentRow(0)
    panel.move_selected(1)
    assert [lab.name for lab in store.labels()][:2] == ["laughter", "driver swap"]
    panel.list.setCurrentRow(1)
    panel.toggle_archive_selected()
    assert store.label_by_name("driver swap").archived
    assert "driver swap" not in [lab.name for lab in window.workspace.document.labels()]
    while window.workspace.document.undo_stack.canUndo():
        window.workspace.document.undo_stack.undo()
    assert store.label_by_name("laughter").key == "2"
    assert store.label_by_name("driver swap").key == "1"
    assert not store.label_by_name("driver swap").archived
    # key 2 is laughter again, through the window's key
    window.workspace.seek(10)
    wait_for_frame(qtbot, window, 10)
    qtbot.keyClick(window, Qt.Key.Key_2)
    assert window.workspace.coding.open_labels == {laughter.id: 10}


def test_several_videos_switch_and_a_missing_one_is_marked(
    qtbot, settings, tmp_path: Path, clip_25fps: Path
) -> None:
    directory = tmp_path / "multi"
    moved = tmp_path / "moved.mp4"
    second = make_numbered_clip(tmp_path / "second.mp4", frames=60)
    shutil.copy(second, moved)
    with Project.create(directory, Vocabulary.load(vocabulary_path("state-tv"))) as project:
        project.add_video(clip_25fps)
        project.add_video(moved)
    moved.rename(tmp_path / "elsewhere.mp4")
    window = MainWindow(settings=settings, ask_names=False)
    qtbot.addWidget(window)
    window.show()
    assert window.project_actions.open_project(directory)
    assert window.video_list.count() == 2
    assert "MISSING" in window.video_list.item(1).text()
    window.video_list.setCurrentRow(1)
    assert "missing" in window.player_panel.view.message
    assert window.project_actions.relink(tmp_path / "elsewhere.mp4")
    assert "MISSING" not in window.video_list.item(1).text()
    qtbot.waitUntil(lambda: window.workspace.engine.frame_count == 60, timeout=10_000)
    window.video_list.setCurrentRow(0)
    qtbot.waitUntil(lambda: window.workspace.engine.frame_count == 100, timeout=10_000)
    window.runner.wait(60_000)
    window.close()


def test_relink_refuses_a_different_file(
    qtbot, settings, tmp_path: Path, clip_25fps: Path, clip_2997: Path
) -> None:
    directory = tmp_path / "p"
    copy = tmp_path / "copy.mp4"
    shutil.copy(clip_25fps, copy)
    with Project.create(directory, Vocabulary.load(vocabulary_path("state-tv"))) as project:
        project.add_video(copy)
    copy.unlink()
    window = MainWindow(settings=settings, ask_names=False)
    qtbot.addWidget(window)
    window.project_actions.open_project(directory)
    window.video_list.setCurrentRow(0)
    from PySide6.QtWidgets import QMessageBox

    messages = []
    original = QMessageBox.warning
    QMessageBox.warning = lambda *args: messages.append(args[2])  # type: ignore[method-assign]
    try:
        assert not window.project_actions.relink(clip_2997)
    finally:
        QMessageBox.warning = original  # type: ignore[method-assign]
    assert "not the same file" in messages[0]
    window.close()


def test_settings_remember_recent_projects(qtbot, window: MainWindow, settings, project_dir: Path) -> None:
    """(The layout's restoring: ``test_window_layout.py``.)"""
    assert settings.recent_projects()[0] == str(project_dir.resolve())


def test_add_videos_probes_in_the_background_and_names_a_bad_file(
    qtbot, window: MainWindow, tmp_path: Path, monkeypatch
) -> None:
    from annotator.ui import project_actions

    messages: list[str] = []
    monkeypatch.setattr(project_actions.QMessageBox, "warning", lambda *args: messages.append(args[2]))
    good = make_numbered_clip(tmp_path / "extra.mp4", frames=30)
    bad = tmp_path / "broken.mp4"
    bad.write_bytes(b"\x00" * 4096)
    window.project_actions.add_videos([good, bad])
    qtbot.waitUntil(lambda: window.video_list.count() == 2 and len(messages) == 1, timeout=30_000)
    assert "broken.mp4" in messages[0]
    assert [v.name for v in window.workspace.project.store.videos()] == ["numbered_25.mp4", "extra.mp4"]
    window.runner.wait(60_000)


def test_relink_finds_a_moved_video_by_fingerprint(qtbot, settings, tmp_path: Path, monkeypatch) -> None:
    from annotator.ui import project_actions

    directory = tmp_path / "proj"
    media = directory / "media"
    media.mkdir(parents=True)
    clip = make_numbered_clip(media / "clip.mp4", frames=30)
    with Project.create(directory, Vocabulary.load(vocabulary_path("state-tv"))) as project:
        project.add_video(clip)
    (directory / "footage").mkdir()
    clip.rename(directory / "footage" / "clip-renamed.mp4")
    asked: list[str] = []

    def answer(*args):
        asked.append(args[2])
        return project_actions.QMessageBox.StandardButton.Yes

    monkeypatch.setattr(project_actions.QMessageBox, "question", answer)
    window = MainWindow(settings=settings, ask_names=False)
    qtbot.addWidget(window)
    window.project_actions.open_project(directory)
    window.video_list.setCurrentRow(0)
    assert window.workspace.missing
    window.project_actions.relink_current()
    assert "clip-renamed.mp4" in asked[0]
    assert not window.workspace.missing
    qtbot.waitUntil(lambda: window.workspace.engine.frame_count == 30, timeout=10_000)
    window.runner.wait(60_000)
    window.close()

"""File-menu work: new/open project, add and relink videos, CSV import/export, undo/redo.

Slow parts (probing a video) run off the GUI thread; store writes happen on it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QFileDialog, QMessageBox

from annotator.domain.label import Vocabulary
from annotator.project.project import InspectedVideo, Project
from annotator.resources import vocabulary_path

if TYPE_CHECKING:
    from annotator.ui.main_window import MainWindow

VIDEO_FILTER = "Videos (*.mp4 *.mov *.mkv *.avi *.mpg *.mpeg *.m4v *.webm *.ts *.mts);;All files (*)"


class ProjectActions:
    """The window's file operations; errors are shown, never raised into Qt."""

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.undo_action = QAction("Undo", window)
        self.undo_action.setShortcuts([QKeySequence("Ctrl+Z")])
        self.undo_action.triggered.connect(self.undo)
        self.redo_action = QAction("Redo", window)
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.redo_action.triggered.connect(self.redo)
        window.addAction(self.undo_action)
        window.addAction(self.redo_action)
        window.runner.task_failed.connect(self._on_add_failed)

    # -- undo ---------------------------------------------------------------------------------
    def undo(self) -> None:
        if self.window.document is not None:
            self.window.document.undo_stack.undo()

    def redo(self) -> None:
        if self.window.document is not None:
            self.window.document.undo_stack.redo()

    def refresh_undo_actions(self) -> None:
        stack = self.window.document.undo_stack if self.window.document is not None else None
        self.undo_action.setEnabled(bool(stack and stack.canUndo()))
        self.redo_action.setEnabled(bool(stack and stack.canRedo()))
        self.undo_action.setText(f"Undo {stack.undoText()}" if stack and stack.canUndo() else "Undo")
        self.redo_action.setText(f"Redo {stack.redoText()}" if stack and stack.canRedo() else "Redo")

    # -- projects ------------------------------------------------------------------------------
    def new_project(self) -> None:
        folder = QFileDialog.getExistingDirectory(self.window, "New project: choose an empty folder")
        if folder:
            self.create_project(Path(folder))

    def create_project(self, folder: Path) -> bool:
        try:
            project = Project.create(folder, Vocabulary.load(vocabulary_path("state-tv")))
        except Exception as error:
            QMessageBox.critical(self.window, "New project", str(error))
            return False
        self.window.set_project(project)
        return True

    def open_project_dialog(self) -> None:
        folder = QFileDialog.getExistingDirectory(self.window, "Open project folder")
        if folder:
            self.window.open_project(Path(folder))

    def fill_recent_menu(self) -> None:
        menu = self.window.recent_menu
        menu.clear()
        for path in self.window.settings.recent_projects():
            menu.addAction(path, lambda p=path: self.window.open_project(Path(p)))
        if menu.isEmpty():
            menu.addAction("(none)").setEnabled(False)

    # -- videos -----------------------------------------------------------------------------------
    def add_videos_dialog(self) -> None:
        if self._need_project("Add videos"):
            files, _ = QFileDialog.getOpenFileNames(self.window, "Add videos", "", VIDEO_FILTER)
            self.add_videos([Path(f) for f in files])

    def add_videos(self, paths: list[Path]) -> None:
        """Probe each file in the background, then add it; a bad file is named and skipped."""
        if not paths or not self._need_project("Add videos"):
            return
        project = self.window.project
        assert project is not None
        for path in paths:
            self.window.runner.submit(
                f"Reading {path.name}",
                lambda _progress, p=path: project.inspect_video(p),
                lambda inspected, p=project: self._store_video(p, inspected),
            )

    def _store_video(self, project: Project, inspected: InspectedVideo) -> None:
        if project is not self.window.project:
            return
        try:
            video = project.store_video(inspected)
        except Exception as error:
            QMessageBox.warning(self.window, "Add video", str(error))
            return
        self.window.refresh_videos()
        self.window.video_list.select_video(video.id)

    def _on_add_failed(self, name: str, message: str) -> None:
        if name.startswith("Reading "):
            QMessageBox.warning(self.window, "Add video", message)

    def relink_current(self) -> None:
        window = self.window
        if window.project is None or window.video is None or window.video.id not in window.missing:
            return
        video = window.video
        answer, _ = QFileDialog.getOpenFileName(window, f"Where is {video.name} now?", "", VIDEO_FILTER)
        if answer:
            self.relink(Path(answer))

    def relink(self, path: Path) -> bool:
        window = self.window
        assert window.project is not None
        assert window.video is not None
        try:
            video = window.project.relink(window.video, path)
        except Exception as error:
            QMessageBox.warning(window, "Relink video", str(error))
            return False
        window.refresh_videos()
        window.select_video(video.id)
        return True

    # -- exchange ---------------------------------------------------------------------------------
    def import_csv_dialog(self) -> None:
        if not self._need_project("Import CSV"):
            return
        name, _ = QFileDialog.getOpenFileName(self.window, "Import CSV", "", "CSV (*.csv);;All files (*)")
        if name:
            self.import_csv(Path(name))

    def import_csv(self, path: Path) -> int | None:
        window = self.window
        assert window.project is not None
        try:
            count = window.project.import_csv(path)
        except Exception as error:
            QMessageBox.warning(window, "Import CSV", f"Nothing was imported.\n\n{error}")
            return None
        if window.video is not None:
            window.select_video(window.video.id)
        window.statusBar().showMessage(f"Imported {count} segments from {path.name}", 8000)
        return count

    def export_csv_dialog(self) -> None:
        if not self._need_project("Export CSV"):
            return
        name, _ = QFileDialog.getSaveFileName(self.window, "Export CSV", "segments.csv", "CSV (*.csv)")
        if name:
            self.export_csv(Path(name))

    def export_csv(self, path: Path) -> int | None:
        window = self.window
        assert window.project is not None
        temporary = path.with_name(f".{path.name}.part")
        try:
            with temporary.open("w", encoding="utf-8", newline="") as out:
                count = window.project.export_csv(out)
            temporary.replace(path)
        except OSError as error:
            temporary.unlink(missing_ok=True)
            QMessageBox.warning(window, "Export CSV", str(error))
            return None
        window.statusBar().showMessage(f"Exported {count} segments to {path}", 8000)
        return count

    def _need_project(self, title: str) -> bool:
        if self.window.project is None:
            QMessageBox.information(self.window, title, "Open or create a project first (File menu).")
            return False
        return True

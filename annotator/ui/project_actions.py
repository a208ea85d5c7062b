"""File-menu work: new/open project, add and relink videos, CSV import/export, undo/redo.

Slow parts (probing a video) run off the GUI thread; store writes happen on it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox

from annotator.domain.label import Vocabulary
from annotator.formats.eaf.document import EafImportError
from annotator.project import exchange
from annotator.project.errors import EXPORT_FORMATS, SINGLE_VIDEO_FORMATS
from annotator.project.exchange import ImportReport
from annotator.project.project import InspectedVideo, Project
from annotator.resources import vocabulary_path
from annotator.ui.eaf_mapping_dialog import EafMappingDialog

if TYPE_CHECKING:
    from annotator.ui.main_window import MainWindow

IMPORT_FILTER = "Annotations (*.csv *.json *.eaf);;CSV (*.csv);;JSON (*.json);;ELAN (*.eaf)"
EXPORT_FILTER = "CSV (*.csv);;JSON (*.json);;ELAN (*.eaf);;WebVTT (*.vtt);;SubRip (*.srt)"
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
        """Find a missing video again: first by fingerprint near where it was, then by asking."""
        window = self.window
        if window.project is None or window.video is None or window.video.id not in window.missing:
            return
        video = window.video
        found = window.project.find_moved(video, self._search_dirs())
        if found is not None:
            answer = QMessageBox.question(
                window, "Relink video", f"{video.name} was found at\n{found}\n\nUse this file?"
            )
            if answer == QMessageBox.StandardButton.Yes:
                self.relink(found)
                return
        chosen, _ = QFileDialog.getOpenFileName(window, f"Where is {video.name} now?", "", VIDEO_FILTER)
        if chosen:
            self.relink(Path(chosen))

    def _search_dirs(self) -> list[Path]:
        """The project folder and the folder above where the video used to be."""
        window = self.window
        assert window.project is not None
        assert window.video is not None
        old = window.project.video_path(window.video)
        dirs = [window.project.directory]
        if old.parent.parent.is_dir() and old.parent.parent != Path(old.anchor):
            dirs.append(old.parent.parent)
        return dirs

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
    def import_dialog(self) -> None:
        if not self._need_project("Import"):
            return
        name, _ = QFileDialog.getOpenFileName(self.window, "Import annotations", "", IMPORT_FILTER)
        if name:
            self.import_file(Path(name))

    def import_file(
        self, path: Path, mapping: dict[str, str] | None = None, new_labels: bool = False
    ) -> ImportReport | None:
        """Import all of ``path`` or nothing, as one undoable step through the document
        (every view refreshes from its ``reset``); an ELAN file with unmapped tiers asks how."""
        window = self.window
        assert window.project is not None
        assert window.document is not None
        video = window.video.path if window.video is not None else None
        try:
            plan = exchange.plan_import(window.project, path, None, video, mapping, new_labels)
            report = window.document.apply_import(plan)
        except EafImportError as error:
            return self._ask_eaf_mapping(path, str(error))
        except Exception as error:
            QMessageBox.warning(window, "Import", f"Nothing was imported.\n\n{error}")
            return None
        skipped = f"; skipped: {'; '.join(report.skipped)}" if report.skipped else ""
        window.statusBar().showMessage(
            f"Imported {report.segments} segments from {path.name}{skipped}", 10000
        )
        return report

    def _ask_eaf_mapping(self, path: Path, problem: str) -> ImportReport | None:
        window = self.window
        assert window.project is not None
        names = [label.name for label in window.project.store.labels(include_archived=False)]
        try:
            dialog = EafMappingDialog(path, names, problem, window)
        except EafImportError as error:  # the file itself is broken: nothing to map
            QMessageBox.warning(window, "Import", f"Nothing was imported.\n\n{error}")
            return None
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return self.import_file(path, dialog.mapping(), dialog.new_labels())

    def export_dialog(self) -> None:
        if not self._need_project("Export"):
            return
        name, chosen = QFileDialog.getSaveFileName(
            self.window, "Export annotations", "segments.csv", EXPORT_FILTER
        )
        if name:
            self.export_file(Path(name), _format_of(Path(name), chosen))

    def export_file(self, path: Path, fmt: str = "csv") -> int | None:
        """Export every segment (EAF/VTT/SRT: the current video's) to ``path``."""
        window = self.window
        assert window.project is not None
        video = window.video.path if window.video is not None and fmt in SINGLE_VIDEO_FORMATS else None
        try:
            count = exchange.export(window.project, fmt, path, video=video)
        except Exception as error:
            QMessageBox.warning(window, "Export", str(error))
            return None
        window.statusBar().showMessage(f"Exported {count} segments to {path}", 8000)
        return count

    def _need_project(self, title: str) -> bool:
        if self.window.project is None:
            QMessageBox.information(self.window, title, "Open or create a project first (File menu).")
            return False
        return True


def _format_of(path: Path, chosen_filter: str) -> str:
    """The format named by the file's extension, else by the chosen dialog filter."""
    suffix = path.suffix.lstrip(".").lower()
    if suffix in EXPORT_FORMATS:
        return suffix
    for fmt in EXPORT_FORMATS:
        if f"*.{fmt}" in chosen_filter:
            return fmt
    return "csv"

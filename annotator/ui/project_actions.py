"""File-menu work: new/open project, add and relink videos, import and export.

Slow parts (probing a video) run off the GUI thread; store writes happen on it.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QDialog, QFileDialog, QInputDialog, QMenu, QMessageBox

from annotator.domain.label import Vocabulary
from annotator.formats.eaf.document import EafImportError
from annotator.project import exchange
from annotator.project.errors import EXPORT_FORMATS, SINGLE_VIDEO_FORMATS
from annotator.project.exchange import ImportReport
from annotator.project.places import MEDIA_ROOT_ENV, media_root
from annotator.project.project import InspectedVideo, Project
from annotator.resources import vocabulary_path
from annotator.ui.background import TaskRunner
from annotator.ui.clip_export import ClipExport
from annotator.ui.eaf_mapping_dialog import EafMappingDialog
from annotator.ui.workspace import Workspace

IMPORT_FILTER = "Annotations (*.csv *.json *.eaf);;CSV (*.csv);;JSON (*.json);;ELAN (*.eaf)"
EXPORT_FILTER = "CSV (*.csv);;JSON (*.json);;ELAN (*.eaf);;WebVTT (*.vtt);;SubRip (*.srt)"
VIDEO_FILTER = "Videos (*.mp4 *.mov *.mkv *.avi *.mpg *.mpeg *.m4v *.webm *.ts *.mts);;All files (*)"


class ProjectActions:
    """The file operations of the key table and menus; errors are shown, never raised into Qt."""

    def __init__(
        self, workspace: Workspace, runner: TaskRunner, selected: Callable[[], list[str]] = list
    ) -> None:
        self.workspace = workspace
        self.clips = ClipExport(workspace, runner, selected)
        """File ▸ Export clips… (``selected``: the segments selected in the table)."""
        self._parent = workspace.dialog_parent  # dialogs are shown over it
        self._runner = runner
        runner.task_failed.connect(self._on_add_failed)

    # -- projects ------------------------------------------------------------------------------
    def new_project(self) -> None:
        folder = QFileDialog.getExistingDirectory(self._parent, "New project: choose an empty folder")
        if folder:
            self.create_project(Path(folder))

    def create_project(self, folder: Path) -> bool:
        try:
            project = Project.create(folder, Vocabulary.load(vocabulary_path("state-tv")))
        except Exception as error:
            QMessageBox.critical(self._parent, "New project", str(error))
            return False
        self.workspace.open_project(project)
        return True

    def open_project(self, path: Path | str) -> bool:
        """Open the project at ``path`` (a folder or a ``postgresql://`` URL); a broken one
        leaves the window as it was."""
        try:
            project = Project.open(path, media_root(setting=self.workspace.settings.media_root or None))
        except Exception as error:
            QMessageBox.critical(self._parent, "Open project", str(error))
            return False
        self.workspace.open_project(project)
        return True

    def open_project_dialog(self) -> None:
        folder = QFileDialog.getExistingDirectory(self._parent, "Open project folder")
        if folder:
            self.open_project(Path(folder))

    def open_server_project_dialog(self) -> None:
        """Ask for a team project's URL (never a password) and, the first time, for this
        machine's media folder (kept in the settings), then open it."""
        url, ok = QInputDialog.getText(
            self._parent,
            "Open team project",
            "Project on a PostgreSQL server, postgresql://USER@HOST[:PORT]/DBNAME\n"
            "(the password comes from ~/.pgpass or PGPASSWORD, never from here):",
            text="postgresql://",
        )
        if not ok or not url.strip():
            return
        settings = self.workspace.settings
        if not settings.media_root and not os.environ.get(MEDIA_ROOT_ENV):
            folder = QFileDialog.getExistingDirectory(self._parent, "Where are this machine's videos?")
            if not folder:
                return
            settings.media_root = folder
        self.open_project(url.strip())

    def fill_recent_menu(self, menu: QMenu) -> None:
        menu.clear()
        for path in self.workspace.settings.recent_projects():
            menu.addAction(path, lambda p=path: self.open_project(p if "://" in p else Path(p)))
        if menu.isEmpty():
            menu.addAction("(none)").setEnabled(False)

    # -- videos -----------------------------------------------------------------------------------
    def add_videos_dialog(self) -> None:
        if self._need_project("Add videos"):
            files, _ = QFileDialog.getOpenFileNames(self._parent, "Add videos", "", VIDEO_FILTER)
            self.add_videos([Path(f) for f in files])

    def add_videos(self, paths: list[Path]) -> None:
        """Probe each file in the background, then add it; a bad file is named and skipped."""
        if not paths or not self._need_project("Add videos"):
            return
        project = self.workspace.project
        assert project is not None
        for path in paths:
            self._runner.submit(
                f"Reading {path.name}",
                lambda _progress, p=path: project.inspect_video(p),
                lambda inspected, p=project: self._store_video(p, inspected),
            )

    def _store_video(self, project: Project, inspected: InspectedVideo) -> None:
        if project is not self.workspace.project:
            return
        try:
            video = project.store_video(inspected)
        except Exception as error:
            QMessageBox.warning(self._parent, "Add video", str(error))
            return
        self.workspace.refresh_videos()
        self.workspace.select_video(video.id)

    def _on_add_failed(self, name: str, message: str) -> None:
        if name.startswith("Reading "):
            QMessageBox.warning(self._parent, "Add video", message)

    def relink_current(self) -> None:
        """Find a missing video again: first by fingerprint near where it was, then by asking."""
        workspace = self.workspace
        video = workspace.video
        if workspace.project is None or video is None or video.id not in workspace.missing:
            return
        found = workspace.project.find_moved(video, self._search_dirs())
        if found is not None:
            answer = QMessageBox.question(
                self._parent, "Relink video", f"{video.name} was found at\n{found}\n\nUse this file?"
            )
            if answer == QMessageBox.StandardButton.Yes:
                self.relink(found)
                return
        chosen, _ = QFileDialog.getOpenFileName(self._parent, f"Where is {video.name} now?", "", VIDEO_FILTER)
        if chosen:
            self.relink(Path(chosen))

    def _search_dirs(self) -> list[Path]:
        """The project folder and the folder above where the video used to be."""
        workspace = self.workspace
        assert workspace.project is not None
        assert workspace.video is not None
        old = workspace.project.video_path(workspace.video)
        dirs = [workspace.project.directory]
        if old.parent.parent.is_dir() and old.parent.parent != Path(old.anchor):
            dirs.append(old.parent.parent)
        return dirs

    def relink(self, path: Path) -> bool:
        workspace = self.workspace
        assert workspace.project is not None
        assert workspace.video is not None
        try:
            video = workspace.project.relink(workspace.video, path)
        except Exception as error:
            QMessageBox.warning(self._parent, "Relink video", str(error))
            return False
        workspace.refresh_videos()
        workspace.select_video(video.id)
        return True

    # -- exchange ---------------------------------------------------------------------------------
    def import_dialog(self) -> None:
        if not self._need_project("Import"):
            return
        name, _ = QFileDialog.getOpenFileName(self._parent, "Import annotations", "", IMPORT_FILTER)
        if name:
            self.import_file(Path(name))

    def import_file(
        self, path: Path, mapping: dict[str, str] | None = None, new_labels: bool = False
    ) -> ImportReport | None:
        """Import all of ``path`` or nothing, as one undoable step through the document
        (every view refreshes from its ``reset``); an ELAN file with unmapped tiers asks how."""
        workspace = self.workspace
        assert workspace.project is not None
        assert workspace.document is not None
        video = workspace.video.path if workspace.video is not None else None
        try:
            plan = exchange.plan_import(workspace.project, path, None, video, mapping, new_labels)
            report = workspace.document.apply_import(plan)
        except EafImportError as error:
            return self._ask_eaf_mapping(path, str(error))
        except Exception as error:
            QMessageBox.warning(self._parent, "Import", f"Nothing was imported.\n\n{error}")
            return None
        skipped = f"; skipped: {'; '.join(report.skipped)}" if report.skipped else ""
        workspace.show_message(f"Imported {report.segments} segments from {path.name}{skipped}", 10000)
        return report

    def _ask_eaf_mapping(self, path: Path, problem: str) -> ImportReport | None:
        assert self.workspace.project is not None
        names = [label.name for label in self.workspace.project.store.labels(include_archived=False)]
        try:
            dialog = EafMappingDialog(path, names, problem, self._parent)
        except EafImportError as error:  # the file itself is broken: nothing to map
            QMessageBox.warning(self._parent, "Import", f"Nothing was imported.\n\n{error}")
            return None
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return self.import_file(path, dialog.mapping(), dialog.new_labels())

    def export_dialog(self) -> None:
        if not self._need_project("Export"):
            return
        name, chosen = QFileDialog.getSaveFileName(
            self._parent, "Export annotations", "segments.csv", EXPORT_FILTER
        )
        if name:
            self.export_file(Path(name), _format_of(Path(name), chosen))

    def export_file(self, path: Path, fmt: str = "csv") -> int | None:
        """Export every segment (EAF/VTT/SRT: the current video's) to ``path``."""
        workspace = self.workspace
        assert workspace.project is not None
        video = workspace.video.path if workspace.video is not None and fmt in SINGLE_VIDEO_FORMATS else None
        try:
            count = exchange.export(workspace.project, fmt, path, video=video)
        except Exception as error:
            QMessageBox.warning(self._parent, "Export", str(error))
            return None
        workspace.show_message(f"Exported {count} segments to {path}", 8000)
        return count

    def _need_project(self, title: str) -> bool:
        if self.workspace.project is None:
            QMessageBox.information(self._parent, title, "Open or create a project first (File menu).")
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

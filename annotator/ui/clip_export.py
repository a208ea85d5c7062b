"""File ▸ Export clips…: one frame-exact MP4 per segment (``project.clips``), in the
background with progress and Cancel in the status bar.

The dialog only collects the choices (which segments, pre- and post-roll, burn-in, folder);
planning refuses a taken name before anything is written, and the run reports what it
made. Cancelling removes the clip being made; the finished ones stay, listed in the
folder's ``clips.csv``.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from annotator.domain.segment import Segment
from annotator.project.clips import MANIFEST, ClipMade, make_clips, plan_clips
from annotator.project.errors import ProjectError
from annotator.project.selection import select_segments
from annotator.ui.background import TaskRunner
from annotator.ui.workspace import Workspace

SCOPES = ("selected", "video", "project")


@dataclass(frozen=True)
class ClipChoices:
    scope: str
    preroll: float
    postroll: float
    burn_in: bool
    folder: Path


class ClipsDialog(QDialog):
    """Which segments, pre- and post-roll, burn-in and the folder; counts shown per scope."""

    def __init__(self, counts: dict[str, int], folder: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export clips")
        texts = {
            "selected": f"Segments selected in the table ({counts['selected']})",
            "video": f"All segments of this video ({counts['video']})",
            "project": f"All segments in the project ({counts['project']})",
        }
        self.scopes = {scope: QRadioButton(text) for scope, text in texts.items()}
        self.scopes["selected"].setEnabled(counts["selected"] > 0)
        self.scopes["selected" if counts["selected"] else "video"].setChecked(True)
        self.preroll, self.postroll = _seconds_box(), _seconds_box()
        self.burn_in = QCheckBox("Burn in the label, note and timecode")
        self.folder = QLineEdit(str(folder))
        browse = QPushButton("Choose…")
        browse.clicked.connect(self._choose_folder)
        where = QHBoxLayout()
        where.addWidget(self.folder, 1)
        where.addWidget(browse)
        form = QFormLayout()
        form.addRow("Pre-roll", self.preroll)
        form.addRow("Post-roll", self.postroll)
        form.addRow("", self.burn_in)
        form.addRow("Folder", where)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Export clips")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for button in self.scopes.values():
            layout.addWidget(button)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def choices(self) -> ClipChoices:
        scope = next(name for name, button in self.scopes.items() if button.isChecked())
        return ClipChoices(
            scope,
            self.preroll.value(),
            self.postroll.value(),
            self.burn_in.isChecked(),
            Path(self.folder.text().strip()).expanduser(),
        )

    def _choose_folder(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, "Folder for the clips", self.folder.text())
        if chosen:
            self.folder.setText(chosen)


def _seconds_box() -> QDoubleSpinBox:
    box = QDoubleSpinBox()
    box.setRange(0, 60)
    box.setDecimals(2)
    box.setSingleStep(0.5)
    box.setSuffix(" s")
    return box


class ClipExport:
    """Asks, plans on the GUI thread (store reads), makes the clips on the task runner."""

    def __init__(self, workspace: Workspace, runner: TaskRunner, selected: Callable[[], list[str]]) -> None:
        self._workspace = workspace
        self._runner = runner
        self._selected = selected
        self.dialog_class: type[ClipsDialog] = ClipsDialog
        self.last_result: list[ClipMade] | None = None
        runner.task_failed.connect(self._on_runner_task_failed)
        runner.task_cancelled.connect(self._on_runner_task_cancelled)
        self._running: tuple[str, Path] | None = None

    def export_dialog(self) -> None:
        project = self._workspace.project
        if project is None:
            QMessageBox.information(self._workspace.dialog_parent, "Export clips", "Open a project first.")
            return
        scopes = {scope: self._segments(scope) for scope in SCOPES}
        counts = {scope: len(segments) for scope, segments in scopes.items()}
        dialog = self.dialog_class(counts, project.directory / "clips", self._workspace.dialog_parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        choices = dialog.choices()
        self.export(scopes[choices.scope], choices)

    def export(self, segments: Sequence[Segment], choices: ClipChoices) -> bool:
        """Plan the clips (refusing a taken name or a missing video, said in a message box)
        and make them in the background; False if nothing was started."""
        project, parent = self._workspace.project, self._workspace.dialog_parent
        assert project is not None
        if self._running is not None:
            self._workspace.show_message(f"{self._running[0]} is still running", 5000)
            return False
        if not segments:
            QMessageBox.information(parent, "Export clips", "No segment to export.")
            return False
        try:
            jobs = plan_clips(
                project, segments, choices.folder, preroll=choices.preroll, postroll=choices.postroll
            )
        except ProjectError as error:
            QMessageBox.warning(parent, "Export clips", str(error))
            return False
        name = f"Exporting {len(jobs)} clip{'s' if len(jobs) != 1 else ''}"
        event = threading.Event()
        self._running = (name, choices.folder)
        self.last_result = None

        def work(progress: Callable[[float], None]) -> list[ClipMade]:
            return make_clips(
                project, jobs, choices.folder, burn_in=choices.burn_in, progress=progress, stop=event
            )

        self._runner.submit(name, work, self._on_done, event)
        return True

    def cancel(self) -> None:
        if self._running is not None:
            self._runner.cancel(self._running[0])

    def _segments(self, scope: str) -> list[Segment]:
        project, document, video = self._workspace.project, self._workspace.document, self._workspace.video
        assert project is not None
        if scope == "project":
            return select_segments(project)
        if scope == "video":
            return [] if video is None else select_segments(project, video=str(video.id))
        assert document is not None
        wanted = set(self._selected())
        return [segment for segment in select_segments(project, proposals="include") if segment.id in wanted]

    def _on_done(self, made: list[ClipMade]) -> None:
        assert self._running is not None
        folder = self._running[1]
        self._running = None
        self.last_result = made
        self._workspace.show_message(f"{len(made)} clips written to {folder} (listed in {MANIFEST})", 15000)

    def _on_runner_task_failed(self, name: str, message: str) -> None:
        if self._running is not None and name == self._running[0]:
            self._running = None
            QMessageBox.warning(self._workspace.dialog_parent, "Export clips", message)

    def _on_runner_task_cancelled(self, name: str) -> None:
        if self._running is not None and name == self._running[0]:
            folder = self._running[1]
            self._running = None
            self._workspace.show_message(
                f"Clip export cancelled: no partial clip left; the finished are in {folder / MANIFEST}",
                15000,
            )

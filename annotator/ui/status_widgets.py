"""The status bar's permanent widgets: what is being coded, and background progress."""

from __future__ import annotations

from PySide6.QtWidgets import QProgressBar, QSizePolicy, QToolButton

from annotator.project.project import Project
from annotator.ui.background import TaskRunner
from annotator.ui.elided_label import ElidedLabel
from annotator.ui.workspace import Workspace


class CodingLabel(ElidedLabel):
    """The open segments and the in/out marks: ``● laughter from 50   in 20   out 29``."""

    def __init__(self, workspace: Workspace) -> None:
        super().__init__("")
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self._workspace = workspace
        workspace.project_opened.connect(self._on_workspace_project_opened)

    def _on_workspace_project_opened(self, _project: Project) -> None:
        coding = self._workspace.coding
        assert coding is not None
        coding.open_labels_changed.connect(self._update)
        coding.marks_changed.connect(self._update)

    def _update(self) -> None:
        coding, document = self._workspace.coding, self._workspace.document
        if coding is None or document is None:
            self.setText("")
            return
        parts = [f"● {document.label(lid).name} from {start}" for lid, start in coding.open_labels.items()]
        if coding.mark_in is not None:
            parts.append(f"in {coding.mark_in}")
        if coding.mark_out is not None:
            parts.append(f"out {coding.mark_out - 1}")
        self.setText("   ".join(parts))


class UserLabel(ElidedLabel):
    """Whose name the open project's edits are stored with: ``coding as ana``."""

    def __init__(self, workspace: Workspace) -> None:
        super().__init__("")
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        workspace.user_changed.connect(self._on_workspace_user_changed)
        workspace.project_closed.connect(lambda: self.setText(""))

    def _on_workspace_user_changed(self, name: str) -> None:
        self.setText(f"coding as {name}")
        self.setToolTip(f"Segments you code are stored as coded by {name} (Edit ▸ Settings… changes it)")


class OthersLabel(ElidedLabel):
    """Who else has the server project open: ``also here: bo, rita`` (empty on a folder)."""

    def __init__(self, workspace: Workspace) -> None:
        super().__init__("")
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        workspace.others_changed.connect(self._on_workspace_others_changed)
        workspace.project_closed.connect(lambda: self.setText(""))

    def _on_workspace_others_changed(self, names: list[str]) -> None:
        self.setText(f"also here: {', '.join(names)}" if names else "no one else here")
        self.setToolTip("Others with this team project open; their edits appear here as they make them")


class TaskProgress(QProgressBar):
    """The first running background task's name and progress; hidden when none runs."""

    def __init__(self, runner: TaskRunner) -> None:
        super().__init__()
        self._runner = runner
        self.setMaximumWidth(220)
        self.setRange(0, 1000)
        self.hide()
        runner.task_started.connect(self._on_runner_changed)
        runner.task_progressed.connect(self._on_runner_task_progressed)
        runner.task_finished.connect(self._on_runner_changed)
        runner.task_failed.connect(self._on_runner_changed)
        runner.task_cancelled.connect(self._on_runner_changed)

    def _on_runner_changed(self, *_args: object) -> None:
        shown = self._shown()
        self.setVisible(shown is not None)
        if shown is not None:
            self.setFormat(f"{shown} %p%")

    def _shown(self) -> str | None:
        """The task whose progress shows: one that can be cancelled (an analysis, which
        the Cancel button beside stops), else the first."""
        running = self._runner.cancellable or self._runner.running
        return running[0] if running else None

    def _on_runner_task_progressed(self, name: str, fraction: float) -> None:
        if name == self._shown():
            self.setValue(int(fraction * 1000))


class TaskCancelButton(QToolButton):
    """ "Cancel" beside the progress bar while a cancellable task (an analysis) runs."""

    def __init__(self, runner: TaskRunner) -> None:
        super().__init__()
        self._runner = runner
        self.setText("Cancel")
        self.setToolTip("Stop the analysis: nothing it found is kept")
        self.hide()
        self.clicked.connect(self._on_clicked)
        for signal in (runner.task_started, runner.task_finished, runner.task_failed, runner.task_cancelled):
            signal.connect(self._on_runner_changed)

    def _on_runner_changed(self, *_args: object) -> None:
        self.setVisible(bool(self._runner.cancellable))

    def _on_clicked(self) -> None:
        for name in self._runner.cancellable:
            self._runner.cancel(name)

"""Analyze ▸ Agreement…: opens the agreement dialog on the current video and computes what
it asks for in the background (the segments are read on the GUI thread, as every store read
is; the figures are computed on the task runner). One computation at a time: a request made
while one runs is computed after it, and only the newest result is shown. While the dialog
is open, an edit (a resolution, its undo) computes the figures again, ``AGAIN_MS`` after
the last one (a drag's many moves make one computation).
"""

from __future__ import annotations

from fractions import Fraction

from PySide6.QtCore import QObject, QTimer

from annotator.project.agreement import VideoAgreement, video_agreement_work
from annotator.project.coder_segments import video_coders
from annotator.project.errors import ProjectError
from annotator.project.project import Project
from annotator.ui.agreement.agreement_dialog import AgreementDialog
from annotator.ui.agreement.disagreement_keys import DisagreementKeys
from annotator.ui.background import TaskRunner
from annotator.ui.workspace import Workspace

TASK = "Agreement"
AGAIN_MS = 250

Request = tuple[tuple[str, ...], tuple[str, ...], Fraction]


class AgreementKeys(QObject):
    """Owns the agreement dialog (one at a time) and its computations."""

    def __init__(self, workspace: Workspace, runner: TaskRunner, disagreements: DisagreementKeys) -> None:
        super().__init__(workspace)
        self._workspace = workspace
        self._runner = runner
        self._disagreements = disagreements
        self.dialog: AgreementDialog | None = None
        self._pending: Request | None = None
        self._last: Request | None = None  # what the dialog shows, to compute again after edits
        self._again_timer = QTimer(self)
        self._again_timer.setSingleShot(True)
        self._again_timer.setInterval(AGAIN_MS)
        self._again_timer.timeout.connect(self._again)
        workspace.project_opened.connect(self._on_workspace_project_opened)
        workspace.project_closing.connect(self._close_dialog)
        workspace.video_changed.connect(lambda _video: self._close_dialog())
        runner.task_failed.connect(self._on_runner_task_failed)

    def open_dialog(self) -> None:
        """The dialog for the current video, its coders all checked, computed at once."""
        workspace = self._workspace
        document, video = workspace.document, workspace.video
        if document is None or video is None:
            workspace.show_message("Open a project and a video to compare its coders", 4000)
            return
        self._close_dialog()
        coders = video_coders(document.store, video.id)
        labels = [label.name for label in document.labels()]
        dialog = AgreementDialog(workspace.dialog_parent, video.name, coders, labels)
        dialog.requested.connect(self._on_dialog_requested)
        dialog.disagreements_requested.connect(self._on_dialog_disagreements_requested)
        self.dialog = dialog
        dialog.show()
        dialog.raise_()
        dialog.request()

    def _close_dialog(self) -> None:
        if self.dialog is not None:
            self.dialog.close()
            self.dialog.deleteLater()
            self.dialog = None
        self._pending = self._last = None

    def _on_dialog_requested(self, coders: tuple[str, ...], labels: tuple[str, ...], iou: Fraction) -> None:
        self._pending = self._last = (coders, labels, iou)
        if TASK not in self._runner.running:
            self._start()

    def _start(self) -> None:
        """Read what the pending request needs now; compute it in the background."""
        document, video, dialog = self._workspace.document, self._workspace.video, self.dialog
        request, self._pending = self._pending, None
        if request is None or document is None or video is None or dialog is None:
            return
        try:
            work = video_agreement_work(document.store, video, *request)
        except ProjectError as error:
            dialog.show_error(str(error))
            return
        self._runner.submit(TASK, lambda _progress: work(), lambda result: self._on_done(dialog, result))

    def _on_done(self, dialog: AgreementDialog, result: VideoAgreement) -> None:
        if self._pending is not None:  # asked again meanwhile: that one is what to show
            self._start()
        elif dialog is self.dialog:
            dialog.show_figures(result)

    def _on_workspace_project_opened(self, _project: Project) -> None:
        document = self._workspace.document
        assert document is not None
        for signal in (document.segment_added, document.segment_changed, document.segment_removed):
            signal.connect(self._schedule_again)
        document.reset.connect(self._schedule_again)

    def _schedule_again(self, *_args: object) -> None:
        if self.dialog is not None and self.dialog.isVisible() and self._last is not None:
            self._again_timer.start()

    def _again(self) -> None:
        """The figures of the last request, from the segments as they are now."""
        if self.dialog is not None and self._last is not None:
            self._on_dialog_requested(*self._last)

    def _on_runner_task_failed(self, name: str, message: str) -> None:
        if name == TASK and self.dialog is not None:
            self.dialog.show_error(f"Agreement failed: {message}")

    def _on_dialog_disagreements_requested(self, coders: tuple[str, str], iou: Fraction) -> None:
        self._disagreements.show(coders, iou)

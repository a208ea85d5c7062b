"""Reviewer mode in the main window: Ctrl+R, the review dock, review keys, playback.

Entering asks the reviewer's name once (the annotator's offered; remembered in ``AppSettings``),
builds a ``ReviewSession`` on the workspace's document, a ``ReviewController`` on its
player and the review panel, and tells the workspace, whose key bindings switch to the
review rows of the key table. Each segment that becomes current is shown on its video,
selected and marked on the timeline, and played with its pre- and post-roll, so a verdict
key is all it takes to see the next one.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDockWidget, QMainWindow

from annotator.domain.segment import Segment, Verdict
from annotator.editing.review_queue import ReviewFilters
from annotator.editing.review_session import ReviewSession
from annotator.ui.app_settings import UserRole
from annotator.ui.project_views import ProjectViews
from annotator.ui.review.review_controller import ReviewController
from annotator.ui.review.review_marks import ReviewMarks
from annotator.ui.review.review_panel import ReviewPanel
from annotator.ui.workspace import Workspace


class ReviewMode(QObject):
    """Owns everything review mode adds; nothing of it exists while off.

    Its dock is added to ``dock_host`` on first use, tabbed with ``beside`` (the segment
    table's dock); ``views`` gives it the timeline."""

    def __init__(
        self,
        workspace: Workspace,
        views: ProjectViews,
        dock_host: QMainWindow,
        beside: QDockWidget | None = None,
    ) -> None:
        super().__init__(workspace)
        self._workspace = workspace
        self._views = views
        self._dock_host = dock_host
        self._beside = beside
        self._toggle: QAction | None = None
        self.session: ReviewSession | None = None
        self.controller: ReviewController | None = None
        self.panel: ReviewPanel | None = None
        self.dock: QDockWidget | None = None
        self._marks: ReviewMarks | None = None
        self._played_id: str | None = None
        workspace.project_closing.connect(self.leave)
        # The workspace reloads the video from its proxy (pausing the engine): hold the
        # review's place before, resume once the reload has been processed.
        workspace.media_swapping.connect(self._on_workspace_media_swapping)
        workspace.media_swapped.connect(self._on_workspace_media_swapped, Qt.ConnectionType.QueuedConnection)

    @property
    def active(self) -> bool:
        return self.session is not None

    # -- entering and leaving ---------------------------------------------------------------
    def attach_toggle(self, action: QAction) -> None:
        """The key table's checkable "Review mode" action (Ctrl+R, the toolbar button)."""
        self._toggle = action
        action.setToolTip("Review segments one by one (Ctrl+R)")

    def enter(self) -> None:
        self._set_checked(True)

    def leave(self) -> None:
        self._set_checked(False)

    def _set_checked(self, on: bool) -> None:
        if self._toggle is not None:
            self._toggle.setChecked(on)  # its ``toggled`` calls set_active
        else:
            self.set_active(on)

    def set_active(self, on: bool) -> None:
        if on and not self.active:
            self._start()
        elif not on and self.active:
            self._stop()

    def _start(self) -> None:
        workspace = self._workspace
        if workspace.document is None:
            workspace.show_message("Open a project to review it", 4000)
            self._set_checked(False)
            return
        reviewer = workspace.user_name(UserRole.REVIEWER)
        self.session = ReviewSession(workspace.document, reviewer, self)
        self.controller = ReviewController(self.session, workspace.engine, self)
        self.panel = ReviewPanel(self.session)
        self.panel.note_finished.connect(self._on_panel_note_finished)
        self._show_dock(self.panel)
        if self._views.timeline is not None:
            self._marks = ReviewMarks(self._views.timeline)
        workspace.set_reviewing(True)
        self.session.current_changed.connect(self._on_session_current_changed)
        self.session.set_filters(ReviewFilters())

    def _stop(self) -> None:
        self._workspace.set_reviewing(False)
        if self.controller is not None:
            self.controller.stop()
            self._workspace.engine.pause()  # the segment under review stops where it is
        if self._marks is not None and self._views.timeline is not None:
            self._marks.remove()
        if self.dock is not None:
            self.dock.hide()
            self.dock.setWidget(None)  # type: ignore[arg-type]
        if self._views.timeline is not None:  # not the docks' tab bar, which takes Left/Right
            self._views.timeline.setFocus()
        for owned in (self.panel, self.controller, self.session):
            if owned is not None:
                owned.deleteLater()
        self.session = self.controller = self.panel = self._marks = None
        self._played_id = None

    def _show_dock(self, panel: ReviewPanel) -> None:
        if self.dock is None:  # made on first use, so a saved layout never shows it empty
            self.dock = QDockWidget("Review", self._dock_host)
            self.dock.setObjectName("dock-review")
            self._dock_host.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
            if self._beside is not None:  # in the table's place, at its size, while reviewing
                self._dock_host.tabifyDockWidget(self._beside, self.dock)
        self.dock.setWidget(panel)
        self.dock.show()
        self.dock.raise_()

    def queue_segments(self, segment_ids: Sequence[str]) -> None:
        """Review exactly these segments (the disagreements' both sides), whatever their
        status: enters review mode if needed; the filter bar's choices queue as before."""
        self.review_segments(segment_ids)
        if self.session is not None:
            self._workspace.show_message(f"Reviewing {len(self.session.queue)} disagreeing segments", 6000)

    def review_segments(self, segment_ids: Sequence[str]) -> None:
        """Review exactly these segments (the search's results, the disagreements), in video
        and time order, whatever their status; review mode starts if it is off."""
        if not segment_ids:
            self._workspace.show_message("Nothing to review: no segments were given", 4000)
            return
        self.enter()
        if self.session is None or self.panel is None:
            return
        filters = ReviewFilters.of_segments(segment_ids)
        self.panel.filter_bar.show_filters(filters)
        self.session.set_filters(filters)

    # -- key targets (rows of ui/key_table.py) --------------------------------------------
    def approve(self) -> None:
        self._judge(Verdict.APPROVED)

    def reject(self) -> None:
        self._judge(Verdict.REJECTED)

    def needs_fix(self) -> None:
        self._judge(Verdict.NEEDS_FIX)

    def _judge(self, verdict: Verdict) -> None:
        if self.session is not None:
            self.session.judge(verdict)

    def edit_note(self) -> None:
        if self.panel is not None:
            self.panel.focus_note()

    def replay(self) -> None:
        if self.controller is not None:
            self.controller.play_current()

    def next(self) -> None:
        if self.session is not None:
            self.session.next()

    def previous(self) -> None:
        if self.session is not None:
            self.session.previous()

    def show_first_frame(self) -> None:
        segment = self.session.current() if self.session is not None else None
        if segment is not None and self.controller is not None:
            self.controller.show_frame(segment.start_frame)

    def show_last_frame(self) -> None:
        segment = self.session.current() if self.session is not None else None
        if segment is not None and self.controller is not None:
            self.controller.show_frame(segment.last_frame)

    def nudge(self, start_delta: int, end_delta: int) -> None:
        """Fix an edge, then show the frame that is now at that edge as a still."""
        if self.session is None or self.controller is None:
            return
        self.session.nudge(start_delta, end_delta)
        segment = self.session.current()
        if segment is not None:
            self.controller.show_frame(segment.start_frame if start_delta else segment.last_frame)

    def relabel_key(self, key: str) -> None:
        if self.session is None:
            return
        label_id = self._workspace.label_for_key(key)
        if label_id is not None:
            self.session.relabel(label_id)

    # -- signals -------------------------------------------------------------------------------
    def _on_session_current_changed(self, segment: Segment | None) -> None:
        workspace = self._workspace
        if segment is None:  # past the last one: the summary
            self._played_id = None
            if self._marks is not None:
                self._marks.set_frames(None, None)
            if self.controller is not None:
                self.controller.stop()
            workspace.engine.pause()
            return
        if workspace.video is None or workspace.video.id != segment.video_id:
            workspace.select_video(segment.video_id)  # loads it, resets the timeline
        if self._marks is not None:
            self._marks.set_frames(segment.start_frame, segment.last_frame)
        if self._views.timeline is not None:
            self._views.timeline.select_segments([segment.id])
        if segment.id != self._played_id and self.controller is not None:
            self._played_id = segment.id  # a fix to the same segment shows a still instead
            self.controller.play_current()

    def _on_workspace_media_swapping(self, video_id: int) -> None:
        """The video on screen is about to be reloaded: keep the review's place."""
        video = self._workspace.video
        if self.controller is not None and video is not None and video.id == video_id:
            self.controller.hold()

    def _on_workspace_media_swapped(self, _video_id: int) -> None:
        if self.controller is not None:
            self.controller.resume()

    def _on_panel_note_finished(self) -> None:
        """Return or Escape in the note: give the keys back to the window (A, R, F...)."""
        if self.panel is not None:
            self.panel.note_edit.clearFocus()
        if self._views.timeline is not None:
            self._views.timeline.setFocus()

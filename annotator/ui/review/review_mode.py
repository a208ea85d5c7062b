"""Reviewer mode in the main window: Ctrl+R, the review dock, review keys, playback.

Entering asks the reviewer's name once (remembered in ``AppSettings.reviewer_name``),
builds a ``ReviewSession`` on the window's document, a ``ReviewController`` on its player
and the review panel, and switches the keyboard to the review action set. Each segment
that becomes current is shown on its video, selected and marked on the timeline, and
played with its pre- and post-roll, so a verdict key is all it takes to see the next one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDockWidget, QInputDialog, QMenuBar

from annotator.domain.segment import Segment, Verdict
from annotator.editing.review_queue import ReviewFilters
from annotator.editing.review_session import ReviewSession
from annotator.ui.review.review_controller import ReviewController
from annotator.ui.review.review_keys import ReviewKeys
from annotator.ui.review.review_marks import ReviewMarks
from annotator.ui.review.review_panel import ReviewPanel

if TYPE_CHECKING:
    from annotator.ui.main_window import MainWindow


class ReviewMode(QObject):
    """Owns everything review mode adds to ``window``; nothing of it exists while off."""

    mode_changed = Signal(bool)

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self.toggle_action = QAction("Review mode", window)
        self.toggle_action.setCheckable(True)
        self.toggle_action.setShortcut(QKeySequence("Ctrl+R"))
        self.toggle_action.setToolTip("Review segments one by one (Ctrl+R)")
        self.toggle_action.toggled.connect(self._on_toggle_action_toggled)
        window.addAction(self.toggle_action)
        self.keys = ReviewKeys(window, self, window.actions_by_name.values())
        self.session: ReviewSession | None = None
        self.controller: ReviewController | None = None
        self.panel: ReviewPanel | None = None
        self.dock: QDockWidget | None = None
        self._marks: ReviewMarks | None = None
        self._played_id: str | None = None
        # The window reloads the video from its proxy (pausing the engine): hold the
        # review's place before, resume once the reload has been processed.
        window.media_swapping.connect(self._on_window_media_swapping)
        window.media_swapped.connect(self._on_window_media_swapped, Qt.ConnectionType.QueuedConnection)

    @property
    def active(self) -> bool:
        return self.session is not None

    def build_menu(self, bar: QMenuBar) -> None:
        menu = bar.addMenu("&Review")
        menu.addAction(self.toggle_action)
        menu.addSeparator()
        for action in self.keys.actions.values():
            menu.addAction(action)

    # -- entering and leaving ---------------------------------------------------------------
    def enter(self) -> None:
        self.toggle_action.setChecked(True)

    def leave(self) -> None:
        self.toggle_action.setChecked(False)

    def _on_toggle_action_toggled(self, on: bool) -> None:
        if on and not self.active:
            self._start()
        elif not on and self.active:
            self._stop()

    def _start(self) -> None:
        window = self._window
        if window.document is None:
            window.statusBar().showMessage("Open a project to review it", 4000)
            self.toggle_action.setChecked(False)
            return
        self.session = ReviewSession(window.document, self._reviewer_name(), self)
        self.controller = ReviewController(self.session, window.engine, self)
        self.panel = ReviewPanel(self.session)
        self.panel.note_finished.connect(self._on_panel_note_finished)
        self._show_dock(self.panel)
        if window.timeline is not None:
            self._marks = ReviewMarks(window.timeline)
        self.keys.set_active(True)
        self.session.current_changed.connect(self._on_session_current_changed)
        self.session.set_filters(ReviewFilters())
        self.mode_changed.emit(True)

    def _stop(self) -> None:
        self.keys.set_active(False)
        if self.controller is not None:
            self.controller.stop()
            self._window.engine.pause()  # the segment under review stops where it is
        if self._marks is not None and self._window.timeline is not None:
            self._marks.remove()
        if self.dock is not None:
            self.dock.hide()
            self.dock.setWidget(None)  # type: ignore[arg-type]
        for owned in (self.panel, self.controller, self.session):
            if owned is not None:
                owned.deleteLater()
        self.session = self.controller = self.panel = self._marks = None
        self._played_id = None
        self.mode_changed.emit(False)

    def _show_dock(self, panel: ReviewPanel) -> None:
        if self.dock is None:  # made on first use, so a saved layout never shows it empty
            self.dock = QDockWidget("Review", self._window)
            self.dock.setObjectName("dock-review")
            self._window.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.dock)
        self.dock.setWidget(panel)
        self.dock.show()
        self.dock.raise_()

    def _reviewer_name(self) -> str:
        settings = self._window.settings
        name = settings.reviewer_name
        if not name and self._window.ask_names:
            question = "Your name (stored with every verdict):"
            name, ok = QInputDialog.getText(self._window, "Reviewer", question)
            name = name.strip() if ok else ""
            if name:
                settings.reviewer_name = name
        return name or settings.annotator_name

    # -- key targets (see review_keys.REVIEW_KEYS) -------------------------------------------
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
        if self.session is None or self._window.document is None:
            return
        label = next((lab for lab in self._window.document.labels() if lab.key == key), None)
        if label is None or label.id is None:
            self._window.statusBar().showMessage(f"No label has key {key}", 3000)
            return
        self.session.relabel(label.id)

    # -- signals -------------------------------------------------------------------------------
    def _on_session_current_changed(self, segment: Segment | None) -> None:
        window = self._window
        if segment is None:  # past the last one: the summary
            self._played_id = None
            if self._marks is not None:
                self._marks.set_frames(None, None)
            if self.controller is not None:
                self.controller.stop()
            window.engine.pause()
            return
        if window.video is None or window.video.id != segment.video_id:
            window.video_list.select_video(segment.video_id)  # loads it, resets the timeline
        if self._marks is not None:
            self._marks.set_frames(segment.start_frame, segment.last_frame)
        if window.timeline is not None:
            window.timeline.select_segments([segment.id])
        if segment.id != self._played_id and self.controller is not None:
            self._played_id = segment.id  # a fix to the same segment shows a still instead
            self.controller.play_current()

    def _on_window_media_swapping(self, video_id: int) -> None:
        """The window is about to reload the video on screen: keep the review's place."""
        window = self._window
        if self.controller is not None and window.video is not None and window.video.id == video_id:
            self.controller.hold()

    def _on_window_media_swapped(self, _video_id: int) -> None:
        if self.controller is not None:
            self.controller.resume()

    def _on_panel_note_finished(self) -> None:
        """Return or Escape in the note: give the keys back to the window (A, R, F...)."""
        if self.panel is not None:
            self.panel.note_edit.clearFocus()
        if self._window.timeline is not None:
            self._window.timeline.setFocus()

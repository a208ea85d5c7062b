"""Analyze ▸ Disagreements: the dock that lists where two coders differ on the current
video, the keys that go through the list (each place played with a second of pre-roll, as
review mode plays a segment), resolve one (keep A's, keep B's, adjust: one undoable
step of the document, ``editing.disagreement_resolution``), or queue them all for review.

The list is computed by ``project.coder_segments.coder_disagreements`` and listed again
when the document says something changed: ``REFRESH_MS`` after the last change while the
dock is shown (a drag's many moves, or a step's several signals, make one listing), else
as soon as the dock or a key needs it. The place in the list is kept.
"""

from __future__ import annotations

from dataclasses import replace
from fractions import Fraction

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtWidgets import QDockWidget, QMainWindow

from annotator.analysis.disagreements import Disagreement
from annotator.domain.segment import SegmentError
from annotator.editing.disagreement_resolution import Resolution, resolve_disagreement, suggested_bounds
from annotator.editing.review_queue import DEFAULT_POSTROLL_S, DEFAULT_PREROLL_S, play_range
from annotator.project.coder_segments import coder_disagreements, video_coders
from annotator.project.errors import ProjectError
from annotator.project.project import Project
from annotator.ui import dialogs
from annotator.ui.agreement.disagreement_panel import DisagreementPanel, describe
from annotator.ui.player.range_player import RangePlayer
from annotator.ui.project_views import ProjectViews
from annotator.ui.review.review_mode import ReviewMode
from annotator.ui.workspace import Workspace

REFRESH_MS = 120
_DONE = {Resolution.KEEP_A: "kept A's", Resolution.KEEP_B: "kept B's", Resolution.ADJUST: "adjusted"}


class DisagreementKeys(QObject):
    """Owns the disagreements dock (made on first use) and the disagreement keys."""

    def __init__(
        self,
        workspace: Workspace,
        views: ProjectViews,
        review: ReviewMode,
        dock_host: QMainWindow,
        beside: QDockWidget | None = None,
    ) -> None:
        super().__init__(workspace)
        self._workspace = workspace
        self._views = views
        self._review = review
        self._dock_host = dock_host
        self._beside = beside
        self.panel: DisagreementPanel | None = None
        self.dock: QDockWidget | None = None
        self.listed: list[Disagreement] = []
        self._player = RangePlayer(workspace.engine, workspace)
        self._stale = False
        self._refresh_timer = QTimer(self)
        self._refresh_timer.setSingleShot(True)
        self._refresh_timer.setInterval(REFRESH_MS)
        self._refresh_timer.timeout.connect(self._refresh)
        workspace.project_opened.connect(self._on_workspace_project_opened)
        workspace.project_closed.connect(self._on_workspace_project_closed)
        workspace.video_changed.connect(lambda _video: self._fill_coders())

    # -- key targets (rows of ui/key_table.py) --------------------------------------------------
    def show(self, coders: tuple[str, str] | None = None, iou: Fraction | None = None) -> None:
        """Show the dock (Ctrl+Shift+D), listing ``coders``' disagreements if given."""
        if self.dock is None:
            self._make_dock()
        assert self.panel is not None
        assert self.dock is not None
        if iou is not None:
            self.panel.set_iou(iou)
        self._fill_coders(coders)
        self.dock.show()
        self.dock.raise_()

    def step(self, direction: int) -> None:
        """Go to the next (1) or previous (-1) disagreement and play it with pre-roll."""
        if self.panel is None:
            self.show()
        assert self.panel is not None
        self._fresh()
        if not self.listed:
            self._workspace.show_message("No disagreements listed", 4000)
            return
        row = self.panel.current_row()
        if row is None:
            frame = self._workspace.current_frame
            after = [i for i, d in enumerate(self.listed) if d.start_frame > frame]
            before = [i for i, d in enumerate(self.listed) if d.start_frame < frame]
            chosen = after[:1] if direction > 0 else before[-1:]
            row = chosen[0] if chosen else None
        elif 0 <= row + direction < len(self.listed):
            row += direction
        else:
            row = None
        if row is None:
            self._workspace.show_message(
                f"No disagreement {'after' if direction > 0 else 'before'} this one", 4000
            )
        elif row == self.panel.current_row():
            self._jump(row)
        else:
            self.panel.set_current_row(row)  # its row_chosen jumps there

    def resolve(self, resolution: Resolution) -> None:
        """Resolve the current disagreement (adjust asks for the bounds): one undo step."""
        document, video = self._workspace.document, self._workspace.video
        self._fresh()
        row = self.panel.current_row() if self.panel is not None else None
        if document is None or video is None or row is None:
            self._workspace.show_message("Choose a disagreement first (D goes to the next one)", 4000)
            return
        found = self.listed[row]
        bounds = None
        if resolution == Resolution.ADJUST:
            asked = dialogs.ask_bounds(
                self._workspace.dialog_parent,
                "Adjust the disagreement",
                suggested_bounds(found),
                document.frame_count(video.id),
            )
            if asked is None:
                return
            bounds = asked
        try:
            kept = resolve_disagreement(document, found, resolution, bounds)
        except (LookupError, SegmentError) as error:
            self._workspace.show_message(f"Not resolved: {error}", 8000)
            return
        what = f"{kept.start_frame}-{kept.end_frame} kept" if kept is not None else "both removed"
        self._workspace.show_message(f"Resolved ({_DONE[resolution]}): {what}; Ctrl+Z undoes it", 8000)

    def adjust(self) -> None:
        self.resolve(Resolution.ADJUST)

    def review(self) -> None:
        """Review mode, its queue the listed disagreements' segments."""
        self._fresh()
        ids = [segment_id for found in self.listed for segment_id in found.segment_ids]
        if not ids:
            self._workspace.show_message("No disagreements to review", 4000)
            return
        self._review.queue_segments(ids)

    # -- the dock --------------------------------------------------------------------------------
    def _make_dock(self) -> None:
        self.panel = DisagreementPanel()
        self.dock = QDockWidget("Disagreements", self._dock_host)
        self.dock.setObjectName("dock-disagreements")
        self.dock.setWidget(self.panel)
        self._dock_host.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
        if self._beside is not None:
            self._dock_host.tabifyDockWidget(self._beside, self.dock)
        self.panel.choice_changed.connect(self._refresh)
        self.panel.row_chosen.connect(self._jump)
        self.panel.row_activated.connect(self._jump)
        self.panel.resolve_requested.connect(self.resolve)
        self.panel.review_requested.connect(self.review)
        self.dock.visibilityChanged.connect(lambda visible: self._fresh() if visible else None)

    def _fill_coders(self, chosen: tuple[str, str] | None = None) -> None:
        document, video = self._workspace.document, self._workspace.video
        if self.panel is None:
            return
        coders = video_coders(document.store, video.id) if document and video else []
        self.panel.set_coders(coders, chosen)
        self._refresh()

    def _schedule_refresh(self, *_args: object) -> None:
        """List again shortly while the dock is shown; else when it is needed."""
        if self.panel is None or self.dock is None:
            return
        self._stale = True
        if self.dock.isVisible():
            self._refresh_timer.start()

    def _fresh(self) -> None:
        """The list as the document is now, before a key acts on it."""
        if self._stale:
            self._refresh()

    def _refresh(self) -> None:
        self._refresh_timer.stop()
        self._stale = False
        panel, document, video = self.panel, self._workspace.document, self._workspace.video
        if panel is None:
            return
        row = panel.current_row()
        before = self.listed[row].segment_ids if row is not None and row < len(self.listed) else None
        coders, note = panel.coders(), ""
        found: list[Disagreement] = []
        if document is None or video is None:
            note = "Open a project and a video"
        elif coders is None:
            note = "Choose two different coders (the video's annotators)"
        else:
            try:
                found = coder_disagreements(
                    document.store, video.id, coders, (), panel.min_iou(), panel.tolerance.value()
                )
            except ProjectError as error:
                note = str(error)
        self.listed = found
        same = [i for i, d in enumerate(found) if d.segment_ids == before]
        current = same[0] if same else row
        names = {label.id: label.name for label in document.labels(include_archived=True)} if document else {}
        fps = video.info.fps if video is not None else Fraction(25)
        panel.set_disagreements(found, {k: v for k, v in names.items() if k is not None}, fps, current, note)

    def _jump(self, row: int) -> None:
        """Select the disagreement's segments and play its frames with pre- and post-roll."""
        video = self._workspace.video
        if video is None or not 0 <= row < len(self.listed):
            return
        found = self.listed[row]
        self._views.select_segments(list(found.segment_ids))
        side = found.a or found.b
        assert side is not None
        span = replace(side, start_frame=found.start_frame, end_frame=found.end_frame)
        played = play_range(span, video.info.times(), DEFAULT_PREROLL_S, DEFAULT_POSTROLL_S)
        self._player.play(played.first_frame, played.stop_frame)
        coders = self.panel.coders() if self.panel is not None else None
        text = describe(found, coders or ("A", "B"))
        self._workspace.show_message(
            f"Disagreement {row + 1} / {len(self.listed)}: {text} (Shift+A keeps A's, Shift+B B's)", 15000
        )

    # -- the workspace ---------------------------------------------------------------------------
    def _on_workspace_project_opened(self, _project: Project) -> None:
        document = self._workspace.document
        assert document is not None
        for signal in (
            document.segment_added,
            document.segment_changed,
            document.segment_removed,
            document.labels_changed,
            document.reset,
        ):
            signal.connect(self._schedule_refresh)

    def _on_workspace_project_closed(self) -> None:
        self._player.cancel()
        self.listed = []
        if self.panel is not None:
            self.panel.set_coders([])
            self.panel.set_disagreements([], {}, Fraction(25), None, "Open a project and a video")

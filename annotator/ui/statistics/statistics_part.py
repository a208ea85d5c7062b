"""The statistics dock in the window (View ▸ Statistics): airtime per label, video or
annotator (``project.statistics``, what ``annotator stats`` prints) and the current
video's label-by-time strip, drawn again after edits while the dock shows. A click on a
bar works through what exists: a label's bar sets the segment table's own label filter,
an annotator's its text filter, a video's makes that video current."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QDockWidget, QMainWindow

from annotator.domain.video import Video
from annotator.project.project import Project
from annotator.project.statistics import label_spans, project_statistics
from annotator.ui.project_views import ProjectViews
from annotator.ui.statistics.statistics_panel import StatisticsPanel
from annotator.ui.while_shown import WhileShown
from annotator.ui.workspace import Workspace

REDRAW_MS = 100
"""After an edit, the charts are drawn again this much later (a drag: once)."""


class StatisticsPart(QObject):
    def __init__(self, workspace: Workspace, views: ProjectViews, dock_host: QMainWindow) -> None:
        super().__init__(workspace)
        self._workspace = workspace
        self._views = views
        self.panel = StatisticsPanel()
        self.panel.setEnabled(False)
        self.dock = QDockWidget("Statistics", dock_host)
        self.dock.setObjectName("dock-statistics")
        self.dock.setWidget(self.panel)
        dock_host.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.dock)
        self.dock.hide()
        self._follow = WhileShown(self.dock, self.refresh, REDRAW_MS, owed=True)
        self.panel.by_changed.connect(lambda _by: self.refresh())
        self.panel.bar_clicked.connect(self._on_panel_bar_clicked)
        workspace.project_opened.connect(self._on_workspace_project_opened)
        workspace.project_closed.connect(self._on_workspace_project_closed)
        workspace.video_changed.connect(self._on_workspace_video_changed)

    def refresh(self) -> None:
        """Draw both charts from the project as it is now."""
        project, video = self._workspace.project, self._workspace.video
        if project is None:
            return
        self._follow.owed = False
        colours = {label.name: label.colour for label in project.store.labels(include_archived=True)}
        self.panel.show_statistics(project_statistics(project, by=str(self.panel.by.currentData())), colours)
        if video is not None:
            order = [label.name for label in project.store.labels(include_archived=True)]
            duration = float(video.info.times().duration_s)
            spans = label_spans(project, video.id)
            self.panel.show_strip(f"Labels over time: {video.name}", duration, spans, order, colours)

    # -- following the project ------------------------------------------------------------------
    def _changed(self, *_args: object) -> None:
        """Draw again soon while the dock shows; else when it is shown."""
        self._follow.changed()

    def _on_workspace_project_opened(self, _project: Project) -> None:
        document = self._workspace.document
        assert document is not None
        for signal in (
            document.segment_added,
            document.segment_changed,
            document.segment_removed,
            document.labels_changed,
            document.review_added,
            document.review_removed,
            document.reset,
        ):
            signal.connect(self._changed)
        self.panel.setEnabled(True)
        self._changed()

    def _on_workspace_project_closed(self) -> None:
        self._follow.stop(owed=True)
        self.panel.setEnabled(False)

    def _on_workspace_video_changed(self, _video: Video) -> None:
        self._changed()

    def _on_panel_bar_clicked(self, by: str, name: str) -> None:
        if by == "label":
            self._views.filter_table(label=name)
        elif by == "annotator":
            self._views.filter_table(text=name)
        elif by == "video" and self._workspace.project is not None:
            video = next((v for v in self._workspace.project.store.videos() if v.name == name), None)
            if video is not None:
                self._workspace.select_video(video.id)

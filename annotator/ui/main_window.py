"""The annotation window: a composition of the player, the project's views, the video list,
the review dock, the menus and the keys around one ``Workspace``.

It builds the parts and places them; the parts talk through the workspace (the open
project, its document, the current video, the player engine) and never through the window.
Only the composition root (``annotator.app``) imports this module.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent, QShowEvent
from PySide6.QtWidgets import QDockWidget, QMainWindow, QWidget

from annotator.domain.video import Video
from annotator.project.project import Project
from annotator.ui.agreement.agreement_keys import AgreementKeys
from annotator.ui.agreement.disagreement_keys import DisagreementKeys
from annotator.ui.analysis_tasks import AnalysisTasks
from annotator.ui.app_settings import AppSettings
from annotator.ui.background import TaskRunner
from annotator.ui.coding_keys import CodingKeys
from annotator.ui.elided_label import StatusLine
from annotator.ui.key_bindings import KeyBindings
from annotator.ui.key_table import KeyOwners, key_table
from annotator.ui.media_tasks import MediaTasks
from annotator.ui.menus import build_menus
from annotator.ui.player.player_panel import PlayerPanel
from annotator.ui.project_actions import ProjectActions
from annotator.ui.project_views import ProjectViews
from annotator.ui.proposal_keys import ProposalKeys
from annotator.ui.review.review_mode import ReviewMode
from annotator.ui.search.search_part import SearchPart
from annotator.ui.shot_keys import ShotKeys
from annotator.ui.statistics.statistics_part import StatisticsPart
from annotator.ui.status_widgets import CodingLabel, OthersLabel, TaskCancelButton, TaskProgress, UserLabel
from annotator.ui.transport import Transport
from annotator.ui.undo_redo import UndoRedo
from annotator.ui.user_settings import UserSettings
from annotator.ui.video_list import VideoList
from annotator.ui.video_loader import VideoLoader
from annotator.ui.video_picker import VideoPicker
from annotator.ui.window_layout import default_layout
from annotator.ui.workspace import Workspace


class MainWindow(QMainWindow):
    """One window, one open project at a time."""

    def __init__(self, settings: AppSettings | None = None, ask_names: bool = True) -> None:
        super().__init__()
        self.settings = settings or AppSettings()
        self.setWindowTitle("Annotator")
        self.setAcceptDrops(True)
        self.status_line = StatusLine()
        self.workspace = Workspace(self.settings, self, self.status_line.show_message, ask_names)
        self.runner = TaskRunner(self)
        self.media_tasks = MediaTasks(self.runner, self)
        self._build_widgets()
        self._build_parts()
        self.keys = KeyBindings(self, key_table(self._key_owners()))
        self.workspace.review_mode_changed.connect(self.keys.set_review_mode)
        docks = (
            self.video_dock,
            self.table_dock,
            self.vocabulary_dock,
            self.search.dock,
            self.statistics.dock,
        )
        toolbar = build_menus(self, self.keys, self.project_actions.fill_recent_menu, docks)
        toolbar.addSeparator()
        toolbar.addWidget(self.video_picker)
        self._connect()
        self._layout_restored = self._restore_layout()
        self.player_panel.view.set_message("Open a project (File ▸ Open project…) or drop videos here")

    # -- building -----------------------------------------------------------------------------
    def _build_widgets(self) -> None:
        """The video in the middle, the table beside it, the timeline along the bottom
        (both bottom corners belong to it, so it spans the full width); the video list
        starts hidden: the toolbar's video box picks the video."""
        self.player_panel = PlayerPanel(self.workspace.engine)
        self.setCentralWidget(self.player_panel)
        self.video_list = VideoList()
        self.video_picker = VideoPicker()
        self.video_dock = self._dock("Videos", self.video_list, Qt.DockWidgetArea.LeftDockWidgetArea)
        self.video_dock.hide()
        self.table_dock = self._dock("Segments", QWidget(), Qt.DockWidgetArea.RightDockWidgetArea)
        self.vocabulary_dock = self._dock("Vocabulary", QWidget(), Qt.DockWidgetArea.RightDockWidgetArea)
        self.tabifyDockWidget(self.table_dock, self.vocabulary_dock)
        self.table_dock.raise_()
        self.timeline_dock = self._dock("Timeline", QWidget(), Qt.DockWidgetArea.BottomDockWidgetArea)
        self.timeline_dock.setFeatures(QDockWidget.DockWidgetFeature.NoDockWidgetFeatures)
        self.timeline_dock.setTitleBarWidget(QWidget())  # the main tool: always there, no title
        self.setCorner(Qt.Corner.BottomLeftCorner, Qt.DockWidgetArea.BottomDockWidgetArea)
        self.setCorner(Qt.Corner.BottomRightCorner, Qt.DockWidgetArea.BottomDockWidgetArea)
        self.coding_label = CodingLabel(self.workspace)
        self.progress = TaskProgress(self.runner)
        self.statusBar().addWidget(self.status_line, 1)
        self.statusBar().addPermanentWidget(self.coding_label)
        self.statusBar().addPermanentWidget(UserLabel(self.workspace))
        self.others_label = OthersLabel(self.workspace)
        self.statusBar().addPermanentWidget(self.others_label)
        self.statusBar().addPermanentWidget(self.progress)
        self.statusBar().addPermanentWidget(TaskCancelButton(self.runner))

    def _build_parts(self) -> None:
        """The objects that own the window's behaviour; each gets the workspace."""
        workspace = self.workspace
        self.views = ProjectViews(workspace, self.timeline_dock, self.table_dock, self.vocabulary_dock)
        self.video_loader = VideoLoader(workspace, self.media_tasks, self.player_panel)
        self.transport = Transport(workspace)
        self.coding_keys = CodingKeys(workspace, self.views.selected_segment_ids)
        self.undo_redo = UndoRedo(workspace)
        self.project_actions = ProjectActions(workspace, self.runner, self.views.selected_segment_ids)
        self.review = ReviewMode(workspace, self.views, self, self.table_dock)  # Ctrl+R, keys, dock
        self.user_settings = UserSettings(workspace)
        # After the views: on a new video the timeline is emptied before the analysis is shown.
        self.analysis = AnalysisTasks(workspace, self.runner, self.views.selected_label_id)
        self.shot_keys = ShotKeys(workspace, self.analysis, self.views)
        self.proposal_keys = ProposalKeys(workspace, self.views)
        self.disagreements = DisagreementKeys(workspace, self.views, self.review, self, self.table_dock)
        self.agreement = AgreementKeys(workspace, self.runner, self.disagreements)
        self.search = SearchPart(workspace, self.views, self.review, self, self.table_dock)  # Ctrl+F
        self.statistics = StatisticsPart(workspace, self.views, self)  # View ▸ Statistics

    def _key_owners(self) -> KeyOwners:
        return KeyOwners(
            self.transport,
            self.coding_keys,
            self.views,
            self.undo_redo,
            self.project_actions,
            self.review,
            self.user_settings,
            self.analysis,
            self.shot_keys,
            self.proposal_keys,
            self.agreement,
            self.disagreements,
            self.search,
            self.close,
        )

    def _dock(self, title: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(f"dock-{title.lower()}")
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        return dock

    def _connect(self) -> None:
        workspace = self.workspace
        workspace.project_opened.connect(self._on_workspace_project_opened)
        workspace.project_closed.connect(self.video_list.clear)
        workspace.project_closed.connect(self.video_picker.clear_videos)
        workspace.videos_changed.connect(self._on_workspace_videos_changed)
        workspace.video_changed.connect(self._on_workspace_video_changed)
        self.video_list.video_selected.connect(workspace.select_video)
        self.video_picker.video_selected.connect(workspace.select_video)
        self.video_list.itemDoubleClicked.connect(lambda _item: self.project_actions.relink_current())
        self.media_tasks.waveform_ready.connect(self.views.set_waveform)
        self.media_tasks.thumbnails_ready.connect(self.views.set_thumbnails)
        self.analysis.analysis_ready.connect(self.views.set_analysis)
        self.views.more_like_requested.connect(self.analysis.more_like)
        self.media_tasks.failed.connect(lambda message: self.status_line.show_message(message, 10000))

    def _restore_layout(self) -> bool:
        """The user's own arrangement, as it was left; False on first use (no saved state),
        when ``showEvent`` applies the defaults for the screen."""
        geometry, state = self.settings.window_state()
        if geometry is None or state is None:
            screen = self.screen()
            if screen is not None:
                self.setGeometry(screen.availableGeometry())
            return False
        self.restoreGeometry(geometry)
        return self.restoreState(state)

    def apply_default_layout(self) -> None:
        """The first-use sizes (``window_layout.default_layout``) for the window's size."""
        layout = default_layout(self.geometry())
        self.resizeDocks([self.table_dock], [layout.table_width_px], Qt.Orientation.Horizontal)
        self.resizeDocks([self.timeline_dock], [layout.timeline_height_px], Qt.Orientation.Vertical)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._layout_restored:
            self._layout_restored = True
            self.apply_default_layout()

    # -- following the workspace --------------------------------------------------------------
    def _on_workspace_project_opened(self, project: Project) -> None:
        self.setWindowTitle(f"Annotator — {project.name}")

    def _on_workspace_videos_changed(self, videos: list[Video]) -> None:
        current = self.workspace.video.id if self.workspace.video is not None else None
        self.video_list.set_videos(videos, self.workspace.missing, current)
        self.video_picker.set_videos(videos, self.workspace.missing, current)

    def _on_workspace_video_changed(self, video: Video) -> None:
        self.video_list.show_current(video.id)
        self.video_picker.show_current(video.id)

    # -- window events --------------------------------------------------------------------------
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [Path(url.toLocalFile()) for url in event.mimeData().urls() if url.isLocalFile()]
        self.project_actions.add_videos(paths)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.settings.save_window_state(self.saveGeometry(), self.saveState())
        self.settings.sync()
        self.workspace.shutdown()
        self.runner.wait(2000)
        super().closeEvent(event)

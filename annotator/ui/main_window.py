"""The annotation window: a composition of the player, the project's views, the video list,
the review dock, the menus and the keys around one ``Workspace``.

It builds the parts and places them; the parts talk through the workspace (the open
project, its document, the current video, the player engine) and never through the window.
Only the composition root (``annotator.app``) imports this module.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QDockWidget, QMainWindow, QSplitter, QWidget

from annotator.domain.video import Video
from annotator.project.project import Project
from annotator.ui.app_settings import AppSettings
from annotator.ui.background import TaskRunner
from annotator.ui.coding_keys import CodingKeys
from annotator.ui.key_bindings import KeyBindings
from annotator.ui.key_table import KeyOwners, key_table
from annotator.ui.media_tasks import MediaTasks
from annotator.ui.menus import build_menus
from annotator.ui.player.player_panel import PlayerPanel
from annotator.ui.project_actions import ProjectActions
from annotator.ui.project_views import ProjectViews
from annotator.ui.review.review_mode import ReviewMode
from annotator.ui.status_widgets import CodingLabel, TaskProgress
from annotator.ui.transport import Transport
from annotator.ui.undo_redo import UndoRedo
from annotator.ui.video_list import VideoList
from annotator.ui.video_loader import VideoLoader
from annotator.ui.workspace import Workspace


class MainWindow(QMainWindow):
    """One window, one open project at a time."""

    def __init__(self, settings: AppSettings | None = None, ask_names: bool = True) -> None:
        super().__init__()
        self.settings = settings or AppSettings()
        self.setWindowTitle("Annotator")
        self.setAcceptDrops(True)
        self.workspace = Workspace(self.settings, self, self.statusBar().showMessage, ask_names)
        self.runner = TaskRunner(self)
        self.media_tasks = MediaTasks(self.runner, self)
        self._build_widgets()
        self._build_parts()
        self.keys = KeyBindings(self, key_table(self._key_owners()))
        self.workspace.review_mode_changed.connect(self.keys.set_review_mode)
        docks = (self.video_dock, self.table_dock, self.vocabulary_dock)
        build_menus(self, self.keys, self.project_actions.fill_recent_menu, docks)
        self._connect()
        self._restore_layout()
        self.player_panel.view.set_message("Open a project (File ▸ Open project…) or drop videos here")

    # -- building -----------------------------------------------------------------------------
    def _build_widgets(self) -> None:
        self.player_panel = PlayerPanel(self.workspace.engine)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(self.player_panel)
        self.setCentralWidget(self.splitter)
        self.video_list = VideoList()
        self.video_dock = self._dock("Videos", self.video_list, Qt.DockWidgetArea.LeftDockWidgetArea)
        self.table_dock = self._dock("Segments", QWidget(), Qt.DockWidgetArea.RightDockWidgetArea)
        self.vocabulary_dock = self._dock("Vocabulary", QWidget(), Qt.DockWidgetArea.RightDockWidgetArea)
        self.tabifyDockWidget(self.table_dock, self.vocabulary_dock)
        self.table_dock.raise_()
        self.coding_label = CodingLabel(self.workspace)
        self.progress = TaskProgress(self.runner)
        self.statusBar().addPermanentWidget(self.coding_label)
        self.statusBar().addPermanentWidget(self.progress)

    def _build_parts(self) -> None:
        """The objects that own the window's behaviour; each gets the workspace."""
        workspace = self.workspace
        self.views = ProjectViews(workspace, self.splitter, self.table_dock, self.vocabulary_dock)
        self.video_loader = VideoLoader(workspace, self.media_tasks, self.player_panel)
        self.transport = Transport(workspace)
        self.coding_keys = CodingKeys(workspace, self.views.selected_segment_ids)
        self.undo_redo = UndoRedo(workspace)
        self.project_actions = ProjectActions(workspace, self.runner)
        self.review = ReviewMode(workspace, self.views, self)  # Ctrl+R, its own keys and dock

    def _key_owners(self) -> KeyOwners:
        return KeyOwners(
            self.transport,
            self.coding_keys,
            self.views,
            self.undo_redo,
            self.project_actions,
            self.review,
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
        workspace.videos_changed.connect(self._on_workspace_videos_changed)
        workspace.video_changed.connect(self._on_workspace_video_changed)
        self.video_list.video_selected.connect(workspace.select_video)
        self.video_list.itemDoubleClicked.connect(lambda _item: self.project_actions.relink_current())
        self.media_tasks.waveform_ready.connect(self.views.set_waveform)
        self.media_tasks.thumbnails_ready.connect(self.views.set_thumbnails)
        self.media_tasks.failed.connect(lambda message: self.statusBar().showMessage(message, 10000))

    def _restore_layout(self) -> None:
        geometry, state = self.settings.window_state()
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1400, 900)
        if state is not None:
            self.restoreState(state)

    # -- following the workspace --------------------------------------------------------------
    def _on_workspace_project_opened(self, project: Project) -> None:
        """The views are in place (``ProjectViews`` built them): size them."""
        self.splitter.setSizes([520, 440])
        self.resizeDocks([self.table_dock], [560], Qt.Orientation.Horizontal)
        self.setWindowTitle(f"Annotator — {project.directory.name}")

    def _on_workspace_videos_changed(self, videos: list[Video]) -> None:
        current = self.workspace.video.id if self.workspace.video is not None else None
        self.video_list.set_videos(videos, self.workspace.missing, current)

    def _on_workspace_video_changed(self, video: Video) -> None:
        self.video_list.show_current(video.id)

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

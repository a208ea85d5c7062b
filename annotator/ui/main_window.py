"""The annotation window: player, timeline, segment table, vocabulary and video list.

It wires views to the document and the player; it holds no annotation logic itself: edits
go to ``AnnotationDocument`` (undoable, stored at once), coding keys to ``CodingSession``.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QDockWidget,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QSplitter,
    QWidget,
)

from annotator.domain.frame_times import FrameTimes
from annotator.domain.goto import parse_position
from annotator.domain.segment import SegmentError
from annotator.domain.video import Video
from annotator.editing.annotation_document import AnnotationDocument
from annotator.editing.coding_session import CodingSession
from annotator.media.frame_source import open_frame_source
from annotator.project.project import Project
from annotator.ui import dialogs
from annotator.ui.app_settings import AppSettings
from annotator.ui.background import TaskRunner
from annotator.ui.key_bindings import bind_keys
from annotator.ui.media_tasks import MediaTasks
from annotator.ui.menus import build_menus
from annotator.ui.player.player_engine import PlayerEngine
from annotator.ui.player.player_panel import PlayerPanel
from annotator.ui.project_actions import ProjectActions
from annotator.ui.review.review_mode import ReviewMode
from annotator.ui.segment_table_widget import SegmentTableWidget
from annotator.ui.timeline.timeline_view import TimelineView
from annotator.ui.video_list import VideoList
from annotator.ui.vocabulary_panel import VocabularyPanel

SPEEDS = (0.25, 0.5, 1.0, 2.0, 4.0)


class MainWindow(QMainWindow):
    """One window, one open project at a time."""

    # The video on screen is about to be reloaded from its new proxy (which pauses the
    # player), and has been: review mode keeps its place across the swap.
    media_swapping = Signal(int)  # video id
    media_swapped = Signal(int)  # video id

    def __init__(self, settings: AppSettings | None = None, ask_names: bool = True) -> None:
        super().__init__()
        self.settings = settings or AppSettings()
        self.ask_names = ask_names
        self.setWindowTitle("Annotator")
        self.setAcceptDrops(True)
        self.project: Project | None = None
        self.document: AnnotationDocument | None = None
        self.coding: CodingSession | None = None
        self.timeline: TimelineView | None = None
        self.table: SegmentTableWidget | None = None
        self.video: Video | None = None
        self.missing: set[int] = set()
        self.runner = TaskRunner(self)
        self.media_tasks = MediaTasks(self.runner, self)
        self.engine = PlayerEngine(self)
        self.player_panel = PlayerPanel(self.engine)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(self.player_panel)
        self.setCentralWidget(self.splitter)
        self.video_list = VideoList()
        self.video_dock = self._dock("Videos", self.video_list, Qt.DockWidgetArea.LeftDockWidgetArea)
        self.table_dock = self._dock("Segments", QWidget(), Qt.DockWidgetArea.RightDockWidgetArea)
        self.vocabulary_dock = self._dock("Vocabulary", QWidget(), Qt.DockWidgetArea.RightDockWidgetArea)
        self.tabifyDockWidget(self.table_dock, self.vocabulary_dock)
        self.table_dock.raise_()
        self._build_status_bar()
        self.actions_by_name: dict[str, QAction] = bind_keys(self)
        self.review = ReviewMode(self)  # Ctrl+R, its own keys and dock
        self.project_actions = ProjectActions(self)
        build_menus(self)
        self._connect()
        self._restore_layout()
        self.player_panel.view.set_message("Open a project (File ▸ Open project…) or drop videos here")

    # -- building -----------------------------------------------------------------------------
    def _dock(self, title: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(f"dock-{title.lower()}")
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        return dock

    def _build_status_bar(self) -> None:
        self.coding_label = QLabel("")
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(220)
        self.progress.setRange(0, 1000)
        self.progress.hide()
        self.statusBar().addPermanentWidget(self.coding_label)
        self.statusBar().addPermanentWidget(self.progress)

    def _connect(self) -> None:
        self.engine.frame_shown.connect(self._on_engine_frame_shown)
        self.engine.playing_changed.connect(self._on_engine_playing_changed)
        self.engine.audio_unavailable.connect(self._on_engine_audio_unavailable)
        self.engine.error_occurred.connect(self._on_engine_error_occurred)
        self.video_list.video_selected.connect(self.select_video)
        self.video_list.itemDoubleClicked.connect(lambda _item: self.project_actions.relink_current())
        self.runner.task_started.connect(self._on_runner_changed)
        self.runner.task_progressed.connect(self._on_runner_task_progressed)
        self.runner.task_finished.connect(self._on_runner_changed)
        self.runner.task_failed.connect(self._on_runner_changed)
        self.media_tasks.proxy_ready.connect(self._on_media_proxy_ready)
        self.media_tasks.waveform_ready.connect(self._on_media_waveform_ready)
        self.media_tasks.thumbnails_ready.connect(self._on_media_thumbnails_ready)
        self.media_tasks.failed.connect(lambda message: self.statusBar().showMessage(message, 10000))

    def _restore_layout(self) -> None:
        geometry, state = self.settings.window_state()
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1400, 900)
        if state is not None:
            self.restoreState(state)

    # -- projects -------------------------------------------------------------------------------
    def open_project(self, path: Path) -> bool:
        """Open the project at ``path``; a broken one leaves the window as it was."""
        try:
            project = Project.open(Path(path))
        except Exception as error:
            QMessageBox.critical(self, "Open project", str(error))
            return False
        self.set_project(project)
        return True

    def set_project(self, project: Project) -> None:
        self.close_project()
        name = self._user_name()
        self.project = project
        self.document = AnnotationDocument(project.store, user=name, parent=self)
        self.coding = CodingSession(self.document, self)
        self.coding.open_labels_changed.connect(self._update_coding_label)
        self.coding.marks_changed.connect(self._update_coding_label)
        self._build_project_views(self.document)
        self.settings.add_recent_project(project.directory)
        self.setWindowTitle(f"Annotator — {project.directory.name}")
        self.project_actions.refresh_undo_actions()
        self.refresh_videos()
        if self.video_list.count():
            self.video_list.setCurrentRow(0)

    def _build_project_views(self, document: AnnotationDocument) -> None:
        self.timeline = TimelineView(document)
        self.splitter.addWidget(self.timeline)
        self.splitter.setSizes([520, 440])
        self.resizeDocks([self.table_dock], [560], Qt.Orientation.Horizontal)
        self.timeline.seek_requested.connect(self.seek)
        self.timeline.segment_activated.connect(self.seek_to_segment)
        self.timeline.selection_changed.connect(self._on_timeline_selection_changed)
        self.table = SegmentTableWidget(document)
        self.table.segment_activated.connect(self.seek_to_segment)
        self.table.selection_changed.connect(self._on_table_selection_changed)
        self.table_dock.setWidget(self.table)
        self.vocabulary = VocabularyPanel(document)
        self.vocabulary_dock.setWidget(self.vocabulary)
        document.undo_stack.indexChanged.connect(self._on_undo_stack_index_changed)
        document.reset.connect(self.refresh_videos)  # an import may add videos
        document.command_refused.connect(lambda message: self.statusBar().showMessage(message, 15000))

    def close_project(self) -> None:
        if self.project is None:
            return
        self.review.leave()
        self.engine.pause()
        if self.timeline is not None:
            self.timeline.setParent(None)
            self.timeline.deleteLater()
        self.table_dock.setWidget(QWidget())
        self.vocabulary_dock.setWidget(QWidget())
        self.timeline = self.table = None
        if self.document is not None:
            self.document.undo_stack.indexChanged.disconnect(self._on_undo_stack_index_changed)
            self.document.deleteLater()
        self.project.close()
        self.project = self.document = self.coding = None
        self.video = None
        self.video_list.clear()

    def _user_name(self) -> str:
        name = self.settings.annotator_name
        if not name and self.ask_names:
            name, ok = QInputDialog.getText(
                self, "Annotator", "Your name (stored with every segment you code):"
            )
            name = name.strip() if ok else ""
            if name:
                self.settings.annotator_name = name
        return name

    def refresh_videos(self) -> None:
        assert self.project is not None
        videos = self.project.store.videos()
        self.missing = {video.id for video in videos if self.project.is_missing(video)}
        self.video_list.set_videos(videos, self.missing, self.video.id if self.video else None)

    # -- videos ----------------------------------------------------------------------------------
    def select_video(self, video_id: int) -> None:
        if self.project is None or self.coding is None or self.timeline is None or self.table is None:
            return
        video = self.project.store.video(video_id)
        self.video = video
        info = video.info
        times = info.times()
        self.coding.set_video(video_id)
        self.timeline.set_video(video_id, info.fps, info.frame_count, times)
        self.table.model.set_video(video_id, info.fps, times)
        self.player_panel.set_fps(info.fps)
        if video_id in self.missing:
            self.engine.pause()
            self.player_panel.view.set_message(
                f"{video.path} is missing: double-click it in Videos to relink"
            )
            return
        source = self.project.video_path(video)
        proxy = self.project.cache.ready_proxy(video.fingerprint, info)
        self._load_media(proxy or source, times)
        if proxy is None:
            self.statusBar().showMessage(
                "Using the original until its proxy is built (stepping is slower)", 8000
            )
        self.media_tasks.start(self.project, video, source, proxy)

    def _load_media(self, path: Path, times: FrameTimes, frame: int = 0) -> None:
        """Load ``path`` (the original or its proxy) at ``frame``; its frame source is
        opened on the decode thread through the project's probe cache."""
        assert self.project is not None
        assert self.video is not None
        opener = partial(open_frame_source, path, self.project.cache)
        self.engine.load(path, times, opener, has_audio=self.video.info.has_audio, frame=frame)

    def _on_media_proxy_ready(self, video_id: int, path: str) -> None:
        if self.video is not None and self.video.id == video_id:
            frame, playing = self.engine.current_frame, self.engine.is_playing
            self.media_swapping.emit(video_id)
            self._load_media(Path(path), self.video.info.times(), frame)
            if playing and not self.review.active:
                self.engine.play()
            self.media_swapped.emit(video_id)
            self.statusBar().showMessage("Proxy ready: stepping and seeking are now instant", 5000)

    def _on_media_waveform_ready(self, video_id: int, peaks: object) -> None:
        if self.timeline is not None and self.video is not None and self.video.id == video_id:
            self.timeline.set_waveform(peaks)  # type: ignore[arg-type]

    def _on_media_thumbnails_ready(self, video_id: int, thumbnails: list) -> None:  # type: ignore[type-arg]
        if self.timeline is not None and self.video is not None and self.video.id == video_id:
            self.timeline.set_thumbnails(thumbnails)

    # -- transport (bound to keys) -------------------------------------------------------------
    @property
    def frame_count(self) -> int:
        return self.video.info.frame_count if self.video else 0

    @property
    def current_frame(self) -> int:
        return self.engine.current_frame

    def seek(self, frame: int) -> None:
        if self.video is not None:
            self.engine.seek_frame(min(max(frame, 0), self.frame_count - 1))

    def toggle_play(self) -> None:
        if self.video is not None:
            self.engine.toggle()

    def step_frames(self, delta: int) -> None:
        if self.video is not None:
            self.engine.step(delta)

    def step_seconds(self, direction: int) -> None:
        if self.video is not None:
            self.engine.step(direction * max(1, round(self.video.info.fps)))

    def shuttle(self, direction: int) -> None:
        if self.video is None:
            return
        if direction > 0:
            self.engine.shuttle_forward()
        elif direction < 0:
            self.engine.shuttle_reverse()
        else:
            self.engine.shuttle_stop()

    def change_speed(self, factor: float) -> None:
        rate = min(max(abs(self.engine.rate) * factor, SPEEDS[0]), SPEEDS[-1])
        self.engine.set_rate(rate)
        self.statusBar().showMessage(f"Speed {rate:g}x", 2000)

    def go_to_start(self) -> None:
        self.seek(0)

    def go_to_end(self) -> None:
        self.seek(self.frame_count - 1)

    def go_to_dialog(self) -> None:
        if self.video is None:
            return
        text = dialogs.ask_position(self, self.video.info.fps)
        if text is None:
            return
        try:
            frame = parse_position(text, self.video.info.times(), self.video.info.fps)
        except ValueError as error:
            QMessageBox.warning(self, "Go to", str(error))
            return
        self.seek(frame)

    def seek_to_segment(self, segment_id: str) -> None:
        if self.document is None:
            return
        segment = self.document.segment(segment_id)
        if self.video is None or segment.video_id != self.video.id:
            self.video_list.select_video(segment.video_id)
        self.seek(segment.start_frame)
        if self.timeline is not None:
            self.timeline.select_segments([segment_id])

    def zoom_in(self) -> None:
        if self.timeline is not None:
            self.timeline.zoom_in()

    def zoom_out(self) -> None:
        if self.timeline is not None:
            self.timeline.zoom_out()

    def zoom_to_fit(self) -> None:
        if self.timeline is not None:
            self.timeline.zoom_to_fit()

    # -- coding (bound to keys) --------------------------------------------------------------
    def label_key(self, key: str) -> None:
        if self.document is None or self.coding is None or self.video is None:
            return
        label = next((lab for lab in self.document.labels() if lab.key == key), None)
        if label is None or label.id is None:
            self.statusBar().showMessage(f"No label has key {key}", 3000)
            return
        try:
            self.coding.press_label(label.id, self.current_frame)
        except SegmentError as error:
            self.statusBar().showMessage(str(error), 5000)

    def mark_in(self) -> None:
        if self.coding is not None and self.video is not None:
            self.coding.set_mark_in(self.current_frame)

    def mark_out(self) -> None:
        if self.coding is not None and self.video is not None:
            self.coding.set_mark_out(self.current_frame)

    def cancel_coding(self) -> None:
        if self.coding is not None:
            self.coding.cancel_open()
            self.coding.clear_marks()

    def selected_segment_ids(self) -> list[str]:
        if self.table is not None and self.table.table.hasFocus():
            return self.table.selected_segment_ids()
        return self.timeline.selected_segment_ids() if self.timeline is not None else []

    def nudge_selected(self, start_delta: int, end_delta: int) -> None:
        if self.document is not None:
            self.document.nudge(self.selected_segment_ids(), start_delta, end_delta)

    def delete_selected(self) -> None:
        if self.document is not None:
            self.document.remove_segments(self.selected_segment_ids())

    def _update_coding_label(self) -> None:
        if self.coding is None or self.document is None:
            self.coding_label.setText("")
            return
        parts = [
            f"● {self.document.label(lid).name} from {start}"
            for lid, start in self.coding.open_labels.items()
        ]
        if self.coding.mark_in is not None:
            parts.append(f"in {self.coding.mark_in}")
        if self.coding.mark_out is not None:
            parts.append(f"out {self.coding.mark_out - 1}")
        self.coding_label.setText("   ".join(parts))

    # -- player and selection signals -----------------------------------------------------------
    def _on_engine_frame_shown(self, frame: int, _image: object) -> None:
        if self.timeline is not None:
            self.timeline.set_playhead(frame)

    def _on_engine_playing_changed(self, playing: bool) -> None:
        if self.timeline is not None:
            self.timeline.set_following(playing)

    def _on_engine_audio_unavailable(self, message: str) -> None:
        self.statusBar().showMessage(message, 15000)

    def _on_engine_error_occurred(self, message: str) -> None:
        self.statusBar().showMessage(f"Player: {message}", 15000)

    def _on_timeline_selection_changed(self) -> None:
        if self.table is not None and self.timeline is not None:
            self.table.select_segments(self.timeline.selected_segment_ids())

    def _on_table_selection_changed(self, segment_ids: list[str]) -> None:
        if self.timeline is not None:
            self.timeline.select_segments(segment_ids)

    def _on_undo_stack_index_changed(self, _index: int) -> None:
        self.project_actions.refresh_undo_actions()

    def _on_runner_changed(self, *_args: object) -> None:
        running = self.runner.running
        self.progress.setVisible(bool(running))
        if running:
            self.progress.setFormat(f"{running[0]} %p%")

    def _on_runner_task_progressed(self, name: str, fraction: float) -> None:
        if self.runner.running and self.runner.running[0] == name:
            self.progress.setValue(int(fraction * 1000))

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
        self.close_project()
        self.engine.shutdown()
        self.runner.wait(2000)
        super().closeEvent(event)

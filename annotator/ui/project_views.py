"""The views of the open project: the timeline, the segment table and the vocabulary panel.

They exist while a project is open (each takes the document in ``__init__``): built when the
workspace opens a project, placed in the window's docks (the timeline's along the bottom), and dropped
when it closes. This object keeps them in step with each other (selection), with the
current video and with the player (playhead), and owns the timeline's zoom keys.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QDockWidget, QWidget

from annotator.domain.video import Video
from annotator.project.analyze import VideoAnalysis
from annotator.project.project import Project
from annotator.ui.segment_table_widget import SegmentTableWidget
from annotator.ui.timeline.timeline_view import TimelineView
from annotator.ui.timeline.timeline_zoom import ZoomState
from annotator.ui.vocabulary_panel import VocabularyPanel
from annotator.ui.workspace import Workspace


class ProjectViews(QObject):
    """Builds, places and links the per-project views."""

    more_like_requested = Signal(int)  # label id (the vocabulary panel's "More like this")

    def __init__(
        self,
        workspace: Workspace,
        timeline_dock: QDockWidget,
        table_dock: QDockWidget,
        vocabulary_dock: QDockWidget,
    ) -> None:
        super().__init__(workspace)
        self._workspace = workspace
        self._timeline_dock = timeline_dock
        self._table_dock = table_dock
        self._vocabulary_dock = vocabulary_dock
        self.timeline: TimelineView | None = None
        self.table: SegmentTableWidget | None = None
        self.vocabulary: VocabularyPanel | None = None
        self._zooms: dict[int, ZoomState] = {}  # video id -> its timeline's zoom, as left
        self._coder_lanes = False
        workspace.project_opened.connect(self._on_workspace_project_opened)
        workspace.project_closed.connect(self._on_workspace_project_closed)
        workspace.video_changed.connect(self._on_workspace_video_changed)
        workspace.engine.frame_shown.connect(self._on_engine_frame_shown)
        workspace.engine.playing_changed.connect(self._on_engine_playing_changed)

    # -- what the keys and other parts ask of them ------------------------------------
    def selected_segment_ids(self) -> list[str]:
        """The table's selection while it has the focus, else the timeline's."""
        if self.table is not None and self.table.table.hasFocus():
            return self.table.selected_segment_ids()
        return self.timeline.selected_segment_ids() if self.timeline is not None else []

    def select_segments(self, segment_ids: Sequence[str]) -> None:
        """Select on the timeline (the table follows) and bring the first into view."""
        if self.timeline is not None:
            self.timeline.select_segments(segment_ids)
            if segment_ids:
                self.timeline.reveal(segment_ids[0])

    def selected_label_id(self) -> int | None:
        """The label selected in the vocabulary panel."""
        label = self.vocabulary.selected_label() if self.vocabulary is not None else None
        return label.id if label is not None else None

    def seek_to_segment(self, segment_id: str) -> None:
        """Show the segment's first frame (on its video) and select it."""
        workspace = self._workspace
        if workspace.document is None:
            return
        segment = workspace.document.segment(segment_id)
        if workspace.video is None or segment.video_id != workspace.video.id:
            workspace.select_video(segment.video_id)
        workspace.seek(segment.start_frame)
        if self.timeline is not None:
            self.timeline.select_segments([segment_id])

    def filter_table(self, label: str | None = None, text: str | None = None) -> None:
        """Set the segment table's own filters (a label by name, a text) and bring it to
        the front; the statistics dock's bars ask for this."""
        if self.table is None:
            return
        if label is not None:
            self.table.show_label(label)
        if text is not None:
            self.table.text_filter.setText(text)
        self._table_dock.show()
        self._table_dock.raise_()

    def zoom_in(self) -> None:
        if self.timeline is not None:
            self.timeline.zoom_in()

    def zoom_out(self) -> None:
        if self.timeline is not None:
            self.timeline.zoom_out()

    def zoom_to_fit(self) -> None:
        if self.timeline is not None:
            self.timeline.zoom_to_fit()

    def set_coder_lanes(self, on: bool) -> None:
        """View ▸ Lanes per coder: each coder's segments in a lane under each label's track."""
        self._coder_lanes = on
        if self.timeline is not None:
            self.timeline.set_coder_lanes(on)

    def set_waveform(self, video_id: int, peaks: np.ndarray) -> None:
        if self.timeline is not None and self._is_current(video_id):
            self.timeline.set_waveform(peaks)

    def set_thumbnails(self, video_id: int, thumbnails: list[tuple[int, QImage]]) -> None:
        if self.timeline is not None and self._is_current(video_id):
            self.timeline.set_thumbnails(thumbnails)

    def set_analysis(self, video_id: int, analysis: VideoAnalysis) -> None:
        """What the analysis of a video found: shown when it is the current one."""
        if self.timeline is not None and self._is_current(video_id):
            self.timeline.set_analysis(analysis.shots, analysis.cells, analysis.sounds)

    def _is_current(self, video_id: int) -> bool:
        return self._workspace.video is not None and self._workspace.video.id == video_id

    # -- building and dropping --------------------------------------------------------
    def _on_workspace_project_opened(self, _project: Project) -> None:
        document = self._workspace.document
        assert document is not None
        self.timeline = TimelineView(document)
        self.timeline.set_coder_lanes(self._coder_lanes)
        self._timeline_dock.setWidget(self.timeline)
        self.timeline.seek_requested.connect(self._workspace.seek)
        self.timeline.segment_activated.connect(self.seek_to_segment)
        self.timeline.selection_changed.connect(self._on_timeline_selection_changed)
        self.table = SegmentTableWidget(document)
        self.table.segment_activated.connect(self.seek_to_segment)
        self.table.selection_changed.connect(self._on_table_selection_changed)
        self._table_dock.setWidget(self.table)
        self.vocabulary = VocabularyPanel(document)
        self.vocabulary.more_like_requested.connect(self.more_like_requested)
        self._vocabulary_dock.setWidget(self.vocabulary)
        self._zooms.clear()
        coding = self._workspace.coding
        assert coding is not None
        coding.open_labels_changed.connect(self._on_coding_open_labels_changed)

    def _on_workspace_project_closed(self) -> None:
        if self.timeline is not None:
            self.timeline.deleteLater()
        self._timeline_dock.setWidget(QWidget())
        self._table_dock.setWidget(QWidget())
        self._vocabulary_dock.setWidget(QWidget())
        self.timeline = self.table = self.vocabulary = None

    # -- keeping in step --------------------------------------------------------------
    def _on_workspace_video_changed(self, video: Video) -> None:
        """Show the video; its timeline zoomed and scrolled as the user left it."""
        if self.timeline is None or self.table is None:
            return
        left = self.timeline.video_id()
        if left is not None:
            self._zooms[left] = self.timeline.zoom_state()
        info = video.info
        times = info.times()
        self.timeline.set_video(video.id, info.fps, info.frame_count, times, info.has_audio)
        if video.id in self._zooms:
            self.timeline.restore_zoom(self._zooms[video.id])
        self.table.model.set_video(video.id, info.fps, times)

    def _on_coding_open_labels_changed(self) -> None:
        coding = self._workspace.coding
        if self.timeline is not None and coding is not None:
            self.timeline.set_open_segments(coding.open_labels)

    def _on_engine_frame_shown(self, frame: int, _image: object) -> None:
        if self.timeline is not None:
            self.timeline.set_playhead(frame)

    def _on_engine_playing_changed(self, playing: bool) -> None:
        if self.timeline is not None:
            self.timeline.set_following(playing)

    def _on_timeline_selection_changed(self) -> None:
        if self.table is not None and self.timeline is not None:
            self.table.select_segments(self.timeline.selected_segment_ids())

    def _on_table_selection_changed(self, segment_ids: list[str]) -> None:
        if self.timeline is not None:
            self.timeline.select_segments(segment_ids)

"""The timeline: ruler, playhead, filmstrip, waveform and sound lanes, one track per label.

The view holds no annotations of its own: it reads the document when a video is set,
asks the document for every edit (through ``TimelineDrag``), and changes its items only
when the document says something changed, so undo and redo move them back.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from fractions import Fraction

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFocusEvent,
    QImage,
    QKeyEvent,
    QMouseEvent,
    QPainter,
    QPen,
    QResizeEvent,
    QWheelEvent,
)
from PySide6.QtWidgets import QGraphicsRectItem, QGraphicsScene, QGraphicsView, QWidget

from annotator.analysis.results import ShotBoundary, SoundEvent
from annotator.analysis.sounds import SoundCells
from annotator.domain.frame_times import FrameTimes
from annotator.domain.segment import Segment
from annotator.editing.annotation_document import AnnotationDocument
from annotator.ui.timeline import timeline_zoom as zoom
from annotator.ui.timeline.analysis_lanes import AnalysisLanes
from annotator.ui.timeline.filmstrip_item import FilmstripItem
from annotator.ui.timeline.open_segments_item import OpenSegmentsItem
from annotator.ui.timeline.proposal_tooltip import ProposalTooltip
from annotator.ui.timeline.snapping import snap_target
from annotator.ui.timeline.timeline_drag import TimelineDrag
from annotator.ui.timeline.timeline_hit import CURSORS, Hit, HitKind, fixed_part_at, segment_part_at
from annotator.ui.timeline.timeline_layout import (
    HEADER_WIDTH_PX,
    RULER_HEIGHT_PX,
    TRACK_HEIGHT_PX,
    TimelineLayout,
    TimelineScale,
)
from annotator.ui.timeline.timeline_overlay import TimelineOverlay
from annotator.ui.timeline.timeline_selection import TimelineSelection
from annotator.ui.timeline.timeline_tracks import TimelineTracks
from annotator.ui.timeline.timeline_zoom import ZoomState
from annotator.ui.timeline.waveform_item import WaveformItem


class TimelineView(QGraphicsView):
    """A zoomable frame-axis view of one video's segments in ``document``."""

    seek_requested = Signal(int)  # frame
    selection_changed = Signal()
    segment_activated = Signal(str)  # segment id (double-click)
    zoom_changed = Signal(float)  # pixels per frame

    def __init__(self, document: AnnotationDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document = document
        self.scale = TimelineScale()
        self.layout_rows = TimelineLayout()
        self.selection = TimelineSelection(self)
        self.overlay = TimelineOverlay(self.scale, self.layout_rows)
        self._fitted = True
        self._following = False
        self._follow_mode = zoom.FollowMode.PAGE
        self._setup_scene()
        self.tracks = TimelineTracks(self._scene, document, self.scale, self.layout_rows, self.selection)
        self.tracks.rows_changed.connect(self._on_tracks_rows_changed)
        self._drag = TimelineDrag(self)
        self.tooltip = ProposalTooltip(self)
        self.selection.changed.connect(self._on_selection_changed)
        document.labels_changed.connect(self._on_document_labels_changed)
        document.reset.connect(self._on_document_reset)

    def _setup_scene(self) -> None:
        self._scene = QGraphicsScene(self)
        self._scene.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.NoIndex)
        self.setScene(self._scene)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.setOptimizationFlag(QGraphicsView.OptimizationFlag.DontAdjustForAntialiasing, True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.viewport().setMouseTracking(True)
        self.filmstrip = FilmstripItem(self.scale)
        self.waveform = WaveformItem(self.scale)
        self.filmstrip.setPos(0, self.layout_rows.filmstrip_top)
        self.waveform.setPos(0, self.layout_rows.waveform_top)
        self._preview = QGraphicsRectItem()
        self._preview.setPen(QPen(QColor("#ffffff"), 1, Qt.PenStyle.DashLine))
        self._preview.setBrush(QBrush(QColor(255, 255, 255, 50)))
        self._preview.setZValue(10)
        self._preview.hide()
        self.open_segments = OpenSegmentsItem(self.scale, self.layout_rows)
        for item in (self.filmstrip, self.waveform, self._preview, self.open_segments):
            self._scene.addItem(item)
        self.analysis = AnalysisLanes(self._scene, self.scale, self.layout_rows, self.overlay)

    # -- video and background data --------------------------------------------------------
    def set_video(
        self,
        video_id: int,
        fps: Fraction,
        frame_count: int,
        frame_times: FrameTimes | None = None,
        has_audio: bool = True,
    ) -> None:
        """Show ``video_id``: its segments, its timecodes; zoomed to fit, lanes empty (the
        audio lane says "no audio" when the video has no sound)."""
        self._drag.cancel()
        self.selection.clear()
        self.overlay.fps = Fraction(fps)
        self.overlay.audio_note = "" if has_audio else "no audio"
        self.overlay.playhead_frame = None
        self._relayout(lambda: setattr(self.scale, "frame_count", frame_count))
        times = frame_times or FrameTimes.constant(Fraction(fps), max(frame_count, 1))
        self.waveform.set_frame_times(times)
        self.waveform.set_peaks(None)
        self.analysis.set_video(times)
        self.filmstrip.set_thumbnails([])
        self.tracks.set_video(video_id)
        self._on_document_labels_changed()
        self.zoom_to_fit()

    def set_coder_lanes(self, on: bool) -> None:
        """One lane per coder under each label's track (the coder named in the header)."""
        self.tracks.set_coder_lanes(on)
        self._on_document_labels_changed()

    def coder_lanes(self) -> list[str]:
        """The coders with a lane under every track (none while lanes are off)."""
        return list(self.layout_rows.coders)

    def video_id(self) -> int | None:
        return self.tracks.video_id

    def set_waveform(self, peaks: np.ndarray | None) -> None:
        """Audio peaks, shape (N, 2): min and max per 10 ms."""
        self.waveform.set_peaks(peaks)

    def set_thumbnails(self, thumbnails: list[tuple[int, QImage]]) -> None:
        """Filmstrip pictures as ``(frame, image)`` pairs."""
        self.filmstrip.set_thumbnails(thumbnails)

    def set_analysis(
        self, boundaries: Sequence[ShotBoundary], cells: SoundCells | None, events: Sequence[SoundEvent]
    ) -> None:
        """What the analysis of the video found: shot boundaries (on the ruler and the
        filmstrip; edges snap to them) and its sound (the sound lane)."""
        self.analysis.set_analysis(boundaries, cells, events)
        self.viewport().update()

    def shot_frames(self) -> list[int]:
        """The shot boundaries shown, as the first frame of each new shot."""
        return list(self.analysis.shots.frames)

    # -- playhead -------------------------------------------------------------------------
    def set_playhead(self, frame: int) -> None:
        """Move the playhead line; while following, scroll to keep it in view."""
        if frame == self.overlay.playhead_frame:
            return
        self._update_playhead_column()
        self.overlay.playhead_frame = frame
        self.open_segments.set_playhead(frame)
        if self._following:
            zoom.follow(self, self.scale.x(frame), self._follow_mode)
        self._update_playhead_column()

    def playhead_frame(self) -> int | None:
        return self.overlay.playhead_frame

    def set_following(self, following: bool) -> None:
        """While True (playing), every ``set_playhead`` keeps the playhead visible."""
        self._following = following

    def set_follow_mode(self, mode: zoom.FollowMode) -> None:
        self._follow_mode = mode

    def _update_playhead_column(self) -> None:
        x = self.overlay.playhead_viewport_x(zoom.scene_x_at(self, 0))
        if x is not None:
            self.viewport().update(round(x) - 6, 0, 13, self.viewport().height())
        self.viewport().update(0, 0, HEADER_WIDTH_PX, RULER_HEIGHT_PX)  # the timecode corner

    def set_open_segments(self, open_labels: dict[int, int]) -> None:
        """Segments being coded, ``{label id: start frame}``: drawn growing to the playhead."""
        labels = self.tracks.labels()
        self.open_segments.set_open(
            {lid: (start, QColor(labels[lid].colour)) for lid, start in open_labels.items() if lid in labels}
        )

    # -- zoom and scroll ------------------------------------------------------------------
    def zoom_state(self) -> ZoomState:
        """The zoom and scroll, to come back to (``restore_zoom``)."""
        return ZoomState(self.scale.pixels_per_frame, self.horizontalScrollBar().value(), self._fitted)

    def restore_zoom(self, state: ZoomState) -> None:
        if state.fitted:
            self.zoom_to_fit()
            return
        self.set_pixels_per_frame(state.pixels_per_frame)
        self.horizontalScrollBar().setValue(state.scroll_x)

    def pixels_per_frame(self) -> float:
        return self.scale.pixels_per_frame

    def zoom_in(self) -> None:
        self.set_pixels_per_frame(self.scale.pixels_per_frame * zoom.ZOOM_STEP, self._zoom_anchor())

    def zoom_out(self) -> None:
        self.set_pixels_per_frame(self.scale.pixels_per_frame / zoom.ZOOM_STEP, self._zoom_anchor())

    def zoom_to_fit(self) -> None:
        self.set_pixels_per_frame(zoom.fit_pixels_per_frame(self, self.scale.frame_count), 0)
        self.horizontalScrollBar().setValue(self.horizontalScrollBar().minimum())
        self._fitted = True

    def set_pixels_per_frame(self, pixels_per_frame: float, anchor_viewport_x: float | None = None) -> None:
        """Zoom so the frame at ``anchor_viewport_x`` (default: the middle) stays put."""
        anchor = self._zoom_anchor() if anchor_viewport_x is None else anchor_viewport_x
        frame = self.scale.frame_at(zoom.scene_x_at(self, anchor))
        wanted = zoom.clamp_pixels_per_frame(self, self.scale.frame_count, pixels_per_frame)
        self._fitted = False
        if wanted != self.scale.pixels_per_frame:
            self._relayout(lambda: setattr(self.scale, "pixels_per_frame", wanted))
            zoom.scroll_scene_x_to(self, self.scale.x(frame), anchor)
            self.zoom_changed.emit(wanted)

    def _zoom_anchor(self) -> float:
        return zoom.anchor_x(self, self.overlay.playhead_viewport_x(zoom.scene_x_at(self, 0)))

    def _relayout(self, change: Callable[[], None]) -> None:
        items = (
            self.filmstrip,
            self.waveform,
            self.open_segments,
            *self.analysis.items(),
            *self.tracks.items(),
        )
        for item in items:
            item.relayout()
        change()
        self._scene.setSceneRect(self.layout_rows.scene_rect(self.scale))
        self.viewport().update()

    # -- queries used by gestures and tests -----------------------------------------------
    def hit_at(self, viewport_pos: QPointF) -> Hit:
        """What lies under a viewport point."""
        scene_pos = self.mapToScene(viewport_pos.toPoint())
        fixed = fixed_part_at(viewport_pos.x(), viewport_pos.y())
        if fixed is not None:
            return Hit(fixed, scene_pos.x())
        label_id = self.layout_rows.label_at(scene_pos.y())
        coder_lane = self.layout_rows.lane_at(scene_pos.y())
        if coder_lane is not None:  # a coder's segment can be selected, resized and moved
            kind, segment = segment_part_at(self.tracks.lane_index(*coder_lane), self.scale, scene_pos.x())
            if segment is None:
                return Hit(HitKind.LANE, scene_pos.x())
            return Hit(kind, scene_pos.x(), coder_lane[0], segment)
        if label_id is None:
            lane = 0 <= scene_pos.y() < self.layout_rows.tracks_top
            return Hit(HitKind.LANE if lane else HitKind.NOTHING, scene_pos.x())
        kind, segment = segment_part_at(self.tracks.index(label_id), self.scale, scene_pos.x())
        return Hit(kind, scene_pos.x(), label_id, segment)

    def segment(self, segment_id: str) -> Segment | None:
        return self.tracks.segment(segment_id)

    def segment_ids_in(self, scene_rect: QRectF) -> list[str]:
        """Segments that overlap a scene rectangle (rubber-band selection)."""
        first, last = self.scale.frame_at(scene_rect.left()), self.scale.frame_at(scene_rect.right())
        labels = self.layout_rows.labels_between(scene_rect.top(), scene_rect.bottom())
        return [s.id for label_id in labels for s in self.tracks.index(label_id).overlapping(first, last)]

    def track_rect(self, label_id: int, start_frame: float = 0, end_frame: float | None = None) -> QRectF:
        """Scene rectangle of frames ``[start, end)`` on a label's track."""
        end = self.scale.frame_count if end_frame is None else end_frame
        top = self.layout_rows.track_top(label_id)
        return QRectF(
            self.scale.x(start_frame), top, self.scale.x(end) - self.scale.x(start_frame), TRACK_HEIGHT_PX
        )

    def snap_edge(self, scene_x: float) -> int:
        """The frame edge nearest scene x, or the playhead or a shot boundary when within
        ``SNAP_PX`` of it."""
        target = self.snap_target(self.scale.frame_at(scene_x))
        return target if target is not None else self.scale.edge_at(scene_x)

    def snap_target(self, frame: float) -> int | None:
        """The playhead or shot boundary an edge at ``frame`` snaps to, if one is near."""
        return snap_target(
            frame, self.scale.pixels_per_frame, self.overlay.playhead_frame, self.analysis.shots
        )

    def show_preview(self, scene_rect: QRectF | None) -> None:
        """The dashed rectangle of a segment being created or a rubber band."""
        self._preview.setVisible(scene_rect is not None)
        if scene_rect is not None:
            self._preview.setRect(scene_rect)

    # -- selection and deletion -----------------------------------------------------------
    def selected_segment_ids(self) -> list[str]:
        return self.selection.ids()

    def select_segments(self, segment_ids: Sequence[str]) -> None:
        self.selection.replace(segment_ids)

    def reveal(self, segment_id: str) -> None:
        """Scroll so the segment's track, and its start, are in view (below the ruler and
        right of the header column, which cover the scene's edges)."""
        segment = self.segment(segment_id)
        if segment is not None and segment.label_id in self.tracks.labels():
            rect = self.track_rect(segment.label_id, segment.start_frame, segment.start_frame + 1)
            self.ensureVisible(rect, HEADER_WIDTH_PX + 20, RULER_HEIGHT_PX + 10)

    def delete_selected(self) -> None:
        """Remove the selected segments in one undo step."""
        ids = self.selection.ids()
        if ids:
            self.document.remove_segments(ids)

    def _on_selection_changed(self) -> None:
        self.tracks.update_all()
        self.selection_changed.emit()

    def _on_document_reset(self) -> None:
        """Many rows changed at once (an import, its undo): rebuild the tracks from the document."""
        self._drag.cancel()
        self.selection.clear()
        self._on_document_labels_changed()

    def _on_tracks_rows_changed(self) -> None:
        self.overlay.labels = self.tracks.labels()
        self._scene.setSceneRect(self.layout_rows.scene_rect(self.scale))
        self.viewport().update()

    def _on_document_labels_changed(self) -> None:
        self.tracks.rebuild()
        self.overlay.labels = self.tracks.labels()
        self._scene.setSceneRect(self.layout_rows.scene_rect(self.scale))
        self.viewport().update()

    # -- Qt event handlers ----------------------------------------------------------------
    def drawBackground(self, painter: QPainter, rect: QRectF) -> None:
        self.tracks.paint_background(painter, rect)

    def drawForeground(self, painter: QPainter, rect: QRectF) -> None:
        origin = self.mapToScene(0, 0)
        self.overlay.paint(painter, origin, self.viewport().width(), self.viewport().height())

    def scrollContentsBy(self, dx: int, dy: int) -> None:
        super().scrollContentsBy(dx, dy)
        self.viewport().update()  # the ruler, header and playhead do not scroll

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._fitted:
            self.zoom_to_fit()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._drag.press(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if self._drag.active:
            self._drag.move(event)
            return
        hit = self.hit_at(event.position())
        self.viewport().setCursor(CURSORS.get(hit.kind, Qt.CursorShape.ArrowCursor))

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self._drag.release(event)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        hit = self.hit_at(event.position())
        if hit.segment is not None:
            self.segment_activated.emit(hit.segment.id)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self._drag.cancel()
        super().focusOutEvent(event)

    def wheelEvent(self, event: QWheelEvent) -> None:
        zoom.wheel(
            self, event, lambda factor, x: self.set_pixels_per_frame(self.scale.pixels_per_frame * factor, x)
        )

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.delete_selected()
        elif event.key() == Qt.Key.Key_Escape and len(self.selection):
            self.selection.clear()
        else:
            event.ignore()  # let the window's keys (stepping, labels) through

"""The label tracks of the timeline, kept in step with the document's signals."""

from __future__ import annotations

from PySide6.QtCore import QObject, QRectF
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QGraphicsScene

from annotator.domain.label import Label
from annotator.domain.segment import Segment
from annotator.editing.annotation_document import AnnotationDocument
from annotator.ui.timeline.segment_index import SegmentIndex
from annotator.ui.timeline.timeline_layout import (
    LANES_HEIGHT_PX,
    TRACK_HEIGHT_PX,
    TimelineLayout,
    TimelineScale,
)
from annotator.ui.timeline.timeline_selection import TimelineSelection
from annotator.ui.timeline.track_item import TrackItem

_BACKGROUND = QColor("#1e1e1e")
_ROW_SHADES = (QColor("#262626"), QColor("#2c2c2c"))
_LANE_SHADE = QColor("#202428")


class TimelineTracks(QObject):
    """One ``TrackItem`` per non-archived label, in the vocabulary's order."""

    def __init__(
        self,
        scene: QGraphicsScene,
        document: AnnotationDocument,
        scale: TimelineScale,
        layout: TimelineLayout,
        selection: TimelineSelection,
    ) -> None:
        super().__init__(scene)
        self._scene = scene
        self._document = document
        self._scale = scale
        self._layout = layout
        self._selection = selection
        self._tracks: dict[int, TrackItem] = {}
        self.video_id: int | None = None
        document.segment_added.connect(self._on_document_segment_added)
        document.segment_changed.connect(self._on_document_segment_changed)
        document.segment_removed.connect(self._on_document_segment_removed)

    def set_video(self, video_id: int) -> None:
        self.video_id = video_id

    def items(self) -> list[TrackItem]:
        return list(self._tracks.values())

    def labels(self) -> dict[int, Label]:
        return {label_id: track.label for label_id, track in self._tracks.items()}

    def index(self, label_id: int) -> SegmentIndex:
        return self._tracks[label_id].index

    def segment(self, segment_id: str) -> Segment | None:
        for track in self._tracks.values():
            found = track.index.get(segment_id)
            if found is not None:
                return found
        return None

    def rebuild(self) -> None:
        """Re-create the tracks from the document's labels and reload the segments."""
        for track in self._tracks.values():
            self._scene.removeItem(track)
        labels = sorted(self._document.labels(), key=lambda label: (label.order, label.id or 0))
        self._tracks = {
            label.id: TrackItem(label, self._scale, self._selection) for label in labels if label.id
        }
        self._layout.label_ids = list(self._tracks)
        for label_id, track in self._tracks.items():
            track.setPos(0, self._layout.track_top(label_id))
            self._scene.addItem(track)
        if self.video_id is not None:
            for segment in self._document.segments(self.video_id):
                if segment.label_id in self._tracks:
                    self._tracks[segment.label_id].index.put(segment)

    def update_all(self) -> None:
        for track in self._tracks.values():
            track.update()

    def paint_background(self, painter: QPainter, rect: QRectF) -> None:
        """Lanes and alternating track rows under the segments (scene coordinates)."""
        painter.fillRect(rect, _BACKGROUND)
        width = self._scale.width
        lanes = QRectF(0, self._layout.filmstrip_top, width, LANES_HEIGHT_PX)
        painter.fillRect(lanes.intersected(rect), _LANE_SHADE)
        for row, label_id in enumerate(self._layout.label_ids):
            row_rect = QRectF(0, self._layout.track_top(label_id), width, TRACK_HEIGHT_PX)
            if row_rect.intersects(rect):
                painter.fillRect(row_rect.intersected(rect), _ROW_SHADES[row % 2])

    # -- document signals -----------------------------------------------------------------
    def _on_document_segment_added(self, segment: Segment) -> None:
        track = self._track_for(segment)
        if track is not None:
            track.index.put(segment)
            track.update_frames(segment.start_frame, segment.end_frame)

    def _on_document_segment_changed(self, old: Segment, new: Segment) -> None:
        self._forget(old)
        self._on_document_segment_added(new)

    def _on_document_segment_removed(self, segment: Segment) -> None:
        self._forget(segment)
        self._selection.discard(segment.id)

    def _forget(self, segment: Segment) -> None:
        track = self._track_for(segment)
        if track is not None and track.index.remove(segment.id) is not None:
            track.update_frames(segment.start_frame, segment.end_frame)

    def _track_for(self, segment: Segment) -> TrackItem | None:
        if segment.video_id != self.video_id:
            return None
        return self._tracks.get(segment.label_id)

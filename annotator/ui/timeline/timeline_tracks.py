"""The label tracks of the timeline, kept in step with the document's signals.

With coder lanes on (View ▸ Lanes per coder), each label's track is followed by one lane
per coder of the video (the annotators of its segments, proposals left out), each showing
only that coder's segments of the label; a coder who appears by an edit gets lanes at once.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QRectF, Signal
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import QGraphicsScene

from annotator.domain.label import Label
from annotator.domain.segment import Segment, Source
from annotator.editing.annotation_document import AnnotationDocument
from annotator.ui.timeline.segment_index import SegmentIndex
from annotator.ui.timeline.timeline_layout import (
    CODER_COLOURS,
    CODER_LANE_HEIGHT_PX,
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
_CODER_SHADE = QColor("#1b1d20")


def coder_colour(coders: list[str], coder: str) -> str:
    return CODER_COLOURS[coders.index(coder) % len(CODER_COLOURS)]


class TimelineTracks(QObject):
    """One ``TrackItem`` per non-archived label, in the vocabulary's order (and one per
    label and coder while coder lanes are on)."""

    rows_changed = Signal()  # a coder appeared: the rows moved (the view re-lays its scene)

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
        self._lanes: dict[tuple[int, str], TrackItem] = {}
        self.coder_lanes = False
        self.video_id: int | None = None
        document.segment_added.connect(self._on_document_segment_added)
        document.segment_changed.connect(self._on_document_segment_changed)
        document.segment_removed.connect(self._on_document_segment_removed)

    def set_video(self, video_id: int) -> None:
        self.video_id = video_id

    def items(self) -> list[TrackItem]:
        return [*self._tracks.values(), *self._lanes.values()]

    def set_coder_lanes(self, on: bool) -> None:
        """Lanes per coder on or off (``rebuild`` shows it)."""
        self.coder_lanes = on

    def lane_index(self, label_id: int, coder: str) -> SegmentIndex:
        return self._lanes[(label_id, coder)].index

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
        for track in self.items():
            self._scene.removeItem(track)
        labels = sorted(self._document.labels(), key=lambda label: (label.order, label.id or 0))
        self._tracks = {
            label.id: TrackItem(label, self._scale, self._selection) for label in labels if label.id
        }
        segments = self._document.segments(self.video_id) if self.video_id is not None else []
        coders = sorted({s.annotator for s in segments if s.source != Source.PROPOSAL})
        self._layout.coders = coders if self.coder_lanes else []
        self._lanes = {
            (label_id, coder): TrackItem(
                track.label,
                self._scale,
                self._selection,
                CODER_LANE_HEIGHT_PX,
                coder_colour(coders, coder),
            )
            for label_id, track in self._tracks.items()
            for coder in self._layout.coders
        }
        self._layout.label_ids = list(self._tracks)
        for label_id, track in self._tracks.items():
            track.setPos(0, self._layout.track_top(label_id))
            self._scene.addItem(track)
        for (label_id, coder), lane in self._lanes.items():
            lane.setPos(0, self._layout.lane_top(label_id, coder))
            self._scene.addItem(lane)
        for segment in segments:
            for track in self._tracks_for(segment):
                track.index.put(segment)

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
            for coder in self._layout.coders:
                lane = QRectF(0, self._layout.lane_top(label_id, coder), width, CODER_LANE_HEIGHT_PX)
                if lane.intersects(rect):
                    painter.fillRect(lane.intersected(rect), _CODER_SHADE)

    # -- document signals -----------------------------------------------------------------
    def _on_document_segment_added(self, segment: Segment) -> None:
        if self._new_coder(segment):
            self.rebuild()
            self.rows_changed.emit()
            return
        for track in self._tracks_for(segment):
            track.index.put(segment)
            track.update_frames(segment.start_frame, segment.end_frame)

    def _on_document_segment_changed(self, old: Segment, new: Segment) -> None:
        self._forget(old)
        self._on_document_segment_added(new)

    def _on_document_segment_removed(self, segment: Segment) -> None:
        self._forget(segment)
        self._selection.discard(segment.id)

    def _forget(self, segment: Segment) -> None:
        for track in self._tracks_for(segment):
            if track.index.remove(segment.id) is not None:
                track.update_frames(segment.start_frame, segment.end_frame)

    def _tracks_for(self, segment: Segment) -> list[TrackItem]:
        """The label's track, and the coder's lane under it when shown."""
        if segment.video_id != self.video_id or segment.label_id not in self._tracks:
            return []
        lane = self._lanes.get((segment.label_id, segment.annotator))
        track = self._tracks[segment.label_id]
        return [track] if lane is None or segment.source == Source.PROPOSAL else [track, lane]

    def _new_coder(self, segment: Segment) -> bool:
        return (
            self.coder_lanes
            and segment.video_id == self.video_id
            and segment.source != Source.PROPOSAL
            and segment.annotator not in self._layout.coders
        )

"""What is under a viewport point: the ruler, a segment's edge or body, an empty track."""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum, auto

from PySide6.QtCore import Qt

from annotator.domain.segment import Segment
from annotator.ui.timeline.segment_index import SegmentIndex
from annotator.ui.timeline.timeline_layout import HEADER_WIDTH_PX, RULER_HEIGHT_PX, TimelineScale

EDGE_GRAB_PX = 5.0


class HitKind(Enum):
    """The parts of the timeline a press can land on."""

    NOTHING = auto()
    HEADER = auto()
    RULER = auto()
    LANE = auto()
    TRACK = auto()
    BODY = auto()
    START_EDGE = auto()
    END_EDGE = auto()


@dataclass(frozen=True)
class Hit:
    """A hit test's answer; ``scene_x`` is where the point falls along the frames."""

    kind: HitKind
    scene_x: float
    label_id: int | None = None
    segment: Segment | None = None


def fixed_part_at(viewport_x: float, viewport_y: float) -> HitKind | None:
    """The ruler or the header column when the point is over them, else None."""
    if viewport_y < RULER_HEIGHT_PX:
        return HitKind.RULER if viewport_x >= HEADER_WIDTH_PX else HitKind.HEADER
    if viewport_x < HEADER_WIDTH_PX:
        return HitKind.HEADER
    return None


def segment_part_at(
    index: SegmentIndex, scale: TimelineScale, scene_x: float
) -> tuple[HitKind, Segment | None]:
    """The nearest grabbable edge within ``EDGE_GRAB_PX``, else the body under x, else the
    empty track. Short segments get an edge zone of a third of their width each side, so
    their body stays grabbable."""
    reach_frames = EDGE_GRAB_PX / scale.pixels_per_frame
    frame = scale.frame_at(scene_x)
    best: tuple[float, HitKind, Segment] | None = None
    body: Segment | None = None
    for segment in index.overlapping(frame - reach_frames, frame + reach_frames):
        x0, x1 = scale.x(segment.start_frame), scale.x(segment.end_frame)
        zone = min(EDGE_GRAB_PX, (x1 - x0) / 3)
        for distance, kind in (
            (abs(scene_x - x0), HitKind.START_EDGE),
            (abs(scene_x - x1), HitKind.END_EDGE),
        ):
            if distance <= zone and (best is None or distance < best[0]):
                best = (distance, kind, segment)
        if x0 <= scene_x < x1:
            body = segment
    if best is not None:
        return best[1], best[2]
    if body is not None:
        return HitKind.BODY, body
    return HitKind.TRACK, None


CURSORS = {
    HitKind.START_EDGE: Qt.CursorShape.SizeHorCursor,
    HitKind.END_EDGE: Qt.CursorShape.SizeHorCursor,
    HitKind.BODY: Qt.CursorShape.OpenHandCursor,
}
"""The mouse cursor over each part of a segment (an arrow elsewhere)."""

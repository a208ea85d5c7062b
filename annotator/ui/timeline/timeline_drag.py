"""Mouse gestures on the timeline: seek, create, resize, move, rubber-band, pan.

A plain click on empty track or lane space seeks there (a drag there creates a segment
or draws a rubber band); dragging the body of a selected segment moves the whole
selection by the same number of frames.

Edges snap to the playhead and to shot boundaries within ``SNAP_PX`` (``snapping``).

The gesture never moves an item itself: it asks the document for the edit and the items
follow the document's signals, so undo moves them back. A resize or move asks for the new
bounds of every segment it drags (one command for a group) on every mouse move, with a
merge key made at the press: the document folds the moves of one drag into one undo step,
and the next drag, with its own key, is a step of its own. No undo macro stays open
between mouse events.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum, auto
from typing import TYPE_CHECKING

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QMouseEvent

from annotator.domain.label import LabelKind
from annotator.domain.segment import Segment
from annotator.ui.timeline.timeline_hit import HitKind

if TYPE_CHECKING:
    from annotator.ui.timeline.timeline_view import TimelineView

DRAG_THRESHOLD_PX = 2.0
_MULTI = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


class Gesture(Enum):
    NONE = auto()
    SEEK = auto()
    CREATE = auto()
    START_EDGE = auto()
    END_EDGE = auto()
    MOVE = auto()
    RUBBER_BAND = auto()
    PAN = auto()


@dataclass
class _Press:
    gesture: Gesture
    viewport_pos: QPointF
    scene_pos: QPointF
    modifiers: Qt.KeyboardModifier
    label_id: int | None = None
    segment: Segment | None = None
    scroll: tuple[int, int] = (0, 0)
    moved: bool = False
    kind: HitKind = HitKind.NOTHING
    group: tuple[Segment, ...] = ()  # a move's segments as pressed, the grabbed one first
    merge_key: object = field(default_factory=object)  # this drag's moves fold into one undo step


class TimelineDrag:
    """The gesture in progress between a press and its release."""

    def __init__(self, view: TimelineView) -> None:
        self._view = view
        self._press: _Press | None = None

    @property
    def active(self) -> bool:
        return self._press is not None

    def press(self, event: QMouseEvent) -> None:
        view = self._view
        pos = event.position()
        scene_pos = view.mapToScene(pos.toPoint())
        if event.button() == Qt.MouseButton.MiddleButton:
            scroll = (view.horizontalScrollBar().value(), view.verticalScrollBar().value())
            self._press = _Press(Gesture.PAN, pos, scene_pos, event.modifiers(), scroll=scroll)
            return
        if event.button() != Qt.MouseButton.LeftButton:
            return
        hit = view.hit_at(pos)
        gesture = self._gesture_for(hit.kind, event.modifiers())
        self._press = _Press(
            gesture, pos, scene_pos, event.modifiers(), hit.label_id, hit.segment, kind=hit.kind
        )
        if hit.segment is not None:
            self._select_on_press(hit.segment.id, event.modifiers())
            self._press.group = self._moving_group(hit.segment)
        elif gesture in (Gesture.CREATE, Gesture.RUBBER_BAND) and not event.modifiers() & _MULTI:
            view.selection.clear()
        if gesture == Gesture.SEEK:
            view.seek_requested.emit(view.scale.frame_under(scene_pos.x()))

    def move(self, event: QMouseEvent) -> None:
        press = self._press
        if press is None:
            return
        pos = event.position()
        if not press.moved and (pos - press.viewport_pos).manhattanLength() < DRAG_THRESHOLD_PX:
            return
        press.moved = True
        scene_x = self._view.mapToScene(pos.toPoint()).x()
        handlers = {
            Gesture.SEEK: lambda: self._seek(scene_x),
            Gesture.CREATE: lambda: self._view.show_preview(self._create_rect(scene_x)),
            Gesture.START_EDGE: lambda: self._resize(scene_x, start=True),
            Gesture.END_EDGE: lambda: self._resize(scene_x, start=False),
            Gesture.MOVE: lambda: self._move(scene_x),
            Gesture.RUBBER_BAND: lambda: self._view.show_preview(self._band_rect(press, pos)),
            Gesture.PAN: lambda: self._pan(pos),
        }
        handlers.get(press.gesture, lambda: None)()

    def release(self, event: QMouseEvent) -> None:
        press, self._press = self._press, None
        if press is None:
            return
        self._view.show_preview(None)
        scene_x = self._view.mapToScene(event.position().toPoint()).x()
        if press.gesture == Gesture.CREATE and press.moved and press.label_id is not None:
            self._create(press, press.label_id, scene_x)
        elif press.gesture == Gesture.RUBBER_BAND:
            self._select_band(press, event.position())
        elif press.segment is not None and not press.moved and not press.modifiers & _MULTI:
            self._view.selection.replace([press.segment.id])
        if _is_empty_space_click(press):
            self._seek(press.scene_pos.x())

    def cancel(self) -> None:
        """End a gesture without a release (focus lost, widget hidden)."""
        if self._press is not None:
            self.release(
                QMouseEvent(
                    QMouseEvent.Type.MouseButtonRelease,
                    self._press.viewport_pos,
                    self._press.viewport_pos,
                    Qt.MouseButton.LeftButton,
                    Qt.MouseButton.NoButton,
                    Qt.KeyboardModifier.NoModifier,
                )
            )

    # -- press ---------------------------------------------------------------------------
    @staticmethod
    def _gesture_for(kind: HitKind, modifiers: Qt.KeyboardModifier) -> Gesture:
        if kind == HitKind.RULER:
            return Gesture.SEEK
        if kind in (HitKind.START_EDGE, HitKind.END_EDGE):
            return Gesture.NONE if modifiers & _MULTI else Gesture[kind.name]
        if kind == HitKind.BODY:
            return Gesture.NONE if modifiers & _MULTI else Gesture.MOVE
        if kind == HitKind.TRACK:
            return Gesture.RUBBER_BAND if modifiers & _MULTI else Gesture.CREATE
        return Gesture.RUBBER_BAND if kind in (HitKind.LANE, HitKind.NOTHING) else Gesture.NONE

    def _moving_group(self, grabbed: Segment) -> tuple[Segment, ...]:
        """The grabbed segment, then the rest of the selection when it is part of one."""
        view = self._view
        if grabbed.id not in view.selection:
            return (grabbed,)
        others = (view.segment(segment_id) for segment_id in view.selection.ids() if segment_id != grabbed.id)
        return (grabbed, *(segment for segment in others if segment is not None))

    def _select_on_press(self, segment_id: str, modifiers: Qt.KeyboardModifier) -> None:
        selection = self._view.selection
        if modifiers & Qt.KeyboardModifier.ControlModifier:
            selection.toggle(segment_id)
        elif modifiers & Qt.KeyboardModifier.ShiftModifier:
            selection.add([segment_id])
        elif segment_id not in selection:
            selection.replace([segment_id])

    # -- move ----------------------------------------------------------------------------
    def _seek(self, scene_x: float) -> None:
        self._view.seek_requested.emit(self._view.scale.frame_under(scene_x))

    def _pan(self, pos: QPointF) -> None:
        assert self._press is not None
        delta = pos - self._press.viewport_pos
        self._view.horizontalScrollBar().setValue(self._press.scroll[0] - round(delta.x()))
        self._view.verticalScrollBar().setValue(self._press.scroll[1] - round(delta.y()))

    def _resize(self, scene_x: float, start: bool) -> None:
        assert self._press is not None
        assert self._press.segment is not None
        original = self._press.segment
        edge = self._view.snap_edge(scene_x)
        if start:
            bounds = (min(edge, original.end_frame - 1), original.end_frame)
        else:
            bounds = (original.start_frame, max(edge, original.start_frame + 1))
        self._apply_bounds({original.id: bounds}, "Resize segment")

    def _move(self, scene_x: float) -> None:
        """Shift every segment of the group by the same frames, clamped so that none
        leaves the video; the grabbed segment's edges snap to the playhead first."""
        assert self._press is not None
        assert self._press.segment is not None
        group = self._press.group or (self._press.segment,)
        scale = self._view.scale
        delta = round(scale.frame_at(scene_x - self._press.scene_pos.x()))
        delta += self._snap_pull(group, delta)
        lowest = -min(segment.start_frame for segment in group)
        highest = scale.frame_count - max(segment.end_frame for segment in group)
        delta = min(max(delta, lowest), highest)
        text = "Move segment" if len(group) == 1 else "Move segments"
        self._apply_bounds({s.id: (s.start_frame + delta, s.end_frame + delta) for s in group}, text)

    def _snap_pull(self, group: tuple[Segment, ...], delta: int) -> int:
        """Frames to add to ``delta`` so an edge lands on the playhead or a shot boundary
        when close to one."""
        for segment in group:
            for edge in (segment.start_frame + delta, segment.end_frame + delta):
                target = self._view.snap_target(edge)
                if target is not None:
                    return target - edge
        return 0

    def _apply_bounds(self, bounds: dict[str, tuple[int, int]], text: str) -> None:
        """Ask for ``bounds`` (segment id -> start, end) unless the segments are there already."""
        assert self._press is not None
        current = {segment_id: self._view.segment(segment_id) for segment_id in bounds}
        if any(segment is None for segment in current.values()):
            return  # a segment of the drag went away (undone, deleted elsewhere)
        if all((s.start_frame, s.end_frame) == bounds[s.id] for s in current.values() if s is not None):
            return
        self._view.document.set_many_bounds(bounds, text, merge=self._press.merge_key)

    # -- create and rubber band -----------------------------------------------------------
    def _create_bounds(self, press: _Press, label_id: int, scene_x: float) -> tuple[int, int]:
        view = self._view
        if view.document.label(label_id).kind == LabelKind.POINT:
            frame = view.scale.frame_under(scene_x)
            return frame, frame + 1
        anchor = view.snap_edge(press.scene_pos.x())
        edge = view.snap_edge(scene_x)
        return min(anchor, edge), max(anchor, edge)

    def _create_rect(self, scene_x: float) -> QRectF | None:
        assert self._press is not None
        assert self._press.label_id is not None
        start, end = self._create_bounds(self._press, self._press.label_id, scene_x)
        return self._view.track_rect(self._press.label_id, start, end)

    def _create(self, press: _Press, label_id: int, scene_x: float) -> None:
        start, end = self._create_bounds(press, label_id, scene_x)
        video_id = self._view.video_id()
        if end > start and video_id is not None:
            segment = self._view.document.add_segment(video_id, label_id, start, end)
            self._view.selection.replace([segment.id])

    def _band_rect(self, press: _Press, pos: QPointF) -> QRectF:
        return QRectF(press.scene_pos, self._view.mapToScene(pos.toPoint())).normalized()

    def _select_band(self, press: _Press, pos: QPointF) -> None:
        rect = self._band_rect(press, pos)
        ids = self._view.segment_ids_in(rect) if press.moved else []
        if press.modifiers & _MULTI:
            self._view.selection.add(ids)
        else:
            self._view.selection.replace(ids)


def _is_empty_space_click(press: _Press) -> bool:
    """A plain click, not a drag, on an empty track or a lane: it seeks."""
    plain = not press.modifiers & _MULTI
    return plain and not press.moved and press.kind in (HitKind.TRACK, HitKind.LANE)

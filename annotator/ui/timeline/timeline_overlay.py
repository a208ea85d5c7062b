"""What stays put while the timeline scrolls: the ruler (with the shot boundaries), the
header column, the playhead.

Painted in viewport pixels over the scene (from ``drawForeground``), so the ruler stays
on top when scrolling down and the label names stay at the left when scrolling along.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen

from annotator.domain.label import Label
from annotator.domain.timecode import format_smpte
from annotator.ui.timeline import ruler_ticks
from annotator.ui.timeline.shot_marks_item import SHOT_COLOUR, ShotMarks
from annotator.ui.timeline.timeline_layout import (
    CODER_COLOURS,
    CODER_LANE_HEIGHT_PX,
    FILMSTRIP_HEIGHT_PX,
    HEADER_WIDTH_PX,
    RULER_HEIGHT_PX,
    SOUND_LANE_HEIGHT_PX,
    TRACK_HEIGHT_PX,
    WAVEFORM_HEIGHT_PX,
    TimelineLayout,
    TimelineScale,
)

PLAYHEAD_COLOUR = QColor("#ff3030")
_RULER_BG = QColor("#2b2b2b")
_HEADER_BG = QColor("#333333")
_TEXT = QColor("#e0e0e0")
_TICK = QColor("#9a9a9a")
_NOTE = QColor("#8a8f96")


@dataclass
class TimelineOverlay:
    """Paints the fixed parts; ``origin`` is the scene point at the viewport's top-left."""

    scale: TimelineScale
    layout: TimelineLayout
    fps: Fraction = Fraction(25)
    labels: dict[int, Label] = field(default_factory=dict)
    playhead_frame: int | None = None
    audio_note: str = ""
    """Written in the empty audio lane ("no audio" for a video without sound)."""
    sound_note: str = ""
    """Written in the sound lane while it is empty ("not analysed")."""
    shots: ShotMarks = field(default_factory=ShotMarks)

    def paint(self, painter: QPainter, origin: QPointF, width: int, height: int) -> None:
        painter.save()
        painter.resetTransform()
        self._paint_header(painter, origin.y(), height)
        self._paint_lane_note(
            painter, origin.y(), self.layout.waveform_top, WAVEFORM_HEIGHT_PX, self.audio_note
        )
        self._paint_lane_note(
            painter, origin.y(), self.layout.sound_top, SOUND_LANE_HEIGHT_PX, self.sound_note
        )
        self._paint_ruler(painter, origin.x(), width)
        self._paint_playhead(painter, origin.x(), height)
        painter.restore()

    def playhead_viewport_x(self, origin_x: float) -> float | None:
        if self.playhead_frame is None:
            return None
        return self.scale.x(self.playhead_frame) - origin_x

    def _paint_ruler(self, painter: QPainter, origin_x: float, width: int) -> None:
        painter.fillRect(QRectF(0, 0, width, RULER_HEIGHT_PX), _RULER_BG)
        painter.setPen(_TEXT)
        corner = QRectF(6, 0, HEADER_WIDTH_PX - 6, RULER_HEIGHT_PX)
        if self.playhead_frame is not None:
            text = format_smpte(self.playhead_frame, self.fps)
            painter.drawText(corner, Qt.AlignmentFlag.AlignVCenter, text)
        if self.scale.frame_count <= 0:
            return
        painter.save()
        painter.setClipRect(
            QRectF(HEADER_WIDTH_PX, 0, width - HEADER_WIDTH_PX, RULER_HEIGHT_PX),
            Qt.ClipOperation.IntersectClip,
        )
        steps = ruler_ticks.choose_steps(self.scale.pixels_per_frame, self.fps)
        first = self.scale.frame_at(origin_x + HEADER_WIDTH_PX) - steps.major_frames
        last = min(self.scale.frame_at(origin_x + width), self.scale.frame_count)
        painter.setPen(_TICK)
        for frame in ruler_ticks.ticks(first, last, steps.minor_frames):
            x = self.scale.x(frame) - origin_x
            tall = frame % steps.major_frames == 0
            painter.drawLine(QPointF(x, RULER_HEIGHT_PX - (12 if tall else 5)), QPointF(x, RULER_HEIGHT_PX))
        painter.setPen(_TEXT)
        with_hours = self.scale.frame_count / float(self.fps) >= 3600
        for frame in ruler_ticks.ticks(first, last, steps.major_frames):
            x = self.scale.x(frame) - origin_x
            label = ruler_ticks.tick_label(frame, self.fps, steps, with_hours)
            painter.drawText(QPointF(x + 3, RULER_HEIGHT_PX - 12), label)
        self._paint_shot_ticks(painter, origin_x, first, last)
        painter.restore()

    def _paint_shot_ticks(self, painter: QPainter, origin_x: float, first: float, last: float) -> None:
        """A shot boundary: a triangle on the ruler's bottom edge, pointing down at the frame."""
        painter.setPen(QPen(SHOT_COLOUR, 2))
        painter.setBrush(SHOT_COLOUR)
        bottom = float(RULER_HEIGHT_PX)
        for boundary in self.shots.between(first, last):
            x = self.scale.x(boundary.frame) - origin_x
            painter.drawLine(QPointF(x, bottom - 9), QPointF(x, bottom))
            painter.drawPolygon(
                [QPointF(x - 4, bottom - 9), QPointF(x + 4, bottom - 9), QPointF(x, bottom - 4)]
            )

    def header_rows(self) -> list[tuple[float, int, str, QColor | None]]:
        """What the header column shows, top to bottom: (scene top, height, text, colour).
        A label's row starts with its key: ``3  animal interaction``; a coder lane under it
        names the coder: ``└ ana``, marked in the coder's colour."""
        rows: list[tuple[float, int, str, QColor | None]] = [
            (self.layout.filmstrip_top, FILMSTRIP_HEIGHT_PX, "Video", None),
            (self.layout.waveform_top, WAVEFORM_HEIGHT_PX, "Audio", None),
            (self.layout.sound_top, SOUND_LANE_HEIGHT_PX, "Loudness, speech", None),
        ]
        for label_id in self.layout.label_ids:
            label = self.labels[label_id]
            text = f"{label.key}  {label.name}" if label.key else label.name
            rows.append((self.layout.track_top(label_id), TRACK_HEIGHT_PX, text, QColor(label.colour)))
            for place, coder in enumerate(self.layout.coders):
                colour = QColor(CODER_COLOURS[place % len(CODER_COLOURS)])
                top = self.layout.lane_top(label_id, coder)
                rows.append((top, CODER_LANE_HEIGHT_PX, f"└ {coder or '(no name)'}", colour))
        return rows

    def _paint_header(self, painter: QPainter, origin_y: float, height: int) -> None:
        painter.fillRect(QRectF(0, RULER_HEIGHT_PX, HEADER_WIDTH_PX, height), _HEADER_BG)
        painter.save()
        painter.setClipRect(
            QRectF(0, RULER_HEIGHT_PX, HEADER_WIDTH_PX, height - RULER_HEIGHT_PX),
            Qt.ClipOperation.IntersectClip,
        )
        for top, row_height, name, colour in self.header_rows():
            rect = QRectF(0, top - origin_y, HEADER_WIDTH_PX, row_height)
            if colour is not None:
                painter.fillRect(QRectF(4, rect.top() + 6, 10, row_height - 12), colour)
            painter.setPen(_TEXT)
            text_rect = rect.adjusted(20, 0, -4, 0)
            text = painter.fontMetrics().elidedText(name, Qt.TextElideMode.ElideRight, int(text_rect.width()))
            painter.drawText(text_rect, Qt.AlignmentFlag.AlignVCenter, text)
            painter.setPen(QColor("#444444"))
            painter.drawLine(rect.bottomLeft(), rect.bottomRight())
        painter.restore()

    def _paint_lane_note(
        self, painter: QPainter, origin_y: float, lane_top: float, height: int, note: str
    ) -> None:
        """A lane's note, at its left end whatever the scroll."""
        top = lane_top - origin_y
        if not note or top + height <= RULER_HEIGHT_PX:
            return
        painter.setPen(_NOTE)
        rect = QRectF(HEADER_WIDTH_PX + 10, max(top, RULER_HEIGHT_PX), 400, height)
        painter.drawText(rect, Qt.AlignmentFlag.AlignVCenter, note)

    def _paint_playhead(self, painter: QPainter, origin_x: float, height: int) -> None:
        x = self.playhead_viewport_x(origin_x)
        if x is None or x < HEADER_WIDTH_PX:
            return
        painter.setPen(QPen(PLAYHEAD_COLOUR, 1))
        painter.drawLine(QPointF(x + 0.5, 0), QPointF(x + 0.5, height))
        painter.setBrush(PLAYHEAD_COLOUR)
        painter.drawPolygon([QPointF(x - 5, 0), QPointF(x + 6, 0), QPointF(x + 0.5, 7)])

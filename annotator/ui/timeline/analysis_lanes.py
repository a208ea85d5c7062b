"""What the analyses add to the timeline: shot boundaries (over the filmstrip and on the
ruler) and the sound lane (loudness, speech and loud non-speech). Empty until the video
has been analysed; the window hands over each analysis as it becomes known."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QGraphicsItem, QGraphicsScene

from annotator.analysis.results import ShotBoundary, SoundEvent
from annotator.analysis.sounds import SoundCells
from annotator.domain.frame_times import FrameTimes
from annotator.ui.timeline.shot_marks_item import ShotMarksItem
from annotator.ui.timeline.sound_lane_item import SoundLaneItem
from annotator.ui.timeline.timeline_layout import TimelineLayout, TimelineScale
from annotator.ui.timeline.timeline_overlay import TimelineOverlay

NOT_ANALYSED = "not analysed yet (Analyze ▸ Analyze this video)"


class AnalysisLanes:
    """The shot marks item and the sound lane item in the timeline's scene."""

    def __init__(
        self, scene: QGraphicsScene, scale: TimelineScale, layout: TimelineLayout, overlay: TimelineOverlay
    ) -> None:
        self._overlay = overlay
        self.shots = overlay.shots
        self.shot_item = ShotMarksItem(scale, self.shots)
        self.shot_item.setPos(0, layout.filmstrip_top)
        self.sound_item = SoundLaneItem(scale)
        self.sound_item.setPos(0, layout.sound_top)
        scene.addItem(self.shot_item)
        scene.addItem(self.sound_item)

    def items(self) -> list[QGraphicsItem]:
        return [self.shot_item, self.sound_item]

    def set_video(self, frame_times: FrameTimes) -> None:
        """A new video: nothing known about it yet."""
        self.sound_item.set_frame_times(frame_times)
        self.set_analysis([], None, [], analysed=False)

    def set_analysis(
        self,
        boundaries: Sequence[ShotBoundary],
        cells: SoundCells | None,
        events: Sequence[SoundEvent],
        analysed: bool = True,
    ) -> None:
        """The video's shot boundaries and sound (``cells`` None: it has no sound)."""
        self.shots.set(boundaries)
        self.sound_item.set_sound(cells, events)
        self._overlay.sound_note = "" if analysed else NOT_ANALYSED
        self.shot_item.update()

"""What a probe learns about a video file."""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

from annotator.domain.frame_times import FrameTimes


@dataclass(frozen=True)
class VideoInfo:
    """A video stream's facts; ``fps`` is exact (30000/1001, never 29.97).

    ``notes`` say what the probe found odd about the file, for people to read (for
    example "2 leading frames undecodable, skipped"); they describe how the facts were
    read, not the video, so they take no part in comparing two ``VideoInfo``.
    """

    path: str
    codec: str
    width: int
    height: int
    fps: Fraction
    frame_count: int
    duration_s: Fraction
    start_time_s: Fraction
    has_audio: bool
    is_vfr: bool
    container: str = ""
    frame_times: FrameTimes | None = None
    notes: tuple[str, ...] = field(default=(), compare=False)

    def times(self) -> FrameTimes:
        """The frame timestamp table, or a constant-rate one when none was read."""
        if self.frame_times is not None:
            return self.frame_times
        return FrameTimes.constant(self.fps, self.frame_count, self.start_time_s)

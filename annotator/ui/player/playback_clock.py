"""Where playback is now, in seconds of the media: the audio device's clock when sound is
playing, else the wall clock.

With sound, the picture follows the audio (the audio clock is the master, as in every
player that keeps lips in sync): the frame shown is the one holding the media time of the
sample being heard now. Without sound (no device, reverse play, or sound not started yet)
the media time runs from a monotonic wall clock at the playing speed.
"""

from __future__ import annotations

import time
from collections.abc import Callable

AudioTime = Callable[[], float | None]

AUDIO_START_GRACE_S = 0.5
"""How long the picture waits for the sound to start before it runs on the wall clock."""


class PlaybackClock:
    """Media time while playing, forward or backward, at a speed."""

    def __init__(self, now: Callable[[], float] = time.perf_counter) -> None:
        self._now = now
        self._origin_media_s = 0.0
        self._origin_wall_s = 0.0
        self._speed = 1.0
        self._direction = 1
        self._audio: AudioTime | None = None
        self._last_heard: tuple[float, float] | None = None  # media s, wall s

    @property
    def direction(self) -> int:
        return self._direction

    @property
    def speed(self) -> float:
        return self._speed

    def start(self, media_s: float, speed: float, direction: int = 1) -> None:
        """Run from ``media_s`` at ``speed`` (forward if ``direction`` > 0), on the wall
        clock until ``follow_audio`` names an audio clock."""
        self._origin_media_s = media_s
        self._origin_wall_s = self._now()
        self._speed = speed
        self._direction = 1 if direction >= 0 else -1
        self._audio = None
        self._last_heard = None

    def follow_audio(self, audio_time: AudioTime) -> None:
        """Take the media time from ``audio_time`` (the sample being heard) while it
        answers; it answers None until the device has started playing."""
        self._audio = audio_time

    def media_s(self) -> float:
        """The media time now. While the sound has not started yet (the device takes a
        few tens of ms) the picture waits for it, up to ``AUDIO_START_GRACE_S``, after
        which it gives up on the sound (no jump back when it starts later); when the sound
        stops before the picture, the wall clock runs on from its last sample."""
        now = self._now()
        if self._audio is not None:
            heard = self._audio()
            if heard is not None:
                self._last_heard = (heard, now)
                return heard
            if self._last_heard is not None:
                return self._run_from(*self._last_heard, now)
            if now - self._origin_wall_s < AUDIO_START_GRACE_S:
                return self._origin_media_s
            self._audio = None  # too late: follow the wall clock until the next start
        return self._run_from(self._origin_media_s, self._origin_wall_s, now)

    @property
    def follows_audio(self) -> bool:
        """True while the sound is (or may still become) the master."""
        return self._audio is not None

    def _run_from(self, media_s: float, wall_s: float, now: float) -> float:
        return media_s + self._direction * (now - wall_s) * self._speed

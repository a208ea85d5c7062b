"""The player engine: QMediaPlayer + QAudioOutput + QVideoSink on one file, frame-exact.

Frame indices are the truth (DESIGN.md, "Time"). Every picture is named by the frame whose
``[t(n), t(n+1))`` holds its ``QVideoFrame.startTime()``, never by ``position()``, which
lags. A seek aims at the middle of the frame, which Qt's FFmpeg backend lands on exactly.

Paused navigation keeps one seek in flight at a time: a newer request replaces the queued
one, and a frame that arrives for any request but the newest is ignored, so the picture
shown after a seek or step is always the frame asked for. Recently shown frames are kept
in a small cache and shown at once; the player's position is then re-aligned lazily (on
the next decoder seek or on play), which costs nothing while stepping over cached frames.

Reverse shuttle (J) is emulated by timed backward seeks, see ``ReverseShuttle``.
With no audio output device Qt's FFmpeg backend plays on its own clock (measured here:
frames arrive at the nominal rate), so the engine only reports it once.
"""

from __future__ import annotations

import logging
from fractions import Fraction
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, QUrl, Signal
from PySide6.QtGui import QImage
from PySide6.QtMultimedia import QAudioOutput, QMediaDevices, QMediaPlayer, QVideoFrame, QVideoSink

from annotator.domain.frame_times import FrameTimes
from annotator.ui.player.frame_cache import FrameCache
from annotator.ui.player.reverse_shuttle import ReverseShuttle

log = logging.getLogger(__name__)

MIN_RATE = 0.25
MAX_RATE = 4.0
SHUTTLE_SPEEDS = (1.0, 2.0, 4.0)
# Qt rounds the pts to whole microseconds; half a millisecond of slack keeps a frame that
# starts at 1001/30000 s from being read as the one before it.
_START_SLACK_S = Fraction(1, 2000)
_END_MARGIN_S = Fraction(1, 1000)
_SEEK_TIMEOUT_MS = 1000


def clamp_rate(rate: float) -> float:
    """A playback speed within what the engine offers, 0.25x to 4x."""
    return min(MAX_RATE, max(MIN_RATE, float(rate)))


class PlayerEngine(QObject):
    """Plays, pauses, seeks and steps one media file, reporting exact frames."""

    frame_shown = Signal(int, QImage)
    playing_changed = Signal(bool)
    rate_changed = Signal(float)
    error_occurred = Signal(str)
    audio_unavailable = Signal(str)

    def __init__(self, parent: QObject | None = None, cache_frames: int = 32) -> None:
        super().__init__(parent)
        self._player = QMediaPlayer(self)
        self._audio = QAudioOutput(self)
        self._sink = QVideoSink(self)
        self._player.setAudioOutput(self._audio)
        self._player.setVideoSink(self._sink)
        self._sink.videoFrameChanged.connect(self._on_sink_video_frame_changed)
        self._player.errorOccurred.connect(self._on_player_error_occurred)
        self._player.playbackStateChanged.connect(self._on_player_playback_state_changed)
        self._reverse = ReverseShuttle(self)
        self._reverse.frame_due.connect(self._on_reverse_frame_due)
        self._reverse.finished.connect(self._on_reverse_finished)
        self._seek_timer = QTimer(self)
        self._seek_timer.setSingleShot(True)
        self._seek_timer.timeout.connect(self._on_seek_timer_timeout)
        self._cache = FrameCache(cache_frames)
        self._frame_times: FrameTimes | None = None
        self._current = 0
        self._target: int | None = None  # paused: the only frame we accept
        self._in_flight: int | None = None  # the frame the decoder is seeking to
        self._playing = False
        self._speed = 1.0
        self._reversing = False
        self._audio_reported = False

    # -- state -------------------------------------------------------------------------
    @property
    def frame_times(self) -> FrameTimes | None:
        return self._frame_times

    @property
    def current_frame(self) -> int:
        """The frame on screen (the last one ``frame_shown`` named)."""
        return self._current

    @property
    def is_playing(self) -> bool:
        """True while playing forward or shuttling in reverse."""
        return self._playing

    @property
    def rate(self) -> float:
        """Signed speed: negative while shuttling in reverse."""
        return -self._speed if self._reversing else self._speed

    @property
    def frame_count(self) -> int:
        return self._frame_times.frame_count if self._frame_times else 0

    # -- commands ----------------------------------------------------------------------
    def load(self, path: Path | str, frame_times: FrameTimes) -> None:
        """Open ``path`` (whose frames ``frame_times`` describes) paused on frame 0."""
        self._stop_motion()
        self._frame_times = frame_times
        self._cache.clear()
        self._current = 0
        self._target = 0
        self._in_flight = 0
        self._report_missing_audio()
        self._player.setSource(QUrl.fromLocalFile(str(path)))
        self._player.pause()  # decodes and presents the first frame
        self._seek_timer.start(_SEEK_TIMEOUT_MS)

    def unload(self) -> None:
        """Stop and close the media, so no decoder thread outlives the engine's owner."""
        self._stop_motion()
        self._seek_timer.stop()
        # No QMediaPlayer.stop(): right after fast playback it can deadlock with the FFmpeg
        # backend's threads (seen here); clearing the source stops and frees them as well.
        self._player.setSource(QUrl())
        self._frame_times = None
        self._cache.clear()
        self._target = None
        self._in_flight = None

    def play(self) -> None:
        """Play forward at the current speed from the frame on screen."""
        if self._frame_times is None:
            return
        self._reverse.stop()
        self._reversing = False
        start = 0 if self._current >= self.frame_count - 1 else self._current
        self._target = None
        self._in_flight = None
        self._player.setPosition(self._position_ms(start))
        self._player.setPlaybackRate(self._speed)
        self._player.play()
        self._set_playing(True)

    def pause(self) -> None:
        """Stop moving; the frame on screen stays and becomes the playhead."""
        self._stop_motion()

    def toggle(self) -> None:
        if self._playing:
            self.pause()
        else:
            self.play()

    def seek_frame(self, frame: int) -> None:
        """Show exactly ``frame`` (clamped to the video); pauses playback."""
        if self._frame_times is None:
            return
        self._stop_motion()
        self._request(min(max(frame, 0), self.frame_count - 1))

    def step(self, delta_frames: int) -> None:
        """Move ``delta_frames`` from the frame on screen (or the one last asked for)."""
        base = self._target if self._target is not None else self._current
        self.seek_frame(base + delta_frames)

    def set_rate(self, rate: float) -> None:
        """Set the speed, clamped to 0.25x..4x; the direction is kept."""
        speed = clamp_rate(abs(rate))
        if speed == self._speed:
            return
        self._speed = speed
        if self._reversing and self._frame_times is not None:
            self._reverse.start(self._frame_times, self._current, speed)
        else:
            self._player.setPlaybackRate(speed)
        self.rate_changed.emit(self.rate)

    def shuttle_forward(self) -> None:
        """L: play forward at 1x, or go to the next speed (2x, 4x) if already going."""
        going = self._playing and not self._reversing
        self._set_speed(_next_speed(self._speed) if going else 1.0, reversing=False)
        if not going:
            self.play()

    def shuttle_reverse(self) -> None:
        """J: play backwards at 1x, or faster (2x, 4x) if already going backwards."""
        if self._frame_times is None:
            return
        going = self._playing and self._reversing
        speed = _next_speed(self._speed) if going else 1.0
        if not going:
            self._player.pause()
            self._target = None
        self._set_speed(speed, reversing=True)
        self._reverse.start(self._frame_times, self._current, speed)
        self._set_playing(True)

    def shuttle_stop(self) -> None:
        """K: pause."""
        self.pause()

    def clear_cache(self) -> None:
        """Forget cached pictures (benchmarks measure the decoder with this)."""
        self._cache.clear()

    # -- internals ---------------------------------------------------------------------
    def _set_speed(self, speed: float, *, reversing: bool) -> None:
        changed = speed != self._speed or reversing != self._reversing
        self._speed, self._reversing = speed, reversing
        self._player.setPlaybackRate(speed)
        if changed:
            self.rate_changed.emit(self.rate)

    def _stop_motion(self) -> None:
        if self._reversing:
            self._reverse.stop()
            self._set_speed(self._speed, reversing=False)
        if self._player.playbackState() == QMediaPlayer.PlaybackState.PlayingState:
            self._player.pause()
        self._set_playing(False)

    def _set_playing(self, playing: bool) -> None:
        if playing != self._playing:
            self._playing = playing
            self.playing_changed.emit(playing)

    def _position_ms(self, frame: int) -> int:
        """Where to seek for ``frame``: its middle, except at the very end (see below)."""
        times = self._frame_times
        assert times is not None
        aim = times.mid_seconds(frame)
        # Qt ends the media at its duration minus the container's start time (measured on a
        # clip starting at 0.033 s), so a late-starting file's last frame is aimed early.
        end = times.duration_s - times.start_s - _END_MARGIN_S
        if aim > end:
            aim = max(end, times.seconds(frame) + _END_MARGIN_S)
        return round(aim * 1000)

    def _request(self, frame: int) -> None:
        self._target = frame
        cached = self._cache.get(frame)
        if cached is not None:
            self._show(frame, cached)
        elif self._in_flight is None:
            self._seek_decoder(frame)

    def _seek_decoder(self, frame: int) -> None:
        self._in_flight = frame
        self._player.setPosition(self._position_ms(frame))
        self._seek_timer.start(_SEEK_TIMEOUT_MS)

    def _show(self, frame: int, image: QImage) -> None:
        self._current = frame
        self.frame_shown.emit(frame, image)

    def _report_missing_audio(self) -> None:
        if self._audio_reported or QMediaDevices.audioOutputs():
            return
        self._audio_reported = True
        self.audio_unavailable.emit("No audio output device: playing without sound")

    def _frame_of(self, video_frame: QVideoFrame) -> int:
        assert self._frame_times is not None
        return self._frame_times.frame_at(Fraction(video_frame.startTime(), 1_000_000) + _START_SLACK_S)

    # -- slots -------------------------------------------------------------------------
    def _on_sink_video_frame_changed(self, video_frame: QVideoFrame) -> None:
        if self._frame_times is None or not video_frame.isValid() or video_frame.startTime() < 0:
            return
        frame = self._frame_of(video_frame)
        image = video_frame.toImage()
        self._cache.put(frame, image)
        if frame == self._in_flight:
            self._in_flight = None
            self._seek_timer.stop()
        if self._target is None or frame == self._target:
            self._target = None if self._playing else frame
            if frame != self._current or not self._playing:
                self._show(frame, image)
        self._continue_navigation()

    def _continue_navigation(self) -> None:
        """Start the seek for the newest request once the previous one has landed."""
        if self._in_flight is None and self._target is not None and self._target != self._current:
            if self._target in self._cache:
                self._request(self._target)
            else:
                self._seek_decoder(self._target)

    def _on_seek_timer_timeout(self) -> None:
        failed, self._in_flight = self._in_flight, None
        log.warning("no picture for frame %s within %d ms", failed, _SEEK_TIMEOUT_MS)
        if self._target == failed:
            self._target = None  # keep the frame on screen: a retry would fail the same way
        self._continue_navigation()

    def _on_reverse_frame_due(self, frame: int) -> None:
        self._request(frame)

    def _on_reverse_finished(self) -> None:
        self._stop_motion()

    def _on_player_playback_state_changed(self, state: QMediaPlayer.PlaybackState) -> None:
        if state == QMediaPlayer.PlaybackState.StoppedState and self._playing and not self._reversing:
            # End of media. A stopped QMediaPlayer presents nothing on seeks, so go back to
            # paused, keeping the last frame on screen (any other frame it presents is ignored).
            self._target = self._current
            self._in_flight = None
            self._player.pause()
            self._set_playing(False)

    def _on_player_error_occurred(self, _error: QMediaPlayer.Error, message: str) -> None:
        self._stop_motion()
        self.error_occurred.emit(message or "the media could not be played")


def _next_speed(speed: float) -> float:
    return next((s for s in SHUTTLE_SPEEDS if s > speed), SHUTTLE_SPEEDS[-1])

"""The player engine: exact frames from our own decode thread, shown on the GUI thread.

Frame indices are the truth (DESIGN.md, "Time"). Pictures come from the exact frame
source (``media.decode_thread.DecodeThread`` over ``open_frame_source``), so the frame the
player names is, by construction, the frame ``annotator frame`` returns and the tests check
by its pixels. Why not Qt Multimedia: its FFmpeg backend's threads call virtuals of our
Python-created objects and deadlocked against the GIL (``docs/architecture.md``).

The GUI thread never decodes and never waits for the decoder: it posts requests and is
woken through a socket its event loop watches (the decode thread makes no Qt call). Paused,
the newest request wins and stale pictures are ignored; recently shown pictures are kept in
a small cache and shown at once. Playing, forward or backward (J is real reverse play), the
decode thread runs a few frames ahead and a timer shows the frame due by the playback clock:
the sound's when it is playing (``AudioPlayback``), else the wall clock.
"""

from __future__ import annotations

import contextlib
import logging
import socket
import weakref
from functools import partial
from pathlib import Path

import numpy as np
import numpy.typing as npt
from PySide6.QtCore import QObject, QSocketNotifier, Qt, QTimer, Signal
from PySide6.QtGui import QImage

from annotator.domain.frame_times import FrameTimes
from annotator.media.decode_thread import DecodeThread, Failure, Opener, Picture
from annotator.media.errors import MediaError
from annotator.media.frame_source import FrameSource, open_frame_source
from annotator.ui.player.audio_playback import AudioPlayback
from annotator.ui.player.picture_cache import PictureCache
from annotator.ui.player.playback_clock import PlaybackClock

log = logging.getLogger(__name__)

MIN_RATE = 0.25
MAX_RATE = 4.0
SHUTTLE_SPEEDS = (1.0, 2.0, 4.0)
_TICK_MS = 4
"""How often a due frame is looked for while playing (a frame is shown <= 4 ms late)."""


def clamp_rate(rate: float) -> float:
    """A playback speed within what the engine offers, 0.25x to 4x."""
    return min(MAX_RATE, max(MIN_RATE, float(rate)))


def to_image(rgb: npt.NDArray[np.uint8]) -> QImage:
    """An RGB array as a ``QImage`` that owns its pixels (RGB32 paints fastest)."""
    height, width = rgb.shape[:2]
    view = QImage(rgb.data, width, height, rgb.strides[0], QImage.Format.Format_RGB888)
    return view.convertToFormat(QImage.Format.Format_RGB32)


class PlayerEngine(QObject):
    """Plays, pauses, seeks and steps one media file, reporting exact frames."""

    frame_shown = Signal(int, QImage)
    playing_changed = Signal(bool)
    rate_changed = Signal(float)
    error_occurred = Signal(str)
    audio_unavailable = Signal(str)

    def __init__(self, parent: QObject | None = None, cache_frames: int = 32) -> None:
        super().__init__(parent)
        self._wake_in, wake_out = socket.socketpair()
        self._wake_in.setblocking(False)
        wake_out.setblocking(False)
        self._decoder = DecodeThread(partial(_send_wake, wake_out))
        self._finalizer = weakref.finalize(self, _shut_down, self._decoder, self._wake_in, wake_out)
        self._notifier = QSocketNotifier(self._wake_in.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._on_notifier_activated)
        self._tick = QTimer(self)
        self._tick.setTimerType(Qt.TimerType.PreciseTimer)
        self._tick.setInterval(_TICK_MS)
        self._tick.timeout.connect(self._on_tick_timeout)
        self._audio = AudioPlayback(self)
        self._audio.unavailable.connect(self.audio_unavailable)
        self._clock = PlaybackClock()
        self._pictures = PictureCache(cache_frames)
        self._frame_times: FrameTimes | None = None
        self._current = 0
        self._target: int | None = None  # paused: the frame asked for and not shown yet
        self._show_ticket = 0
        self._play_ticket = 0
        self._playing = False
        self._speed = 1.0
        self._reversing = False
        self._until: int | None = None  # playing forward stops exactly here
        self._error_reported = False
        self.frames_passed_over = 0
        """Frames decoded while playing but never shown because a later one was due."""

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
    def load(
        self,
        path: Path | str,
        frame_times: FrameTimes,
        opener: Opener | None = None,
        *,
        has_audio: bool = True,
        frame: int = 0,
    ) -> None:
        """Open ``path`` (whose frames ``frame_times`` describes) paused on ``frame``.

        ``opener`` opens its frame source (default: probe ``path`` and open it); it runs on
        the decode thread. A source whose frame count differs from the table is refused.
        Without ``has_audio`` the clock never waits for sound.
        """
        self._stop_motion()
        self._frame_times = frame_times
        self._pictures.clear()
        frame = min(max(frame, 0), frame_times.frame_count - 1)
        self._current = frame
        self._error_reported = False
        opener = opener or partial(open_frame_source, Path(path))
        self._decoder.open(partial(_checked_source, opener, frame_times, Path(path)))
        self._audio.load(Path(path) if has_audio else None, float(frame_times.start_s))
        self._request(frame)

    def unload(self) -> None:
        """Stop and close the media (the decode thread stays, idle)."""
        self._stop_motion()
        self._decoder.close()
        self._audio.unload()
        self._frame_times = None
        self._pictures.clear()
        self._target = None

    def shutdown(self) -> None:
        """End the decode thread and the sound for good (the window is closing)."""
        self.unload()
        self._audio.shutdown()
        self._notifier.setEnabled(False)
        self._finalizer()

    def play(self, until: int | None = None) -> None:
        """Play forward at the current speed from the frame on screen; with ``until``, stop
        exactly on that frame. No frame past it is ever shown, however late the machine is
        (a late player passes frames over to keep time: a watcher could not stop it in time)."""
        if self._frame_times is None:
            return
        self._start_motion(reversing=False)
        self._until = until

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
        if self._playing:
            self._restart_clock()
        self.rate_changed.emit(self.rate)

    def shuttle_forward(self) -> None:
        """L: play forward at 1x, or go to the next speed (2x, 4x) if already going."""
        going = self._playing and not self._reversing
        self._shuttle(reversing=False, speed=_next_speed(self._speed) if going else 1.0)

    def shuttle_reverse(self) -> None:
        """J: play backwards at 1x, or faster (2x, 4x) if already going backwards."""
        going = self._playing and self._reversing
        self._shuttle(reversing=True, speed=_next_speed(self._speed) if going else 1.0)

    def shuttle_stop(self) -> None:
        """K: pause."""
        self.pause()

    def clear_cache(self) -> None:
        """Forget pictures shown recently (benchmarks measure the decoder with this)."""
        self._pictures.clear()

    def has_picture(self, frame: int) -> bool:
        """True if ``frame`` was shown recently and would be shown at once, without decoding."""
        return frame in self._pictures

    # -- motion ------------------------------------------------------------------------
    def _shuttle(self, *, reversing: bool, speed: float) -> None:
        if self._frame_times is None:
            return
        changed = speed != self._speed or reversing != self._reversing
        self._speed = speed
        if not self._playing or reversing != self._reversing:
            self._start_motion(reversing=reversing)
        else:
            self._restart_clock()
        if changed:
            self.rate_changed.emit(self.rate)

    def _start_motion(self, *, reversing: bool) -> None:
        """Play from the frame on screen (forward from the last frame starts at 0)."""
        times = self._frame_times
        assert times is not None
        was_reversing = self._reversing
        self._tick.stop()
        self._audio.stop()
        self._reversing = reversing
        self._until = None
        step = -1 if reversing else 1
        # From the frame asked for if it is not on screen yet (just loaded, or a seek in
        # flight), else from the one after the frame on screen.
        pending = self._target
        start = pending if pending is not None else self._current
        if not reversing and start >= times.frame_count - 1:
            start = pending = 0
        self._target = None
        self._play_ticket = self._decoder.play(start if pending is not None else start + step, step)
        self._restart_clock(start)
        self._tick.start()
        self._set_playing(True)
        if was_reversing != reversing:
            self.rate_changed.emit(self.rate)

    def _restart_clock(self, from_frame: int | None = None) -> None:
        """Run the clock from the frame on screen (or ``from_frame``) at the current speed
        and direction, with sound when playing forward."""
        times = self._frame_times
        assert times is not None
        frame = self._current if from_frame is None else from_frame
        start_s = float(times.seconds(frame))
        self._clock.start(start_s, self._speed, -1 if self._reversing else 1)
        self._audio.stop()
        if not self._reversing and self._audio.start(start_s, self._speed):
            self._clock.follow_audio(self._audio.heard_media_s)

    def _stop_motion(self) -> None:
        self._tick.stop()
        self._audio.stop()
        if self._playing:
            self._decoder.stop()
            self._play_ticket = 0
        self._set_playing(False)

    def _set_playing(self, playing: bool) -> None:
        if playing != self._playing:
            self._playing = playing
            self.playing_changed.emit(playing)

    def _due_frame(self) -> tuple[int, bool]:
        """The frame the clock has reached, and whether the clock is past where playing
        stops: the video's end (its start, backwards) or the ``until`` frame."""
        times = self._frame_times
        assert times is not None
        media_s = self._clock.media_s()
        if self._reversing:
            return (0, True) if media_s <= 0 else (times.frame_at(media_s), False)
        last = times.frame_count - 1 if self._until is None else min(self._until, times.frame_count - 1)
        if media_s >= times.seconds(last + 1):
            return last, True
        return times.frame_at(media_s), False

    # -- pictures ----------------------------------------------------------------------
    def _request(self, frame: int) -> None:
        self._target = frame
        cached = self._pictures.get(frame)
        if cached is not None:
            self._show(frame, cached)
        else:
            self._show_ticket = self._decoder.show(frame)

    def _show(self, frame: int, image: QImage) -> None:
        if self._target == frame:
            self._target = None
        self._current = frame
        self.frame_shown.emit(frame, image)

    def _picture(self, picture: Picture) -> QImage:
        image = to_image(picture.rgb)
        self._pictures.put(picture.index, image)
        return image

    def _report(self, failure: Failure) -> None:
        log.warning("player: %s", failure.message)
        if not self._error_reported:
            self._error_reported = True
            self.error_occurred.emit(failure.message)

    # -- slots -------------------------------------------------------------------------
    def _on_notifier_activated(self) -> None:
        _drain(self._wake_in)
        for answer in self._decoder.take_shown():
            if isinstance(answer, Failure):
                if answer.ticket in (self._show_ticket, self._play_ticket):
                    self._stop_motion()
                    self._target = None
                    self._report(answer)
            elif answer.ticket == self._show_ticket and answer.index == self._target:
                self._show(answer.index, self._picture(answer))
        if self._playing:
            self._on_tick_timeout()

    def _on_tick_timeout(self) -> None:
        if self._frame_times is None or not self._playing:
            return
        if self._audio.playing and not self._clock.follows_audio and self._audio.heard_media_s() is not None:
            self._restart_clock()  # the sound started after the clock gave up on it: both again, in step
        due, past_end = self._due_frame()
        step = -1 if self._reversing else 1
        picture, passed = self._decoder.pop_due(self._play_ticket, due, step)
        self.frames_passed_over += passed
        if picture is not None:
            self._show(picture.index, self._picture(picture))
        if past_end and self._current == due:
            self._stop_motion()  # the end (or the start, backwards): the last frame stays


def _next_speed(speed: float) -> float:
    return next((s for s in SHUTTLE_SPEEDS if s > speed), SHUTTLE_SPEEDS[-1])


def _checked_source(opener: Opener, frame_times: FrameTimes, path: Path) -> FrameSource:
    """Open a source and refuse it if it does not have the table's frames."""
    source = opener()
    if source.frame_count != frame_times.frame_count:
        count = source.frame_count
        source.close()
        raise MediaError(path, f"it has {count} frames where {frame_times.frame_count} were expected")
    return source


def _send_wake(wake_out: socket.socket) -> None:
    """Wake the GUI thread's event loop (called on the decode thread; no Qt call)."""
    # A full socket already wakes the GUI (which drains it); a closed one has shut down.
    with contextlib.suppress(OSError):
        wake_out.send(b"\0")


def _drain(wake_in: socket.socket) -> None:
    try:
        while wake_in.recv(4096):
            pass
    except (BlockingIOError, OSError):
        pass


def _shut_down(decoder: DecodeThread, *sockets: socket.socket) -> None:
    decoder.shutdown()
    for sock in sockets:
        sock.close()

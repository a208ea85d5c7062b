"""Plays the segment under review: from start minus pre-roll to end plus post-roll.

The controller seeks to the first frame, starts playing once that frame is on screen with
``play(until=stop frame)`` (the engine never shows a frame past it, however late the
machine is), and when the stop frame is reported asks for it once more, which pins the
picture there. With loop on it starts over instead.

When the engine reloads its media under the review (``VideoLoader`` swaps in a proxy as soon as
it is built, typically just after the review crossed into a new video), ``hold`` before the
reload and ``resume`` after it carry on from where playback was, to the same stop frame.
"""

from __future__ import annotations

from enum import Enum, auto

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QImage

from annotator.editing.review_queue import PlayRange
from annotator.editing.review_session import ReviewSession
from annotator.ui.player.player_engine import PlayerEngine


class _State(Enum):
    IDLE = auto()
    SEEKING = auto()  # waiting for the first frame (or the frame to resume at) before playing
    PLAYING = auto()
    FINISHING = auto()  # paused, waiting for the exact stop frame
    HELD = auto()  # the engine is reloading its media; ``resume`` carries on


class ReviewController(QObject):
    """Drives a ``PlayerEngine`` through the ``ReviewSession``'s current segment."""

    range_started = Signal(int)  # the first frame, on screen, as playing starts
    range_finished = Signal(int)  # the stop frame, on screen, paused

    def __init__(self, session: ReviewSession, engine: PlayerEngine, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self._engine = engine
        self._state = _State.IDLE
        self._range: PlayRange | None = None
        self._start_at = 0  # the frame SEEKING waits for: the first frame, or where to resume
        engine.frame_shown.connect(self._on_engine_frame_shown)
        engine.playing_changed.connect(self._on_engine_playing_changed)

    @property
    def play_range(self) -> PlayRange | None:
        """The range being (or last) played."""
        return self._range

    @property
    def is_active(self) -> bool:
        return self._state is not _State.IDLE

    def play_current(self) -> None:
        """(Re)play the current segment from its pre-roll; nothing past the end of the queue."""
        self._range = self._session.play_range()
        if self._range is None:
            self.stop()
            return
        self._seek_and_play(self._range.first_frame)

    def hold(self) -> bool:
        """The engine is about to load other media: keep the place, ignore the pause it makes.

        True if the review was seeking or playing (then ``resume`` once the media is loaded).
        """
        if self._state is _State.PLAYING:
            self._start_at = self._engine.current_frame
        elif self._state is not _State.SEEKING:
            return False
        self._state = _State.HELD
        return True

    def resume(self) -> None:
        """After a reload: seek back to where ``hold`` was and play on to the stop frame."""
        if self._state is _State.HELD:
            self._seek_and_play(self._start_at)

    def show_frame(self, frame: int) -> None:
        """A still (the segment's first or last frame): stops any review playback."""
        self._state = _State.IDLE
        self._engine.seek_frame(frame)

    def stop(self) -> None:
        """Leave the engine as it is and stop watching it."""
        self._state = _State.IDLE

    def _seek_and_play(self, frame: int) -> None:
        self._start_at = frame
        self._state = _State.SEEKING
        self._engine.seek_frame(frame)  # may show a cached frame at once

    def _finish(self) -> None:
        assert self._range is not None
        if self._session.loop:
            self.play_current()
            return
        # Pauses and shows exactly the stop frame (cached: it was just shown, or the decoder
        # seeks back to it after an overshoot); a frame delivered late is then ignored.
        self._state = _State.FINISHING
        self._engine.seek_frame(self._range.stop_frame)

    def _on_engine_frame_shown(self, frame: int, _image: QImage) -> None:
        played = self._range
        if played is None or self._state is _State.IDLE:
            return
        if self._state is _State.SEEKING and frame == self._start_at:
            self._state = _State.PLAYING
            self._engine.play(until=played.stop_frame)
            if frame == played.first_frame:
                self.range_started.emit(frame)
        elif self._state is _State.PLAYING and frame >= played.stop_frame:
            self._finish()
        elif self._state is _State.FINISHING and frame == played.stop_frame:
            self._state = _State.IDLE
            self.range_finished.emit(frame)

    def _on_engine_playing_changed(self, playing: bool) -> None:
        if not playing and self._state is _State.PLAYING:
            self._state = _State.IDLE  # paused by the user (K, a step) or by the end of the media

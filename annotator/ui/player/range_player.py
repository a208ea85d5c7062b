"""Plays a range of frames once: seeks to its first frame, and once that frame is on
screen plays to its stop frame (``PlayerEngine.play(until=...)`` never shows a frame past
it). Used by the proposal keys (a proposal with a second of pre-roll) and the search panel
(a result in context, and "Play all", which starts the next range on ``finished``)."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QImage

from annotator.ui.player.player_engine import PlayerEngine


class RangePlayer(QObject):
    """Seek, then play to a stop frame."""

    finished = Signal(int)  # the stop frame, reached and on screen (not sent when stopped before)
    interrupted = Signal(int)  # the frame where something else (K, a seek) stopped it first

    def __init__(self, engine: PlayerEngine, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._engine = engine
        self._waiting_for: int | None = None  # the first frame, until it is on screen
        self._playing_to: int | None = None  # the stop frame, while playing towards it
        self._held_at: int | None = None  # where to go on after a reload of the media
        self._stop = 0
        engine.frame_shown.connect(self._on_engine_frame_shown)
        engine.playing_changed.connect(self._on_engine_playing_changed)

    def play(self, first_frame: int, stop_frame: int) -> None:
        """Show ``first_frame``, then play up to and including ``stop_frame``."""
        self._waiting_for, self._stop, self._playing_to = first_frame, stop_frame, None
        self._held_at = None
        self._engine.seek_frame(first_frame)  # may show a cached picture at once

    def cancel(self) -> None:
        self._waiting_for = self._playing_to = self._held_at = None

    def hold(self) -> None:
        """The engine is about to load other media (the proxy swapped in): keep the place."""
        if self._playing_to is not None:
            self._held_at, self._playing_to = self._engine.current_frame, None
        elif self._waiting_for is not None:
            self._held_at, self._waiting_for = self._waiting_for, None

    def resume(self) -> None:
        """After the reload: on from where ``hold`` was, to the same stop frame."""
        if self._held_at is not None:
            at, self._held_at = self._held_at, None
            self.play(at, self._stop)

    def _on_engine_frame_shown(self, frame: int, _image: QImage) -> None:
        if self._waiting_for is not None and frame == self._waiting_for:
            self._waiting_for = None
            self._playing_to = self._stop
            self._engine.play(until=self._stop)

    def _on_engine_playing_changed(self, playing: bool) -> None:
        if playing or self._playing_to is None:
            return
        stop, self._playing_to = self._playing_to, None
        if self._engine.current_frame == stop:
            self.finished.emit(stop)
        else:
            self.interrupted.emit(self._engine.current_frame)

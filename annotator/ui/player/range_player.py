"""Plays a range of frames once: seeks to its first frame, and once that frame is on
screen plays to its stop frame (``PlayerEngine.play(until=...)`` never shows a frame past
it). Used by the proposal keys (a proposal with a second of pre-roll)."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QImage

from annotator.ui.player.player_engine import PlayerEngine


class RangePlayer(QObject):
    """Seek, then play to a stop frame."""

    def __init__(self, engine: PlayerEngine, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._engine = engine
        self._waiting_for: int | None = None  # the first frame, until it is on screen
        self._stop = 0
        engine.frame_shown.connect(self._on_engine_frame_shown)

    def play(self, first_frame: int, stop_frame: int) -> None:
        """Show ``first_frame``, then play up to and including ``stop_frame``."""
        self._waiting_for, self._stop = first_frame, stop_frame
        self._engine.seek_frame(first_frame)  # may show a cached picture at once

    def cancel(self) -> None:
        self._waiting_for = None

    def _on_engine_frame_shown(self, frame: int, _image: QImage) -> None:
        if self._waiting_for is not None and frame == self._waiting_for:
            self._waiting_for = None
            self._engine.play(until=self._stop)

"""Reverse play emulated by timed backward seeks (QMediaPlayer cannot play backwards).

A timer ticks at about the frame rate; each tick names the frame that should be on screen
by now (start time minus elapsed wall-clock time times the speed, looked up in the frame
table, so variable frame rate stays exact). The engine seeks there; when the decoder falls
behind, the engine's coalescing skips frames rather than lagging. There is no sound.
"""

from __future__ import annotations

from fractions import Fraction

from PySide6.QtCore import QElapsedTimer, QObject, QTimer, Signal

from annotator.domain.frame_times import FrameTimes

_MIN_INTERVAL_MS = 10


class ReverseShuttle(QObject):
    """Emits ``frame_due`` with the frame reverse play has reached, then ``finished`` at 0."""

    frame_due = Signal(int)
    finished = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setTimerType(self._timer.timerType().PreciseTimer)
        self._timer.timeout.connect(self._on_timer_timeout)
        self._clock = QElapsedTimer()
        self._frame_times: FrameTimes | None = None
        self._start_s = Fraction(0)
        self._speed = 1.0
        self._last_frame = -1

    @property
    def is_active(self) -> bool:
        return self._timer.isActive()

    def start(self, frame_times: FrameTimes, from_frame: int, speed: float) -> None:
        """Run backwards from ``from_frame`` at ``speed`` times real time."""
        self._frame_times = frame_times
        self._start_s = frame_times.seconds(from_frame)
        self._speed = speed
        self._last_frame = from_frame
        self._clock.start()
        frame_s = float(frame_times.duration_s) / frame_times.frame_count
        self._timer.start(max(_MIN_INTERVAL_MS, int(frame_s * 1000 / speed)))

    def stop(self) -> None:
        self._timer.stop()

    def _on_timer_timeout(self) -> None:
        if self._frame_times is None:
            return
        elapsed_s = Fraction(self._clock.elapsed(), 1000) * Fraction(self._speed)
        target_s = self._start_s - elapsed_s
        frame = 0 if target_s <= 0 else self._frame_times.frame_at(target_s)
        if frame != self._last_frame:
            self._last_frame = frame
            self.frame_due.emit(frame)
        if frame == 0:
            self.stop()
            self.finished.emit()

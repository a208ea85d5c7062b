"""The player panel: the video view, a play/pause button and the position readout.

It takes the engine in ``__init__`` and only mirrors it: buttons call engine commands,
engine signals update the labels. The readout names the frame on screen three ways: its
0-based index, its SMPTE timecode (drop-frame at 29.97/59.94) and its time in seconds
from the frame table (3 decimals).
"""

from __future__ import annotations

from fractions import Fraction

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from annotator.domain.timecode import format_smpte
from annotator.ui.elided_label import ElidedLabel
from annotator.ui.player.player_engine import PlayerEngine
from annotator.ui.player.video_view import VideoView


def position_text(frame: int, frame_count: int, seconds: Fraction, fps: Fraction) -> str:
    """``frame 55 / 100   00:00:02:05   2.200 s``."""
    return f"frame {frame} / {frame_count}   {format_smpte(frame, fps)}   {float(seconds):.3f} s"


def speed_text(rate: float) -> str:
    """``1x``, ``0.25x``, ``-2x`` (reverse)."""
    return f"{rate:g}x"


class PlayerPanel(QWidget):
    """The video with its transport row; mirrors a ``PlayerEngine``."""

    def __init__(
        self, engine: PlayerEngine, fps: Fraction = Fraction(25), parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._engine = engine
        self._fps = fps
        self.view = VideoView(self)
        self.play_button = QPushButton("Play", self)
        # Never the focus: Space would click it and also fire the window's play/pause key.
        self.play_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.position_label = QLabel("", self)
        self.speed_label = QLabel(speed_text(engine.rate), self)
        self.status_label = ElidedLabel("", self)
        self._build_layout()
        self.play_button.clicked.connect(self._on_play_button_clicked)
        engine.frame_shown.connect(self._on_engine_frame_shown)
        engine.playing_changed.connect(self._on_engine_playing_changed)
        engine.rate_changed.connect(self._on_engine_rate_changed)
        engine.error_occurred.connect(self._on_engine_error_occurred)
        engine.audio_unavailable.connect(self._on_engine_audio_unavailable)

    def set_fps(self, fps: Fraction) -> None:
        """The nominal rate timecodes are counted in (the loaded video's exact fps)."""
        self._fps = fps
        self._on_engine_frame_shown(self._engine.current_frame, None)

    def _build_layout(self) -> None:
        transport = QHBoxLayout()
        transport.addWidget(self.play_button)
        transport.addWidget(self.position_label)
        transport.addWidget(self.status_label, 1)  # "playing without sound": one elided line
        transport.addWidget(self.speed_label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view, 1)
        layout.addLayout(transport)

    def _on_play_button_clicked(self) -> None:
        self._engine.toggle()

    def _on_engine_frame_shown(self, frame: int, image: QImage | None) -> None:
        if image is not None:
            self.view.set_image(image)
        times = self._engine.frame_times
        if times is not None:
            text = position_text(frame, times.frame_count, times.seconds(frame), self._fps)
            self.position_label.setText(text)

    def _on_engine_playing_changed(self, playing: bool) -> None:
        self.play_button.setText("Pause" if playing else "Play")

    def _on_engine_rate_changed(self, rate: float) -> None:
        self.speed_label.setText(speed_text(rate))

    def _on_engine_error_occurred(self, message: str) -> None:
        self.view.set_message(f"Cannot play this video: {message}")

    def _on_engine_audio_unavailable(self, message: str) -> None:
        self.status_label.setText(message)

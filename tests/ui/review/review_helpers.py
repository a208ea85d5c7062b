"""Driving review mode: keys, and what the player reported while a segment played."""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage

from annotator.media.synthetic import read_frame_number
from annotator.ui.main_window import MainWindow

NO_MODIFIER = Qt.KeyboardModifier.NoModifier
# (label, start_frame, end_frame), coded by "ana"; at 25 fps the default pre-roll is 25
# frames and the post-roll 12.5 frames.
CODED = [
    ("laughter", 10, 20),
    ("driving", 30, 45),
    ("conversation", 50, 60),
    ("laughter", 65, 75),
    ("driving", 80, 90),
]


def shown_frame(window: MainWindow) -> int:
    """The frame number carried by the pixels the video view is showing."""
    rgb = window.player_panel.view.image.convertToFormat(QImage.Format.Format_RGB888)
    rows = np.frombuffer(rgb.constBits(), np.uint8).reshape(rgb.height(), rgb.bytesPerLine())
    return read_frame_number(rows[:, : rgb.width() * 3].reshape(rgb.height(), rgb.width(), 3))


def press(qtbot, window: MainWindow, key: Qt.Key, modifier: Qt.KeyboardModifier = NO_MODIFIER) -> None:
    qtbot.keyClick(window, key, modifier)


class FrameLog:
    """Every frame the engine reports, with whether it was playing at the time."""

    def __init__(self, window: MainWindow) -> None:
        self._engine = window.engine
        self.frames: list[tuple[int, bool]] = []
        window.engine.frame_shown.connect(self._on_engine_frame_shown)

    def clear(self) -> None:
        self.frames.clear()

    def _on_engine_frame_shown(self, frame: int, _image: QImage) -> None:
        self.frames.append((frame, self._engine.is_playing))

"""Driving review mode: keys, and what the player reported while a segment played."""

from __future__ import annotations

from collections.abc import Callable

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
        self._engine = window.workspace.engine
        self.frames: list[tuple[int, bool]] = []
        window.workspace.engine.frame_shown.connect(self._on_engine_frame_shown)

    def clear(self) -> None:
        self.frames.clear()

    def _on_engine_frame_shown(self, frame: int, _image: QImage) -> None:
        self.frames.append((frame, self._engine.is_playing))


def played(qtbot, window: MainWindow, log: FrameLog, action: Callable[[], None]) -> tuple[int, int]:
    """Do ``action`` (a key press) and wait until the next segment has played and paused.

    Checks by the frames the player reported: the first is exactly the pre-roll frame, play
    starts within one frame of it, the last is the stop frame, nothing went past it by more
    than a frame, and the picture on screen carries the stop frame's number.
    """
    log.clear()
    action()
    controller = window.review.controller
    assert controller is not None
    assert controller.is_active  # the key started it: seeking to the pre-roll frame, or playing
    qtbot.waitUntil(lambda: not controller.is_active, timeout=15_000)
    play_range = controller.play_range
    assert play_range is not None
    frames = [frame for frame, _playing in log.frames]
    while_playing = [frame for frame, playing in log.frames if playing]
    assert frames[0] == play_range.first_frame
    assert while_playing
    assert abs(while_playing[0] - play_range.first_frame) <= 1
    assert max(frames) <= play_range.stop_frame + 1
    assert frames[-1] == play_range.stop_frame == window.workspace.engine.current_frame, (
        log.frames,
        play_range,
    )
    assert not window.workspace.engine.is_playing
    assert shown_frame(window) == play_range.stop_frame
    return play_range.first_frame, play_range.stop_frame

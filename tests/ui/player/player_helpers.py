"""Helpers shared by the player tests (importable because pytest puts this folder on the path)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PySide6.QtGui import QImage

from annotator.domain.frame_times import FrameTimes
from annotator.media.synthetic import read_frame_number
from annotator.ui.player.player_engine import PlayerEngine

PROXY_ARGS = ("-c:v", "libx264", "-preset", "ultrafast", "-g", "10", "-bf", "0", "-pix_fmt", "yuv420p")


def image_frame_number(image: QImage) -> int:
    """The frame index drawn into ``image``'s pixels."""
    rgb = image.convertToFormat(QImage.Format.Format_RGB888)
    rows = np.frombuffer(rgb.constBits(), np.uint8).reshape(rgb.height(), rgb.bytesPerLine())
    return read_frame_number(rows[:, : rgb.width() * 3].reshape(rgb.height(), rgb.width(), 3))


def load_and_wait(qtbot, engine: PlayerEngine, path: Path, frame_times: FrameTimes) -> None:
    """Open ``path`` and wait for its first picture."""
    with qtbot.waitSignal(engine.frame_shown, timeout=5000):
        engine.load(path, frame_times)

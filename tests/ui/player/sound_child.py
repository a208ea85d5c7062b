"""Plays a clip with sound in a process of its own (``PULSE_SERVER`` set by the caller,
before Qt Multimedia starts) and writes what the player did as JSON.

``python sound_child.py CLIP ACTIONS_JSON OUT_JSON``. ``ACTIONS_JSON`` is a list of
``[seconds after the first picture, command, argument]``, commands ``play``, ``pause``,
``seek`` (a frame) and ``rate``. The output has the audio devices Qt saw, every painted
picture as ``[frame, time.monotonic()]`` (stamped when the video view paints it), the time
of each action, and the frames passed over.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtMultimedia import QMediaDevices
from PySide6.QtWidgets import QApplication

from annotator.media.probe import probe
from annotator.ui.player.player_engine import PlayerEngine
from annotator.ui.player.player_panel import PlayerPanel


class PaintLog(QObject):
    """Stamps each paint of the video view with the frame on screen."""

    def __init__(self, panel: PlayerPanel, engine: PlayerEngine) -> None:
        super().__init__()
        self.painted: list[tuple[int, float]] = []
        self._engine = engine
        panel.view.installEventFilter(self)

    def eventFilter(self, _watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            frame = self._engine.current_frame
            if not self.painted or self.painted[-1][0] != frame:
                self.painted.append((frame, time.monotonic()))
        return False


def main(clip: Path, actions: list[list[object]], out: Path) -> None:
    app = QApplication([])
    info = probe(clip)
    engine = PlayerEngine()
    panel = PlayerPanel(engine, info.fps)
    panel.resize(480, 300)
    panel.show()
    log = PaintLog(panel, engine)
    done: list[tuple[str, float]] = []

    def run(command: str, argument: object) -> None:
        done.append((command, time.monotonic()))
        if command == "play":
            engine.play()
        elif command == "pause":
            engine.pause()
        elif command == "seek":
            engine.seek_frame(int(argument))  # type: ignore[call-overload]
        elif command == "rate":
            engine.set_rate(float(argument))  # type: ignore[arg-type]

    def first_picture(_frame: int, _image: object) -> None:
        engine.frame_shown.disconnect(first_picture)
        for at_s, command, argument in actions:
            QTimer.singleShot(round(float(at_s) * 1000), lambda c=command, a=argument: run(str(c), a))  # type: ignore[arg-type]
        last = max(float(at_s) for at_s, *_ in actions) if actions else 0.0
        QTimer.singleShot(round(last * 1000) + 500, app.quit)

    engine.frame_shown.connect(first_picture)
    engine.load(clip, info.frame_times, has_audio=info.has_audio)
    app.exec()
    result = {
        "devices": [device.description() for device in QMediaDevices.audioOutputs()],
        "painted": log.painted,
        "actions": done,
        "passed_over": engine.frames_passed_over,
    }
    engine.shutdown()
    out.write_text(json.dumps(result))


if __name__ == "__main__":
    main(Path(sys.argv[1]), json.loads(sys.argv[2]), Path(sys.argv[3]))

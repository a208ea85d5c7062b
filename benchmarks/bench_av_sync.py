"""Sound in sync: picture against sound over 10 minutes of 1x playback.

Target (issue 8): audio and picture within 40 ms of each other throughout. The footage
(960x540 like a proxy, GOP 10, no B-frames, 25 fps, AAC) flashes white and beeps on the
same frame every second. A private PulseAudio server's null sink plays the sound at the
real rate and its monitor is recorded by ``parec`` (``tests/pulse_server.py``), dating
each beep as it was played; a paint of the video view dates each flash as it was drawn.
Each flash minus its beep is one figure (positive: the picture is late). The first 1.5 s
after loading are left for the sound stream to open, as a user would take to press play.

Prints one JSON line per figure. ``--minutes N`` (default 10); ``--quick`` is 1 minute.
Run from the repository root: ``.venv/bin/python -m benchmarks.bench_av_sync [--quick]``.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import tempfile
import time
from pathlib import Path

from tests.pulse_server import PulseServer, available, flash_offsets_ms, onsets_s

CACHE = Path(tempfile.gettempdir()) / "annotator-bench"
FPS = 25
PROXY_CODEC = ("-c:v", "libx264", "-preset", "ultrafast", "-g", "10", "-bf", "0")
WARM_UP_S = 1.5


def _clip(minutes: int) -> Path:
    from annotator.media.synthetic import make_sync_clip

    path = CACHE / f"sync_{minutes}min_960x540.mp4"
    if not path.exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(".partial.mp4")
        seconds = minutes * 60 + 5
        make_sync_clip(partial, seconds=seconds, size=(320, 180), scale_to=(960, 540), codec_args=PROXY_CODEC)
        partial.rename(path)
    return path


def _play(clip: Path, seconds: float) -> tuple[list[tuple[int, float]], int, list[str]]:
    """Play ``clip`` for ``seconds`` in this process; painted frames with their times."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtMultimedia import QMediaDevices
    from PySide6.QtWidgets import QApplication

    from annotator.media.probe import probe
    from annotator.ui.player.player_engine import PlayerEngine
    from annotator.ui.player.player_panel import PlayerPanel
    from tests.ui.player.sound_child import PaintLog

    app = QApplication.instance() or QApplication([])
    info = probe(clip)
    engine = PlayerEngine()
    panel = PlayerPanel(engine, info.fps)
    panel.resize(960, 600)
    panel.show()
    log = PaintLog(panel, engine)
    loop = QEventLoop()
    engine.load(clip, info.frame_times, has_audio=True)
    QTimer.singleShot(round(WARM_UP_S * 1000), engine.play)
    QTimer.singleShot(round((WARM_UP_S + seconds) * 1000), loop.quit)
    loop.exec()
    engine.pause()
    devices = [device.description() for device in QMediaDevices.audioOutputs()]
    passed = engine.frames_passed_over
    engine.shutdown()
    del app
    return log.painted, passed, devices


def _figures(offsets: list[float], painted: int, passed: int, sink_rate: float) -> list[dict[str, object]]:
    magnitudes = sorted(abs(offset) for offset in offsets)
    p95 = magnitudes[int(0.95 * (len(magnitudes) - 1))]
    first, last = offsets[:60], offsets[-60:]
    return [
        {"figure": "flash minus beep, median (ms)", "value": round(statistics.median(offsets), 1)},
        {"figure": "|flash minus beep|, p95 (ms)", "value": round(p95, 1)},
        {"figure": "|flash minus beep|, max (ms)", "value": round(magnitudes[-1], 1)},
        {"figure": "drift: median of the last minute minus the first (ms)",
         "value": round(statistics.median(last) - statistics.median(first), 1)},
        {"figure": "flashes matched to beeps", "value": len(offsets)},
        {"figure": "frames painted / passed over", "value": f"{painted} / {passed}"},
        {"figure": "median per minute (ms)", "value": [round(statistics.median(offsets[i : i + 60]), 1)
                                                      for i in range(0, len(offsets), 60)]},
        {"figure": "null sink's rate by the monotonic clock (Hz)", "value": round(sink_rate, 2)},
        {"figure": "target", "value": "every |flash minus beep| <= 40 ms"},
    ]  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=int, default=10)
    parser.add_argument("--quick", action="store_true")
    args = parser.parse_args()
    minutes = 1 if args.quick else args.minutes
    if not available():
        raise SystemExit("needs pulseaudio and parec (scripts/setup installs them)")
    clip = _clip(minutes)
    with tempfile.TemporaryDirectory() as folder, PulseServer(Path(folder)) as server:
        os.environ["PULSE_SERVER"] = server.address  # before Qt Multimedia starts
        recorder = server.recorder()
        time.sleep(0.2)
        painted, passed, devices = _play(clip, minutes * 60)
        clock, samples = recorder.stop()
    if not devices:
        raise SystemExit("Qt saw no audio device")
    offsets = flash_offsets_ms(painted, onsets_s(clock, samples), FPS)
    for row in _figures(offsets, len(painted), passed, clock.rate):
        print(json.dumps({"bench": "av_sync", "minutes": minutes, **row}))


if __name__ == "__main__":
    main()

"""Player engine on a proxy-shaped clip: paused step, random seek, and 1x playback drops.

Targets (issue 3): step median <= 20 ms and p95 <= 50 ms; seek median <= 60 ms and p95
<= 150 ms; playback drops < 1%. Every timed picture is checked by the frame number drawn in
its pixels (outside the timed span). The clip (960x540, GOP 10, no B-frames, 60 s at 25
fps, with sound) is generated once and cached in /tmp, never committed.

Prints one JSON line per figure. ``--quick`` runs fewer operations and 3 s of playback.
Run from the repository root: ``.venv/bin/python -m benchmarks.bench_player [--quick]``.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from fractions import Fraction
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np
from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtGui import QGuiApplication, QImage

from annotator.domain.frame_times import FrameTimes
from annotator.media.synthetic import make_numbered_clip, read_frame_number
from annotator.ui.player.player_engine import PlayerEngine

FPS = Fraction(25)
FRAMES = 1500
PROXY_ARGS = ("-c:v", "libx264", "-preset", "ultrafast", "-g", "10", "-bf", "0", "-pix_fmt", "yuv420p")
CLIP = Path(tempfile.gettempdir()) / "annotator-bench" / "proxy_960x540_g10_60s.mp4"


def _clip() -> Path:
    if not CLIP.exists():
        CLIP.parent.mkdir(parents=True, exist_ok=True)
        partial = CLIP.with_suffix(".partial.mp4")
        make_numbered_clip(
            partial, frames=FRAMES, fps=FPS, size=(960, 540), codec_args=PROXY_ARGS, audio=True
        )
        partial.rename(CLIP)
    return CLIP


def _pixels(image: QImage) -> int:
    rgb = image.convertToFormat(QImage.Format.Format_RGB888)
    rows = np.frombuffer(rgb.constBits(), np.uint8).reshape(rgb.height(), rgb.bytesPerLine())
    return read_frame_number(rows[:, : rgb.width() * 3].reshape(rgb.height(), rgb.width(), 3))


class _Probe:
    """Times one engine command until ``frame_shown`` names the requested frame."""

    def __init__(self, engine: PlayerEngine) -> None:
        self.engine = engine
        self.loop = QEventLoop()
        self.wanted = -1
        self.arrived_s = 0.0
        self.image = QImage()
        # One timer, stopped after each wait: a stray single-shot from an earlier wait
        # could otherwise end a later wait early and report a false "never arrived".
        self.timeout = QTimer()
        self.timeout.setSingleShot(True)
        self.timeout.timeout.connect(self.loop.quit)
        engine.frame_shown.connect(self._on_engine_frame_shown)

    def _on_engine_frame_shown(self, frame: int, image: QImage) -> None:
        if frame == self.wanted:
            self.arrived_s = time.perf_counter()
            self.image = image
            self.loop.quit()

    def timed(self, wanted: int, command: Callable[[], None]) -> float:
        """Milliseconds from ``command`` to the wanted frame; raises if the pixels disagree."""
        self.wanted, self.arrived_s = wanted, 0.0
        start = time.perf_counter()
        command()
        if not self.arrived_s:
            self.timeout.start(3000)
            self.loop.exec()
            self.timeout.stop()
        if not self.arrived_s:
            raise RuntimeError(f"frame {wanted} never arrived")
        if _pixels(self.image) != wanted:
            raise RuntimeError(f"asked for frame {wanted}, the pixels say {_pixels(self.image)}")
        return (self.arrived_s - start) * 1000


def _stats(name: str, samples: list[float], **extra: object) -> dict[str, object]:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {
        "benchmark": name,
        "count": len(samples),
        "median_ms": round(statistics.median(samples), 2),
        "p95_ms": round(p95, 2),
        "max_ms": round(ordered[-1], 2),
        **extra,
    }


def _steps(probe: _Probe, count: int, delta: int, *, cold: bool) -> list[float]:
    samples = []
    for _ in range(count):
        if cold:
            probe.engine.clear_cache()
        wanted = probe.engine.current_frame + delta
        samples.append(probe.timed(wanted, lambda d=delta: probe.engine.step(d)))
    return samples


def _seeks(probe: _Probe, count: int) -> list[float]:
    rng = random.Random(11)
    samples = []
    for frame in rng.sample(range(FRAMES), count):
        probe.engine.clear_cache()
        samples.append(probe.timed(frame, lambda f=frame: probe.engine.seek_frame(f)))
    return samples


def _playback(engine: PlayerEngine, seconds: float) -> dict[str, object]:
    shown: list[int] = []
    engine.frame_shown.connect(lambda frame, _image: shown.append(frame))
    loop = QEventLoop()
    start = time.perf_counter()
    engine.play()
    QTimer.singleShot(round(seconds * 1000), loop.quit)
    loop.exec()
    engine.pause()
    elapsed_s = time.perf_counter() - start
    expected = shown[-1] - shown[0] + 1
    distinct = len(set(shown))
    return {
        "benchmark": "player_playback_1x",
        "seconds": round(elapsed_s, 2),
        "frames_shown": distinct,
        "frames_expected": expected,
        "dropped_pct": round(100 * (expected - distinct) / expected, 2),
        "frames_per_s": round(distinct / elapsed_s, 2),
        "in_order": shown == sorted(shown),
        "target_dropped_pct": 1,
    }


def _held_key(engine: PlayerEngine, delta: int, presses: int, repeat_ms: int = 33) -> dict[str, object]:
    """Holding Left/Right: a step every ``repeat_ms`` (typical key repeat); how many show."""
    shown: list[tuple[int, int]] = []
    engine.frame_shown.connect(lambda frame, image: shown.append((frame, _pixels(image))))
    engine.clear_cache()
    start_frame = engine.current_frame
    loop = QEventLoop()
    pressed = [0]

    def press() -> None:
        if pressed[0] == presses:
            loop.quit()
            return
        pressed[0] += 1
        engine.step(delta)

    timer = QTimer()
    timer.timeout.connect(press)
    timer.start(repeat_ms)
    loop.exec()
    timer.stop()
    QTimer.singleShot(200, loop.quit)
    loop.exec()  # let the last request land
    return {
        "benchmark": "player_hold_key_forward" if delta > 0 else "player_hold_key_back",
        "repeat_ms": repeat_ms,
        "steps": presses,
        "frames_shown": len(shown),
        "all_exact": all(frame == pixels for frame, pixels in shown),
        "landed": engine.current_frame == start_frame + delta * presses,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="fewer operations, 3 s of playback")
    arguments = parser.parse_args()
    count, play_s = (20, 3.0) if arguments.quick else (100, 10.0)
    app = QGuiApplication.instance() or QGuiApplication([])
    engine = PlayerEngine()
    probe = _Probe(engine)
    times = FrameTimes.constant(FPS, FRAMES)
    probe.timed(0, lambda: engine.load(_clip(), times))
    common = {"clip": "960x540 h264 GOP 10 no B-frames, 25 fps", "quick": arguments.quick}
    step_target = {"target_median_ms": 20, "target_p95_ms": 50}
    probe.timed(600, lambda: engine.seek_frame(600))
    print(
        json.dumps(_stats("player_step_forward", _steps(probe, count, 1, cold=True), **step_target, **common))
    )
    print(
        json.dumps(_stats("player_step_back", _steps(probe, count, -1, cold=True), **step_target, **common))
    )
    probe.timed(800, lambda: engine.seek_frame(800))
    _steps(probe, 30, 1, cold=False)  # fill the cache, as stepping forward does
    back_cached = _steps(probe, 30, -1, cold=False)
    print(json.dumps(_stats("player_step_back_cached", back_cached, **step_target, **common)))
    seeks = _seeks(probe, count)
    print(json.dumps(_stats("player_seek", seeks, target_median_ms=60, target_p95_ms=150, **common)))
    probe.timed(1000, lambda: engine.seek_frame(1000))
    print(json.dumps({**_held_key(engine, 1, count), **common}))
    print(json.dumps({**_held_key(engine, -1, count), **common}))
    engine.set_rate(1.0)
    print(json.dumps({**_playback(engine, play_s), **common}))
    del app


if __name__ == "__main__":
    main()

"""Review mode: time from a verdict key to the first frame of the next segment on screen.

Target (issue 4): median <= 100 ms with a proxy. The real main window reviews a project
on a proxy-shaped clip (960x540, GOP 10, no B-frames, 60 s at 25 fps, with sound; made
once and cached in /tmp, never committed): one 8-frame segment every 40 frames. Each
segment plays from its pre-roll (1.0 s) and, a few frames into it, the reviewer presses A
(R or F now and then) as a real key event on the window; the clock stops when the engine
reports the next segment's pre-roll frame, whose pixels are then checked (outside the
timed span). The next frame is never in the player's cache, so each one is a decoder seek.

Prints one JSON line. ``--quick`` makes one pass over the queue (36 verdicts); the full
run makes three. Run from the repository root:
``.venv/bin/python -m benchmarks.bench_review [--quick]``.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import tempfile
import time
from fractions import Fraction
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np
from PySide6.QtCore import QEventLoop, Qt, QTimer
from PySide6.QtGui import QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from annotator.domain.label import Vocabulary
from annotator.domain.segment import Segment
from annotator.editing.review_queue import ReviewFilters
from annotator.media.synthetic import make_numbered_clip, read_frame_number
from annotator.project.project import Project
from annotator.resources import vocabulary_path
from annotator.ui.app_settings import AppSettings
from annotator.ui.main_window import MainWindow

FPS = Fraction(25)
FRAMES = 1500
SPACING = 40
PROXY_ARGS = ("-c:v", "libx264", "-preset", "ultrafast", "-g", "10", "-bf", "0", "-pix_fmt", "yuv420p")
BENCH_DIR = Path(tempfile.gettempdir()) / "annotator-bench"
CLIP = BENCH_DIR / "proxy_960x540_g10_60s.mp4"  # the same clip as bench_player
PROJECT = BENCH_DIR / "review-project"  # its cache/ keeps the proxy between runs
KEYS = (Qt.Key.Key_A, Qt.Key.Key_A, Qt.Key.Key_R, Qt.Key.Key_A, Qt.Key.Key_F)


def _clip() -> Path:
    if not CLIP.exists():
        CLIP.parent.mkdir(parents=True, exist_ok=True)
        partial = CLIP.with_suffix(".partial.mp4")
        make_numbered_clip(
            partial, frames=FRAMES, fps=FPS, size=(960, 540), codec_args=PROXY_ARGS, audio=True
        )
        partial.rename(CLIP)
    return CLIP


def _fresh_project() -> Path:
    """A new database beside the kept media cache: segments every 40 frames, none reviewed."""
    for name in ("annotations.db", "annotations.db-wal", "annotations.db-shm"):
        (PROJECT / name).unlink(missing_ok=True)
    shutil.rmtree(PROJECT / "backups", ignore_errors=True)
    with Project.create(PROJECT, Vocabulary.load(vocabulary_path("state-tv"))) as project:
        video = project.add_video(_clip())
        labels = [label.id for label in project.store.labels() if label.id is not None]
        segments = [
            Segment(video.id, labels[k % len(labels)], start, start + 8, annotator="bench")
            for k, start in enumerate(range(25, FRAMES - SPACING, SPACING))
        ]
        project.store.add_segments(segments)
    return PROJECT


def _pixels(image: QImage) -> int:
    rgb = image.convertToFormat(QImage.Format.Format_RGB888)
    rows = np.frombuffer(rgb.constBits(), np.uint8).reshape(rgb.height(), rgb.bytesPerLine())
    return read_frame_number(rows[:, : rgb.width() * 3].reshape(rgb.height(), rgb.width(), 3))


class _Watch:
    """Waits, without polling, until the engine reports a frame that satisfies a test."""

    def __init__(self, window: MainWindow) -> None:
        self.loop = QEventLoop()
        self.wanted = lambda frame: False
        self.arrived_s = 0.0
        self.image = QImage()
        self.timer = QTimer()  # one timer, stopped after each wait: no stale quit later
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.loop.quit)
        window.workspace.engine.frame_shown.connect(self._on_engine_frame_shown)

    def _on_engine_frame_shown(self, frame: int, image: QImage) -> None:
        if not self.arrived_s and self.wanted(frame):
            self.arrived_s = time.perf_counter()
            self.image = image
            self.loop.quit()

    def expect(self, wanted: object) -> None:
        self.wanted, self.arrived_s = wanted, 0.0  # type: ignore[assignment]

    def wait(self, what: str, timeout_ms: int = 10_000) -> None:
        if not self.arrived_s:
            self.timer.start(timeout_ms)
            self.loop.exec()
            self.timer.stop()
        if not self.arrived_s:
            raise RuntimeError(f"timed out waiting for {what}")


def _wait_ready(app: QApplication, window: MainWindow) -> None:
    deadline = time.monotonic() + 600
    while window.runner.running or window.workspace.engine.frame_count != FRAMES:
        if time.monotonic() > deadline:
            raise RuntimeError("the proxy, waveform and thumbnails were not ready in 10 minutes")
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        time.sleep(0.02)  # waiting for background media work, outside any timed span


def _verdicts(window: MainWindow, watch: _Watch) -> tuple[list[float], int]:
    """One pass over the queue: milliseconds per verdict, and pictures with a wrong number."""
    session = window.review.session
    assert session is not None
    samples: list[float] = []
    wrong = 0
    for position in range(len(session.queue)):
        played = session.play_range()
        assert played is not None
        watch.expect(lambda frame, first=played.first_frame: frame >= first + 3)
        watch.wait(f"playback of segment {position}")  # the reviewer decides while it plays
        following = session.queue[position + 1] if position + 1 < len(session.queue) else None
        if following is None:
            QTest.keyClick(window, Qt.Key.Key_A)
            break
        target = session.play_range(window.workspace.document.segment(following))
        assert target is not None
        watch.expect(lambda frame, first=target.first_frame: frame == first)
        start = time.perf_counter()
        QTest.keyClick(window, KEYS[position % len(KEYS)])
        watch.wait(f"frame {target.first_frame}")
        samples.append((watch.arrived_s - start) * 1000)
        wrong += _pixels(watch.image) != target.first_frame
    return samples, wrong


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="one pass over the queue")
    arguments = parser.parse_args()
    passes = 1 if arguments.quick else 3
    app = QApplication.instance() or QApplication([])
    project_dir = _fresh_project()
    settings_dir = Path(tempfile.mkdtemp(prefix="bench-review-"))
    settings = AppSettings(settings_dir / "settings.ini")
    settings.annotator_name, settings.reviewer_name = "bench", "bench-reviewer"
    window = MainWindow(settings=settings, ask_names=False)
    window.show()
    window.activateWindow()
    if not window.project_actions.open_project(project_dir):
        raise RuntimeError(f"cannot open {project_dir}")
    _wait_ready(app, window)
    watch = _Watch(window)
    samples: list[float] = []
    wrong = 0
    for _ in range(passes):
        if window.review.session is None:
            QTest.keyClick(window, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
        else:
            window.review.session.set_filters(ReviewFilters(status=None))  # all again
        got, bad = _verdicts(window, watch)
        samples += got
        wrong += bad
    ordered = sorted(samples)
    print(
        json.dumps(
            {
                "benchmark": "review_verdict_to_next_segment",
                "count": len(samples),
                "median_ms": round(statistics.median(samples), 2),
                "p95_ms": round(ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))], 2),
                "max_ms": round(ordered[-1], 2),
                "wrong_frames": wrong,
                "target_median_ms": 100,
                "clip": "960x540 h264 GOP 10 no B-frames, 25 fps",
                "quick": arguments.quick,
            }
        )
    )
    window.close()
    shutil.rmtree(settings_dir, ignore_errors=True)
    del app


if __name__ == "__main__":
    main()

"""The annotation window, measured through the real ``MainWindow`` with real input events.

Targets (issue 3), on the 2-core machine:

1. ``window_step_forward`` / ``window_step_back``: paused Right / Left key presses
   (``QTest.keyClick`` on the window) on a 1080p25 H.264 GOP-250 original once its proxy is
   built; median <= 20 ms, p95 <= 50 ms from the key to the end of the paint that puts
   the exact frame on screen. Each step starts from where the last one ended; runs of
   steps start at random frames (reached untimed). Steps over frames the engine already
   holds are counted as such (``cached``), and figures for the others are given apart.
2. ``window_seek_click_proxy`` / ``window_seek_click_original``: a left click on the
   timeline ruler at the x of a random frame (``QTest.mouseClick`` on the viewport), to
   the end of the paint of that frame; median <= 60 ms and p95 <= 150 ms with the proxy.
   The ``original`` run is taken first, with the proxy build held back (the benchmark
   wraps ``build_proxy`` in a gate), for contrast.
3. ``window_playback_1x``: Space, 10 s of playback, Space; distinct frames painted on
   screen against the frames the playhead passed; dropped < 1%.
4. ``window_startup``: ``python -m benchmarks.window_child startup PROJECT`` runs what
   ``python -m annotator gui PROJECT`` runs, with an event filter noting the first
   exposure of the window and the first painted video frame; timed from just before the
   subprocess is spawned (CLOCK_MONOTONIC, shared by both processes); median of several
   runs; target: shown <= 1.5 s.
5. ``window_memory``: the same child in ``memory`` mode on a project with a one-hour
   320x180 video and 10,000 segments (``ProjectStore.add_segments``): RSS once the proxy,
   waveform and filmstrip are done and the timeline has been zoomed in to single frames
   and back out; target <= 600 MB.

Every timed picture is checked by the frame number in its pixels (outside the timed span).
Media are generated once and cached under /tmp (``benchmarks/window_media.py``); projects
live in temporary folders. Runs offscreen unless a display is set. Prints one JSON line
per figure, each with the load average. ``--quick``: a 12 s clip, fewer operations, 5 s of
playback, 3 startups. ``--only`` picks figures. Run from the repository root:
``.venv/bin/python -m benchmarks.bench_window [--quick] [--only step,seek,play,startup,memory]``.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np
from PySide6.QtCore import QEventLoop, QPoint, QPointF, Qt, QTimer, qInstallMessageHandler
from PySide6.QtGui import QImage, QPaintEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from annotator.domain.label import Vocabulary
from annotator.domain.segment import Segment
from annotator.media.synthetic import read_frame_number
from annotator.project.project import Project
from annotator.resources import vocabulary_path
from annotator.ui import media_tasks
from annotator.ui.app_settings import AppSettings
from annotator.ui.main_window import MainWindow
from annotator.ui.timeline.timeline_layout import RULER_HEIGHT_PX
from benchmarks.window_media import HOUR_FRAMES, hour_low_res, numbered_1080p

ROOT = Path(__file__).resolve().parent.parent
FIGURES = ("seek", "step", "play", "startup", "memory")
SEGMENTS = 10_000


def _quiet_qt_messages() -> None:
    """Drop the offscreen plugin's per-window 'does not support propagateSizeHints()'."""

    def handler(_kind: object, _context: object, message: str) -> None:
        if "propagateSizeHints" not in message:
            print(message, file=sys.stderr)

    qInstallMessageHandler(handler)


def _load() -> float:
    return round(os.getloadavg()[0], 2)


def _emit(figure: str, **fields: object) -> None:
    print(json.dumps({"benchmark": figure, **fields, "load_average_1min": _load()}), flush=True)


def _stats(samples: list[float]) -> dict[str, object]:
    if not samples:
        return {"count": 0}
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {
        "count": len(samples),
        "median_ms": round(statistics.median(ordered), 2),
        "p95_ms": round(p95, 2),
        "max_ms": round(ordered[-1], 2),
    }


def _pixels(image: QImage) -> int:
    rgb = image.convertToFormat(QImage.Format.Format_RGB888)
    rows = np.frombuffer(rgb.constBits(), np.uint8).reshape(rgb.height(), rgb.bytesPerLine())
    return read_frame_number(rows[:, : rgb.width() * 3].reshape(rgb.height(), rgb.width(), 3))


def _wait(predicate: Callable[[], bool], timeout_s: float, what: str) -> None:
    deadline = time.perf_counter() + timeout_s
    while not predicate():
        if time.perf_counter() > deadline:
            raise RuntimeError(f"timed out waiting for {what}")
        QTest.qWait(20)


class Screen:
    """Watches the window's video view: which frame each finished paint put on screen.

    The view's ``paintEvent`` is wrapped on the instance; a frame counts as on screen when
    a paint showing its image has returned. Images are named by the frame ``frame_shown``
    gave them with (by ``QImage.cacheKey``); the pixels are checked after each timing.
    """

    def __init__(self, window: MainWindow) -> None:
        self.window = window
        self.view = window.player_panel.view
        self.names: dict[int, int] = {}
        self.loop = QEventLoop()
        self.timer = QTimer()
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.loop.quit)
        self.wanted: int | None = None
        self.painted_s = 0.0
        self.recording: list[tuple[float, int | None]] | None = None
        window.workspace.engine.frame_shown.connect(self._on_engine_frame_shown)
        self.paint_ms: dict[str, list[float]] = {"video": [], "timeline": []}
        original = self.view.paintEvent

        def paint(event: QPaintEvent) -> None:
            started = time.perf_counter()
            original(event)
            self.paint_ms["video"].append((time.perf_counter() - started) * 1000)
            self._after_paint()

        self.view.paintEvent = paint  # type: ignore[method-assign]
        timeline = window.views.timeline
        if timeline is not None:
            timeline_paint = timeline.paintEvent

            def paint_timeline(event: QPaintEvent) -> None:
                started = time.perf_counter()
                timeline_paint(event)
                self.paint_ms["timeline"].append((time.perf_counter() - started) * 1000)

            timeline.paintEvent = paint_timeline  # type: ignore[method-assign]

    def _on_engine_frame_shown(self, frame: int, image: QImage) -> None:
        if len(self.names) > 4096:
            self.names.clear()
        self.names[image.cacheKey()] = frame

    def _after_paint(self) -> None:
        now = time.perf_counter()
        frame = self.names.get(self.view.image.cacheKey())
        if self.recording is not None:
            self.recording.append((now, frame))
        if self.wanted is not None and frame == self.wanted and not self.painted_s:
            self.painted_s = now
            self.loop.quit()

    def timed(self, wanted: int, action: Callable[[], None], timeout_ms: int = 5000) -> float:
        """Milliseconds from ``action`` to the end of the paint of ``wanted``; pixels checked."""
        self.wanted, self.painted_s = wanted, 0.0
        start = time.perf_counter()
        action()
        if not self.painted_s:
            self.timer.start(timeout_ms)
            self.loop.exec()
            self.timer.stop()
        self.wanted = None
        if not self.painted_s:
            raise RuntimeError(f"frame {wanted} was not painted within {timeout_ms} ms")
        shown = _pixels(self.view.image)
        if shown != wanted or self.window.workspace.engine.current_frame != wanted:
            raise RuntimeError(
                f"wanted frame {wanted}; pixels say {shown}, engine {self.window.workspace.current_frame}"
            )
        return (self.painted_s - start) * 1000

    def settle(self, ms: int = 40) -> None:
        """Let stray events (a late frame, a repaint) pass between timed operations."""
        QTest.qWait(ms)


@contextmanager
def _held_proxy() -> Iterator[threading.Event]:
    """Hold every proxy build until the yielded event is set (always set on exit)."""
    gate = threading.Event()
    real = media_tasks.build_proxy

    def gated(*args: object, **kwargs: object) -> object:
        gate.wait()
        return real(*args, **kwargs)  # type: ignore[arg-type]

    media_tasks.build_proxy = gated  # type: ignore[assignment]
    try:
        yield gate
    finally:
        gate.set()
        media_tasks.build_proxy = real


def _make_project(directory: Path, video: Path) -> Path:
    with Project.create(directory, Vocabulary.load(vocabulary_path("state-tv"))) as project:
        project.add_video(video)
    return directory


def _open_window(project_dir: Path, settings_dir: Path) -> MainWindow:
    settings = AppSettings(settings_dir / "settings.ini")
    settings.annotator_name = "bench"
    window = MainWindow(settings=settings, ask_names=False)
    window.resize(1400, 900)
    window.show()
    QTest.qWaitForWindowExposed(window)
    window.activateWindow()
    if not window.project_actions.open_project(project_dir):
        raise RuntimeError(f"could not open {project_dir}")
    return window


def _ruler_click(window: MainWindow, frame: int) -> tuple[QPoint, int]:
    """Where on the ruler to click for ``frame``, and the frame that click asks for."""
    timeline = window.views.timeline
    assert timeline is not None
    x = timeline.mapFromScene(QPointF(timeline.scale.x(frame + 0.5), 0)).x()
    point = QPoint(x, RULER_HEIGHT_PX // 2)
    return point, timeline.scale.frame_under(timeline.mapToScene(point).x())


def _seeks(screen: Screen, count: int, seed: int) -> list[float]:
    window = screen.window
    assert window.views.timeline is not None
    viewport = window.views.timeline.viewport()
    rng = random.Random(seed)
    samples: list[float] = []
    while len(samples) < count:
        point, frame = _ruler_click(window, rng.randrange(window.workspace.frame_count))
        if frame == window.workspace.current_frame:
            continue
        samples.append(
            screen.timed(
                frame,
                lambda p=point: QTest.mouseClick(
                    viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, p
                ),
            )
        )
        screen.settle()
    return samples


def _steps(screen: Screen, runs: int, length: int, seed: int) -> dict[str, list[tuple[float, bool]]]:
    """``runs`` times: from a random frame, ``length`` Rights then ``2 * length`` Lefts."""
    window = screen.window
    rng = random.Random(seed)
    result: dict[str, list[tuple[float, bool]]] = {"forward": [], "back": []}
    for _ in range(runs):
        start = rng.randrange(2 * length, window.workspace.frame_count - 2 * length)
        screen.timed(start, lambda s=start: window.workspace.seek(s))
        screen.settle(100)
        for key, delta, name, count in (
            (Qt.Key.Key_Right, 1, "forward", length),
            (Qt.Key.Key_Left, -1, "back", 2 * length),
        ):
            for _ in range(count):
                wanted = window.workspace.current_frame + delta
                cached = window.workspace.engine.has_picture(wanted)
                elapsed = screen.timed(wanted, lambda k=key: QTest.keyClick(window, k))
                result[name].append((elapsed, cached))
                screen.settle()
    return result


def _playback(screen: Screen, seconds: float) -> dict[str, object]:
    window = screen.window
    screen.timed(0, lambda: window.workspace.seek(0))
    screen.settle(200)
    delivered: list[int] = []

    def on_frame_shown(frame: int, _image: QImage) -> None:
        delivered.append(frame)

    window.workspace.engine.frame_shown.connect(on_frame_shown)
    screen.recording = []
    for durations in screen.paint_ms.values():
        durations.clear()
    start, cpu_start = time.perf_counter(), time.process_time()
    QTest.keyClick(window, Qt.Key.Key_Space)
    QTest.qWait(round(seconds * 1000))
    QTest.keyClick(window, Qt.Key.Key_Space)
    elapsed = time.perf_counter() - start
    cpu_pct = round(100 * (time.process_time() - cpu_start) / elapsed)
    painted = [frame for _t, frame in screen.recording if frame is not None]
    screen.recording = None
    window.workspace.engine.frame_shown.disconnect(on_frame_shown)
    moving = [frame for frame in painted if frame > 0] or [0]
    expected = moving[-1] - moving[0] + 1
    distinct = len(set(moving))
    return {
        "seconds": round(elapsed, 2),
        "frames_painted": distinct,
        "frames_expected": expected,
        "dropped_pct": round(100 * (expected - distinct) / expected, 2),
        "frames_delivered": len(set(delivered)),
        "painted_in_order": moving == sorted(moving),
        "painted_frames_per_s": round(distinct / elapsed, 2),
        "process_cpu_pct": cpu_pct,
        **{
            f"{name}_paints": {"count": len(ms), "median_ms": round(statistics.median(ms), 2) if ms else None}
            for name, ms in screen.paint_ms.items()
        },
        "target_dropped_pct": 1,
    }


def _interactive(args: argparse.Namespace, workdir: Path) -> None:
    quick = args.quick
    clip = numbered_1080p(12 if quick else 40)
    project_dir = _make_project(workdir / "project-1080p", clip)
    QApplication.instance() or QApplication([])
    with _held_proxy() as gate:
        window = _open_window(project_dir, workdir)
        screen = Screen(window)
        _wait(
            lambda: window.workspace.frame_count > 0 and not window.player_panel.view.image.isNull(),
            30,
            "frame 0",
        )
        _wait(lambda: len(window.runner.running) <= 1, 120, "the waveform")
        if "seek" in args.only:
            samples = _seeks(screen, 10 if quick else 40, seed=5)
            _emit(
                "window_seek_click_original",
                **_stats(samples),
                source="1080p25 H.264 GOP 250, 3 B-frames (proxy not built yet)",
            )
        build_started = time.perf_counter()
        gate.set()
        _wait(lambda: not window.runner.running, 900, "the proxy and filmstrip")
        _emit("window_proxy_and_filmstrip_build", seconds=round(time.perf_counter() - build_started, 1))
    screen.settle(300)
    if "seek" in args.only:
        samples = _seeks(screen, 30 if quick else 150, seed=7)
        _emit("window_seek_click_proxy", **_stats(samples), target_median_ms=60, target_p95_ms=150)
    if "step" in args.only:
        steps = _steps(screen, 3 if quick else 10, 8 if quick else 12, seed=9)
        for name, pairs in steps.items():
            _emit(
                f"window_step_{name}",
                **_stats([ms for ms, _cached in pairs]),
                cached=sum(cached for _ms, cached in pairs),
                uncached=_stats([ms for ms, cached in pairs if not cached]),
                target_median_ms=20,
                target_p95_ms=50,
            )
    if "play" in args.only:
        _emit("window_playback_1x", **_playback(screen, 5 if quick else 10))
    window.close()


def _child(mode: str, project: Path, config: Path) -> tuple[float, dict[str, object]]:
    env = {**os.environ, "XDG_CONFIG_HOME": str(config)}
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.window_child", mode, str(project)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=1200,
        check=False,
    )
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if done.returncode or not lines:
        raise RuntimeError(f"window_child {mode} failed ({done.returncode}): {done.stderr[-2000:]}")
    return started, json.loads(lines[-1])


def _child_config(workdir: Path) -> Path:
    config = workdir / "config"
    (config / "Annotator").mkdir(parents=True, exist_ok=True)
    (config / "Annotator" / "Annotator.conf").write_text("[user]\nannotator=bench\n")
    return config


def _startup(args: argparse.Namespace, workdir: Path) -> None:
    project = workdir / "project-startup"
    if not project.exists():
        _make_project(project, numbered_1080p(12 if args.quick else 40))
    config = _child_config(workdir)
    _child("memory", project, config)  # builds the proxy, waveform and filmstrip caches
    runs, cpus = [], []
    for _ in range(3 if args.quick else 9):
        started, report = _child("startup", project, config)
        cpus.append(round(float(report["exposed_cpu_s"]) * 1000))
        runs.append(
            {
                name: round((float(report[key]) - started) * 1000)
                for name, key in (
                    ("python_running_ms", "process_main_s"),
                    ("qt_imported_ms", "imported_qt_s"),
                    ("exposed_ms", "exposed_s"),
                    ("first_frame_painted_ms", "first_frame_s"),
                )
            }
        )
    _emit(
        "window_startup",
        runs=len(runs),
        median_cpu_until_exposed_ms=statistics.median(cpus),
        **{f"median_{key}": statistics.median(run[key] for run in runs) for key in runs[0]},
        max_exposed_ms=max(run["exposed_ms"] for run in runs),
        target_ms=1500,
        note="project with a built proxy; from spawning `annotator gui PROJECT` (same code path)",
    )


def _memory(args: argparse.Namespace, workdir: Path) -> None:
    project = workdir / "project-hour"
    _make_project(project, hour_low_res())
    with Project.open(project) as opened:
        store = opened.store
        video_id = store.videos()[0].id
        label_ids = [label.id for label in store.labels() if label.id is not None]
        rng = random.Random(3)
        notes = ["", "", "laughs, then waves", "hands over the keys"]
        segments = []
        for _ in range(SEGMENTS):
            start = rng.randrange(HOUR_FRAMES - 500)
            end = start + rng.randint(5, 500)
            segments.append(
                Segment(
                    video_id, rng.choice(label_ids), start, end, annotator="bench", note=rng.choice(notes)
                )
            )
        store.add_segments(segments)
    _started, report = _child("memory", project, _child_config(workdir))
    _emit(
        "window_memory",
        rss_mb=report["rss_mb"],
        peak_rss_mb=report["peak_rss_mb"],
        rss_after_open_mb=report["after_open"]["rss_mb"],  # type: ignore[index]
        rss_zoomed_in_mb=report["zoomed_in"]["rss_mb"],  # type: ignore[index]
        segments=report["segments_in_video"],
        media_ready_after_s=report["media_ready_after_s"],
        video="320x180 25 fps, 90,000 frames (1 h), proxy/waveform/filmstrip built in the process",
        target_mb=600,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer operations, a 12 s clip")
    parser.add_argument("--only", default=",".join(FIGURES), help=f"comma-separated subset of {FIGURES}")
    args = parser.parse_args()
    args.only = set(args.only.split(","))
    _quiet_qt_messages()
    with tempfile.TemporaryDirectory(prefix="bench-window-") as temporary:
        workdir = Path(temporary)
        if args.only & {"seek", "step", "play"}:
            _interactive(args, workdir)
        if "startup" in args.only:
            _startup(args, workdir)
        if "memory" in args.only:
            _memory(args, workdir)


if __name__ == "__main__":
    main()

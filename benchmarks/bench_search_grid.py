"""The search grid's pictures for 200 results: cold (decoded and written to the cache) and
cached (read back), and in the window how long until every picture shows and how long the
GUI thread was ever kept from its events meanwhile (issue 14: "typing never blocks").

The footage is ten minutes of numbered video at proxy size and structure (960x540 H.264,
a keyframe every 10 frames, no B-frames), added to a project with 200 segments of 1-4 s
spread over it. Run from the repository root: ``.venv/bin/python -m benchmarks.bench_search_grid``
(``--seconds`` for shorter footage; ``BENCH_GAPS=1`` prints when the GUI thread's longest gaps
were). Every picture is checked by the frame number it carries.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np
from PySide6.QtCore import QElapsedTimer, QTimer
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from annotator.domain.label import Vocabulary
from annotator.domain.segment import Segment
from annotator.media.synthetic import make_sync_clip, read_frame_number
from annotator.project.project import Project
from annotator.project.search_stills import STILL_HEIGHT, middle_frame, still_jobs
from annotator.resources import vocabulary_path
from annotator.ui.app_settings import AppSettings
from annotator.ui.main_window import MainWindow

RESULTS = 200
PROXY_LIKE = ("-c:v", "libx264", "-preset", "ultrafast", "-g", "10", "-bf", "0")


def build(directory: Path, seconds: int) -> Path:
    clip = make_sync_clip(
        directory / "footage.mp4",
        seconds=seconds,
        size=(320, 180),
        scale_to=(960, 540),
        codec_args=PROXY_LIKE,
    )
    with Project.create(directory / "project", Vocabulary.load(vocabulary_path("state-tv"))) as project:
        video = project.add_video(clip)
        labels = [label for label in project.store.labels() if label.id is not None]
        rng = random.Random(14)
        frames = video.info.frame_count
        starts = sorted(rng.sample(range(0, frames - 100, 3), RESULTS))  # distinct middle frames
        project.store.add_segments(
            [Segment(video.id, rng.choice(labels).id or 0, s, s + rng.randint(25, 100)) for s in starts]
        )
    return directory / "project"


def image_number(image: QImage) -> int:
    rgb = image.convertToFormat(QImage.Format.Format_RGB888)
    rows = np.frombuffer(rgb.constBits(), np.uint8).reshape(rgb.height(), rgb.bytesPerLine())
    return read_frame_number(rows[:, : rgb.width() * 3].reshape(rgb.height(), rgb.width(), 3))


def without_window(project_dir: Path) -> tuple[float, float]:
    """Seconds for every picture, cold then cached, on one thread as the window's pool does."""
    with Project.open(project_dir) as project:
        segments = project.store.segments()
        timings = []
        for _ in ("cold", "cached"):
            started = time.perf_counter()
            pictures = {}
            for job in still_jobs(project, segments):
                for frame, path in job.run().items():
                    pictures[frame] = QImage(str(path))
            timings.append(time.perf_counter() - started)
            assert len(pictures) == len({middle_frame(segment) for segment in segments})
            assert all(image_number(image) == frame for frame, image in pictures.items())
            assert all(image.height() == STILL_HEIGHT for image in pictures.values())
        return timings[0], timings[1]


def in_window(app: QApplication, project_dir: Path, settings_dir: Path) -> tuple[float, float, float, float]:
    """Open the window, run the empty query (every segment) and wait for the pictures: the
    seconds until all show, the GUI thread's longest and 99th-percentile gap between ticks
    of a 5 ms timer meanwhile, and the seconds the query itself held the GUI thread (search,
    rows, jobs started)."""
    window = MainWindow(AppSettings(settings_dir / "settings.ini"), ask_names=False)
    window.show()
    window.project_actions.open_project(project_dir)
    while window.runner.running:
        app.processEvents()
    gaps: list[float] = []
    clock = QElapsedTimer()
    ticker = QTimer()
    ticker.setInterval(5)

    model = window.search.model
    where: list[tuple[float, float, int]] = []  # gap, seconds since the query, pictures shown

    def tick() -> None:
        gaps.append(clock.nsecsElapsed() / 1e6)
        where.append((gaps[-1], time.perf_counter() - started, len(model.known_pictures())))
        clock.restart()

    ticker.timeout.connect(tick)
    window.search.show_panel()
    started = time.perf_counter()
    clock.start()
    ticker.start()
    window.search.run("")
    on_gui_thread = time.perf_counter() - started
    while model.rowCount() != RESULTS or model.missing_pictures():
        app.processEvents()
        time.sleep(0.001)
    elapsed = time.perf_counter() - started
    ticker.stop()
    for row in range(model.rowCount()):
        picture = model.picture(row)
        assert picture is not None
        assert image_number(picture) == middle_frame(model.results()[row].segment)
    window.close()
    if os.environ.get("BENCH_GAPS"):
        print("longest gaps (ms, at s, pictures):", sorted(where, reverse=True)[:4])
    gaps.sort()
    return elapsed, gaps[-1], gaps[int(len(gaps) * 0.99)], on_gui_thread


def idle_gaps(app: QApplication, seconds: float = 3.0) -> tuple[float, float]:
    """The same 5 ms timer with nothing else to do: the machine's own longest and p99 gap."""
    gaps: list[float] = []
    clock = QElapsedTimer()
    ticker = QTimer()
    ticker.setInterval(5)

    def tick() -> None:
        gaps.append(clock.nsecsElapsed() / 1e6)
        clock.restart()

    ticker.timeout.connect(tick)
    clock.start()
    ticker.start()
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline:
        app.processEvents()
        time.sleep(0.001)
    ticker.stop()
    gaps.sort()
    return gaps[-1], gaps[int(len(gaps) * 0.99)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=int, default=600)
    arguments = parser.parse_args()
    app = QApplication([])
    work = Path(tempfile.mkdtemp(prefix="bench-search-grid-"))
    try:
        project_dir = build(work, arguments.seconds)
        cold, cached = without_window(project_dir)
        print(f"{RESULTS} pictures, one thread: cold {cold:.2f} s, cached {cached:.3f} s")
        shutil.rmtree(project_dir / "cache", ignore_errors=True)
        cold_window = in_window(app, project_dir, work)
        warm_window = in_window(app, project_dir, work)
        for name, (elapsed, worst, p99, query) in (("cold", cold_window), ("cached", warm_window)):
            print(
                f"window, {name}: query on the GUI thread {1000 * query:.1f} ms; every picture shown after "
                f"{elapsed:.2f} s; GUI thread's longest gap {worst:.1f} ms, p99 {p99:.1f} ms (5 ms timer)"
            )
        worst, p99 = idle_gaps(app)
        print(f"idle baseline, same timer, nothing running: longest gap {worst:.1f} ms, p99 {p99:.1f} ms")
        print(f"load average {os.getloadavg()[0]:.1f}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()

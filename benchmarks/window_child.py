"""A child process for ``bench_window``: the real ``annotator gui PROJECT``, instrumented.

``python -m benchmarks.window_child startup PROJECT`` or ``... memory PROJECT`` runs the
same code as ``python -m annotator gui PROJECT`` (``annotator.__main__.main`` -> click ->
``run_app``), with one application-wide event filter that notes, as
``time.perf_counter()`` (CLOCK_MONOTONIC, so comparable with the parent's clock):

- ``exposed_s``: the first ``Expose`` event of a window that is exposed (the window is
  on screen);
- ``first_frame_s``: the end of the first paint of the video view with a picture in it.

``startup`` prints those as one JSON line and exits at once. ``memory`` then waits for
the background work (proxy, waveform, filmstrip) to finish and for the filmstrip and
waveform to reach the timeline, zooms the timeline in to single frames and out to the
whole video (painting each), and prints the resident set size (psutil) before exiting.
The parent sets ``XDG_CONFIG_HOME`` to a folder whose settings already hold an annotator
name, so no dialog asks for one.
"""

from __future__ import annotations

import time

PROCESS_MAIN_S = time.perf_counter()

import json  # noqa: E402
import os  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402

from PySide6.QtCore import QEvent, QObject, QTimer  # noqa: E402
from PySide6.QtGui import QWindow  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

IMPORTED_QT_S = time.perf_counter()
_MB = 1024 * 1024


class _Watch(QObject):
    """Notes the first exposure and the first painted video frame, then runs ``then``."""

    def __init__(self, then: object) -> None:
        super().__init__()
        self.exposed_s = 0.0
        self.exposed_cpu_s = 0.0
        self.first_frame_s = 0.0
        self._then = then
        self._view: QObject | None = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.Expose and not self.exposed_s:
            if isinstance(watched, QWindow) and watched.isExposed():
                self.exposed_s = time.perf_counter()
                self.exposed_cpu_s = time.process_time()
        elif kind == QEvent.Type.Paint and not self.first_frame_s and self._has_picture(watched):
            # The filter runs before the paint; a zero timer notes the end of it.
            QTimer.singleShot(0, self._note_first_frame)
        return False

    def _has_picture(self, watched: QObject) -> bool:
        if self._view is None and type(watched).__name__ == "VideoView":
            self._view = watched
        return watched is self._view and not watched.image.isNull()  # type: ignore[attr-defined]

    def _note_first_frame(self) -> None:
        if not self.first_frame_s:
            self.first_frame_s = time.perf_counter()
            self._then()  # type: ignore[operator]


def _main_window() -> object:
    from annotator.ui.main_window import MainWindow

    return next(w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow))


def _rss_mb() -> dict[str, float]:
    import psutil

    info = psutil.Process().memory_info()
    status = Path("/proc/self/status").read_text()
    peak = next(
        (int(line.split()[1]) / 1024 for line in status.splitlines() if line.startswith("VmHWM")), 0.0
    )
    return {"rss_mb": round(info.rss / _MB, 1), "peak_rss_mb": round(peak, 1)}


def _wait_media_then_measure(watch: _Watch, report: dict[str, object]) -> None:
    window = _main_window()
    timeline = window.views.timeline  # type: ignore[attr-defined]
    started = time.perf_counter()

    def poll() -> None:
        done = (
            not window.runner.running  # type: ignore[attr-defined]
            and timeline.waveform._peaks is not None
            and bool(timeline.filmstrip._frames)
        )
        if not done:
            QTimer.singleShot(100, poll)
            return
        report["media_ready_after_s"] = round(time.perf_counter() - started, 1)
        report["after_open"] = _rss_mb()
        QApplication.processEvents()
        timeline.set_pixels_per_frame(40.0)  # single frames, around the middle
        timeline.viewport().repaint()
        QApplication.processEvents()
        report["zoomed_in"] = _rss_mb()
        timeline.zoom_to_fit()
        timeline.viewport().repaint()
        QApplication.processEvents()
        store, video_id = window.workspace.project.store, window.workspace.video.id  # type: ignore[attr-defined]
        report["segments_in_video"] = store.segment_count(video_id)
        report.update(_rss_mb())
        _finish(report)

    poll()


def _finish(report: dict[str, object]) -> None:
    print(json.dumps(report), flush=True)
    os._exit(0)  # the figure is taken; skip tearing the window down


def main() -> None:
    mode, project = sys.argv[1], sys.argv[2]
    app = QApplication([sys.argv[0]])
    report: dict[str, object] = {
        "mode": mode,
        "process_main_s": PROCESS_MAIN_S,
        "imported_qt_s": IMPORTED_QT_S,
    }

    def after_first_frame() -> None:
        report["exposed_s"] = watch.exposed_s
        report["first_frame_s"] = watch.first_frame_s
        report["exposed_cpu_s"] = watch.exposed_cpu_s
        if mode == "startup":
            _finish(report)
        else:
            _wait_media_then_measure(watch, report)

    watch = _Watch(after_first_frame)
    app.installEventFilter(watch)
    QTimer.singleShot(600_000, lambda: _finish({**report, "error": "timed out"}))
    from annotator.__main__ import main as annotator_main

    annotator_main(["gui", project])


if __name__ == "__main__":
    main()

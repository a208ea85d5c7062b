"""Timeline repaint with 10,000 segments on a one-hour video (target: <= 16 ms).

Builds the real ``TimelineView`` offscreen (1600x420, nine label tracks, a waveform and a
filmstrip) over a real ``AnnotationDocument`` and an in-memory store, then renders the
whole viewport into a QImage N times at several zoom levels, scrolled to the middle.
Prints one JSON line per zoom level with median and p95 milliseconds, warm (notes already
laid out) and cold (caches cleared before each render, as after scrolling somewhere new),
as wall time and as this thread's CPU time (steadier when other work shares the cores).
``--quick`` renders fewer times. Run from the repository root:
``.venv/bin/python -m benchmarks.bench_timeline [--quick]``.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import time
from fractions import Fraction
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import numpy as np
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication

from annotator.domain.segment import Segment
from annotator.resources import vocabulary_path

# The in-memory store the timeline tests use: the benchmark times painting, not SQLite.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests" / "ui" / "timeline"))
from timeline_fake_store import FakeStore

from annotator.editing.annotation_document import AnnotationDocument
from annotator.ui.timeline import TimelineView

TARGET_MS = 16.0
FPS = Fraction(25)
FRAME_COUNT = 90_000  # one hour
SEGMENTS = 10_000
ZOOMS = {"whole video": None, "10 min": 0.25, "1 min": 1.6, "10 s": 10.0, "single frames": 40.0}


def _document() -> tuple[AnnotationDocument, int]:
    store = FakeStore.with_vocabulary(vocabulary_path("state-tv"))
    video_id = store.add_video(FPS, FRAME_COUNT)
    label_ids = [label.id for label in store.labels() if label.id is not None]
    rng = random.Random(3)
    notes = ["", "", "laughs, then waves", "hands over the keys", "the horse turns its head"]
    for _ in range(SEGMENTS):
        start = rng.randrange(FRAME_COUNT - 500)
        end = start + rng.randint(5, 500)
        store.add_segment(Segment(video_id, rng.choice(label_ids), start, end, note=rng.choice(notes)))
    return AnnotationDocument(store, user="bench"), video_id  # type: ignore[arg-type]


def _thumbnails() -> list[tuple[int, QImage]]:
    thumbnails = []
    for frame in range(0, FRAME_COUNT, 250):
        image = QImage(160, 90, QImage.Format.Format_RGB32)
        image.fill(QColor.fromHsv(frame * 7 % 360, 120, 200))
        thumbnails.append((frame, image))
    return thumbnails


def _view(document: AnnotationDocument, video_id: int) -> TimelineView:
    view = TimelineView(document)
    view.resize(1600, 420)
    view.show()
    view.set_video(video_id, FPS, FRAME_COUNT)
    rng = np.random.default_rng(5)
    peaks = rng.uniform(0, 1, (FRAME_COUNT * 4, 1)).astype(np.float32)  # 10 ms bins at 25 fps
    view.set_waveform(np.hstack([-peaks, peaks]))
    view.set_thumbnails(_thumbnails())
    view.set_playhead(FRAME_COUNT // 2)
    return view


def _render_ms(view: TimelineView, image: QImage, cold: bool = False) -> tuple[float, float]:
    """Wall and CPU (this thread) milliseconds of one full viewport render."""
    if cold:  # as after scrolling to a new place: no note laid out yet
        for track in view.tracks.items():
            track.clear_caches()
    start, start_cpu = time.perf_counter(), time.thread_time()
    view.viewport().render(image)
    return (time.perf_counter() - start) * 1000, (time.thread_time() - start_cpu) * 1000


def _figures(prefix: str, samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    p95 = ordered[max(0, round(0.95 * len(ordered)) - 1)]
    return {f"{prefix}median_ms": round(statistics.median(ordered), 2), f"{prefix}p95_ms": round(p95, 2)}


def _measure(view: TimelineView, app: QApplication, name: str, ppf: float | None, repeats: int) -> dict:
    if ppf is None:
        view.zoom_to_fit()
    else:
        view.set_pixels_per_frame(ppf)
        view.centerOn(view.scale.x(FRAME_COUNT // 2), 0)
    app.processEvents()
    image = QImage(view.viewport().size(), QImage.Format.Format_ARGB32_Premultiplied)
    _render_ms(view, image)  # warm-up
    warm = [_render_ms(view, image) for _ in range(repeats)]
    cold = [_render_ms(view, image, cold=True) for _ in range(repeats)]
    first = view.scale.frame_at(view.mapToScene(0, 0).x())
    last = view.scale.frame_at(view.mapToScene(view.viewport().width(), 0).x())
    visible = sum(
        len(view.tracks.index(label_id).overlapping(first, last)) for label_id in view.layout_rows.label_ids
    )
    return {
        "bench": "timeline_repaint",
        "zoom": name,
        "pixels_per_frame": round(view.pixels_per_frame(), 4),
        "visible_segments": visible,
        "segments": SEGMENTS,
        "viewport": [view.viewport().width(), view.viewport().height()],
        "n": repeats,
        **_figures("", [wall for wall, _ in warm]),
        **_figures("cpu_", [cpu for _, cpu in warm]),
        **_figures("cold_", [wall for wall, _ in cold]),
        **_figures("cold_cpu_", [cpu for _, cpu in cold]),
        "target_ms": TARGET_MS,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer renders per zoom level")
    args = parser.parse_args()
    app = QApplication.instance() or QApplication(sys.argv)
    document, video_id = _document()
    view = _view(document, video_id)
    repeats = 10 if args.quick else 60
    for name, ppf in ZOOMS.items():
        print(json.dumps(_measure(view, app, name, ppf, repeats)), flush=True)


if __name__ == "__main__":
    main()

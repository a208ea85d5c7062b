"""CSV export and import of 100,000 segments (target: <= 1.5 s each way).

Prints one JSON line per figure. ``--quick`` uses 10,000 segments for a smoke run.
Run from the repository root: ``.venv/bin/python -m benchmarks.bench_csv [--quick]``.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from fractions import Fraction
from pathlib import Path

from annotator.domain.label import Label
from annotator.domain.segment import Review, Segment, Verdict
from annotator.domain.video import Video
from annotator.domain.video_info import VideoInfo
from annotator.formats.csv_format import read_csv, save_csv

TARGET_S = 1.5


def _video(video_id: int, fps: Fraction, frame_count: int) -> Video:
    info = VideoInfo(
        path=f"media/clip{video_id}.mp4",
        codec="h264",
        width=1920,
        height=1080,
        fps=fps,
        frame_count=frame_count,
        duration_s=frame_count / fps,
        start_time_s=Fraction(0),
        has_audio=True,
        is_vfr=False,
    )
    return Video(video_id, info.path, f"fp{video_id}", info)


def _project(count: int) -> tuple[list[Segment], dict[int, Video], dict[int, Label], dict[str, Review]]:
    rng = random.Random(7)
    # An hour at 25 fps and an hour at 29.97 drop-frame: most segment frames are distinct.
    videos = {1: _video(1, Fraction(25), 90_000), 2: _video(2, Fraction(30000, 1001), 107_892)}
    labels = {i: Label(name=f"label {i}", id=i) for i in range(1, 10)}
    notes = ["", "", "laughs, then waves", '-5 dB "quiet"', "=SUM(A1)", "line one\nline two", "Gespräch"]
    segments = []
    for _ in range(count):
        video = videos[rng.choice((1, 2))]
        start = rng.randrange(video.info.frame_count - 300)
        segments.append(
            Segment(
                video_id=video.id,
                label_id=rng.randrange(1, 10),
                start_frame=start,
                end_frame=start + rng.randrange(1, 300),
                annotator=rng.choice(("ana", "ben")),
                note=rng.choice(notes),
                attributes={"shot": rng.randrange(50)} if rng.random() < 0.2 else {},
            )
        )
    reviews = {
        s.id: Review(s.id, "rita", rng.choice(list(Verdict)), rng.choice(notes))
        for s in segments
        if rng.random() < 0.5
    }
    return segments, videos, labels, reviews


def _timed(action: Callable[[], object], repeats: int) -> dict[str, float]:
    """Best and median wall time, and best CPU time, over ``repeats`` runs: other work on a
    shared 2-core machine inflates wall time, so the CPU figure is reported beside it."""
    walls, cpus = [], []
    for _ in range(repeats):
        wall, cpu = time.perf_counter(), time.process_time()
        action()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return {
        "seconds": round(min(walls), 3),
        "median_s": round(statistics.median(walls), 3),
        "cpu_s": round(min(cpus), 3),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="10,000 segments, one run")
    parser.add_argument("--repeats", type=int, default=3, help="runs per figure (best is reported)")
    arguments = parser.parse_args()
    count = 10_000 if arguments.quick else 100_000
    repeats = 1 if arguments.quick else arguments.repeats
    segments, videos, labels, reviews = _project(count)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "segments.csv"
        export = _timed(lambda: save_csv(path, segments, videos, labels, reviews), repeats)
        counts: list[int] = []
        video_list, label_list = list(videos.values()), list(labels.values())
        import_ = _timed(lambda: counts.append(len(read_csv(path, video_list, label_list))), repeats)
        size = path.stat().st_size
    assert counts == [count] * repeats
    common = {"segments": count, "repeats": repeats, "target_s": TARGET_S, "file_mib": round(size / 2**20, 1)}
    print(json.dumps({"benchmark": "csv_export", **export, **common}))
    print(json.dumps({"benchmark": "csv_import", **import_, **common}))


if __name__ == "__main__":
    main()

"""Project store: bulk insert, single-edit commit latency, listing (one JSON line per figure).

Targets (issue 2): one edit <= 5 ms median. Bulk insert and listing have no issue target;
they are measured against 2 s and 1 s, what an import or a project open may cost. Bulk
insert, listing and open are run several times (fresh project per insert): median wall
time, fastest run and median CPU time, as in :mod:`benchmarks.bench_csv`.
``--quick`` uses 10,000 segments and 100 edits, one run, for a smoke run.
Run from the repository root: ``.venv/bin/python -m benchmarks.bench_storage [--quick]``.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import tempfile
import time
from fractions import Fraction
from pathlib import Path

from annotator.domain.frame_times import FrameTimes
from annotator.domain.label import Label, Vocabulary
from annotator.domain.segment import Segment
from annotator.domain.video_info import VideoInfo
from annotator.storage import ProjectStore
from annotator.storage.database import Synchronous
from benchmarks.bench_csv import check, emit, timed

FRAMES = 90_000  # an hour at 25 fps
COMMAND = ".venv/bin/python -m benchmarks.bench_storage"


def _emit(figure: str, value: float, unit: str, target: str, **extra: object) -> None:
    line = {"figure": figure, "value": round(value, 3), "unit": unit, "target": target, "command": COMMAND}
    print(json.dumps(line | extra), flush=True)


def _project(directory: Path) -> tuple[ProjectStore, int]:
    labels = tuple(Label(f"label {n}", key=str(n)) for n in range(1, 10))
    store = ProjectStore.create(directory, Vocabulary("bench", labels))
    times = FrameTimes.constant(Fraction(25), FRAMES)
    info = VideoInfo(
        "hour.mp4", "h264", 1920, 1080, Fraction(25), FRAMES, times.duration_s, times.start_s, True, False
    )
    video = store.add_video(str(directory / "hour.mp4"), "fp-hour", info)
    return store, video.id


def _segments(video_id: int, count: int, rng: random.Random) -> list[Segment]:
    notes = ["", "", "laughs, then waves", "Gespräch"]
    segments = []
    for _ in range(count):
        start = rng.randrange(FRAMES - 300)
        segments.append(
            Segment(
                video_id, rng.randrange(1, 10), start, start + rng.randrange(1, 300), note=rng.choice(notes)
            )
        )
    return segments


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def bench_bulk_and_listing(directory: Path, count: int, runs: int) -> None:
    """An import (one transaction of ``add_segments``) into a fresh project, and a listing
    as ``Segment`` objects: median wall time over ``runs``, fastest run, median CPU time."""
    segments: list[Segment] = []
    stores: list[ProjectStore] = []

    def fresh() -> None:
        for store in stores:
            store.close()
        store, video_id = _project(directory / f"bulk{len(stores)}")
        stores.append(store)
        segments[:] = _segments(video_id, count, random.Random(7))

    timing = timed(lambda: stores[-1].add_segments(segments), runs, fresh)
    emit("store_add_segments", timing, segments=count, target_s=2.0, command=COMMAND)
    store = stores[-1]
    timing = timed(lambda: check(len(store.segments()), count), runs)
    emit("store_list_segments", timing, segments=count, target_s=1.0, command=COMMAND)
    store.close()
    folder = directory / f"bulk{len(stores) - 1}"
    timing = timed(lambda: ProjectStore.open(folder).close(), runs)
    size_mib = round((folder / "annotations.db").stat().st_size / 2**20, 1)
    emit("store_open", timing, segments=count, db_mib=size_mib, command=COMMAND)


def bench_edits(directory: Path, edits: int, synchronous: Synchronous) -> None:
    """Half adds, half moves of an edge, each its own committed transaction, as a user makes them."""
    store, video_id = _project(directory)
    store.add_segments(_segments(video_id, 10_000, random.Random(3)))
    store.close()
    store = ProjectStore.open(directory, synchronous=synchronous)
    rng = random.Random(11)
    latencies: list[float] = []
    last: Segment | None = None
    for n in range(edits):
        started = time.perf_counter()
        if last is None or n % 2 == 0:
            last = store.add_segment(_segments(video_id, 1, rng)[0])
        else:
            last = store.update_segment(last.with_bounds(last.start_frame, last.end_frame + 1))
        latencies.append((time.perf_counter() - started) * 1000)
    store.close()
    name = f"single-edit commit (add or update), synchronous={synchronous}, {edits} edits"
    target = "<= 5 ms median" if synchronous == "NORMAL" else "-"
    median, p95 = statistics.median(latencies), _percentile(latencies, 0.95)
    _emit(name + ": median", median, "ms", target)
    _emit(name + ": p95", p95, "ms", "-")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="10,000 segments and 100 edits, one run")
    parser.add_argument("--runs", type=int, default=5, help="runs per figure (the median is reported)")
    args = parser.parse_args()
    count, edits, runs = (10_000, 100, 1) if args.quick else (100_000, 500, args.runs)
    with tempfile.TemporaryDirectory(prefix="bench-storage-", dir=os.environ.get("BENCH_DIR")) as tmp:
        bench_bulk_and_listing(Path(tmp), count, runs)
        for synchronous in ("NORMAL", "FULL"):
            bench_edits(Path(tmp) / f"edits-{synchronous}", edits, synchronous)
    _emit("load average (1 min) while measuring", os.getloadavg()[0], "", "-", cpus=os.cpu_count())


if __name__ == "__main__":
    main()

"""CSV export and import of 100,000 segments (target: <= 1.5 s each way).

Two kinds of figure, one JSON line each:

* ``csv_export`` / ``csv_import``: the format alone (``save_csv`` of segments in memory,
  ``read_csv`` into memory);
* ``csv_store_to_file`` / ``csv_file_to_store``: the analyst's path, end to end, through
  :class:`annotator.project.project.Project`: ``export_csv`` (``ProjectStore.segments()``,
  latest reviews, ``write_csv``) and ``exchange.import_file`` (``read_csv``, the clash check,
  one transaction of ``add_segments`` and ``add_reviews``) into a fresh project;
* ``csv_file_to_store_add_reviews``: the same import with one ``ProjectStore.add_reviews``
  call, written out step by step (the figure ``import_file`` matched before it used it).

Each figure is run several times: the median wall time is the figure, with the fastest
run and the median CPU time of this process beside it (other work on a shared 2-core
machine inflates wall time much more than CPU time). ``--quick``: 10,000 segments, one run.
Run from the repository root: ``.venv/bin/python -m benchmarks.bench_csv [--quick]``.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import tempfile
import time
from collections.abc import Callable, Iterable, Mapping
from fractions import Fraction
from pathlib import Path
from typing import Any

from annotator.domain.label import Label, Vocabulary
from annotator.domain.segment import Review, Segment, Verdict
from annotator.domain.video import Video
from annotator.domain.video_info import VideoInfo
from annotator.formats.csv.reader import read_csv
from annotator.formats.csv.writer import save_csv
from annotator.project import exchange
from annotator.project.project import Project
from annotator.storage import ProjectStore

TARGET_S = 1.5
COMMAND = ".venv/bin/python -m benchmarks.bench_csv"


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


def empty_store(folder: Path, videos: Iterable[Video], labels: Iterable[Label]) -> ProjectStore:
    """A new project holding ``videos`` and ``labels`` (given in id order, so ids match)."""
    store = ProjectStore.create(folder, Vocabulary("bench", tuple(labels)))
    for video in videos:
        store.add_video(video.path, video.fingerprint, video.info)
    return store


def filled_store(
    folder: Path,
    segments: list[Segment],
    videos: Mapping[int, Video],
    labels: Mapping[int, Label],
    reviews: Mapping[str, Review],
) -> ProjectStore:
    """A project holding the benchmark's segments and their reviews."""
    store = empty_store(folder, videos.values(), labels.values())
    with store.transaction():
        store.add_segments(segments)
        for review in reviews.values():
            store.add_review(review)
    return store


def import_csv(project: Project, path: Path) -> int:
    """What ``annotator import`` does: plan, then one transaction."""
    return exchange.import_file(project, path, "csv").segments


def import_csv_bulk_reviews(project: Project, path: Path) -> int:
    """The CSV import step for step, with one ``add_reviews`` call (as ``import_file`` does)."""
    store = project.store
    imported = read_csv(path, store.videos(), store.labels())
    known = {segment.id for segment in store.segments(include_deleted=True)}
    if any(item.segment.id in known for item in imported):
        raise AssertionError("segment ids clash")
    with store.transaction():
        store.add_segments([item.segment for item in imported])
        store.add_reviews(item.review for item in imported if item.review is not None)
    return len(imported)


def timed(
    action: Callable[[], object], runs: int, setup: Callable[[], object] | None = None
) -> dict[str, Any]:
    """Median and fastest wall time and median CPU time of ``action`` over ``runs`` runs;
    ``setup`` (untimed) runs before each."""
    walls, cpus = [], []
    for _ in range(runs):
        if setup is not None:
            setup()
        wall, cpu = time.perf_counter(), time.process_time()
        action()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return {
        "wall_median_s": round(statistics.median(walls), 3),
        "wall_min_s": round(min(walls), 3),
        "cpu_median_s": round(statistics.median(cpus), 3),
        "runs": runs,
    }


def emit(benchmark: str, timing: dict[str, Any], **extra: object) -> None:
    line = {"benchmark": benchmark, **timing, **extra, "load_1min": round(os.getloadavg()[0], 1)}
    print(json.dumps(line), flush=True)


def check(found: int, expected: int) -> None:
    if found != expected:
        raise AssertionError(f"got {found} segments, expected {expected}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="10,000 segments, one run")
    parser.add_argument("--runs", type=int, default=5, help="runs per figure (the median is reported)")
    arguments = parser.parse_args()
    count = 10_000 if arguments.quick else 100_000
    runs = 1 if arguments.quick else arguments.runs
    segments, videos, labels, reviews = _project(count)
    common = {"segments": count, "target_s": TARGET_S, "command": COMMAND}
    with tempfile.TemporaryDirectory(prefix="bench-csv-", dir=os.environ.get("BENCH_DIR")) as tmp:
        folder = Path(tmp)
        path = folder / "segments.csv"
        emit("csv_export", timed(lambda: save_csv(path, segments, videos, labels, reviews), runs), **common)
        video_list, label_list = list(videos.values()), list(labels.values())
        emit(
            "csv_import",
            timed(lambda: check(len(read_csv(path, video_list, label_list)), count), runs),
            **common,
        )

        source = Project(filled_store(folder / "source", segments, videos, labels, reviews))
        exported = folder / "exported.csv"

        def export() -> None:
            with exported.open("w", encoding="utf-8", newline="") as out:
                check(source.export_csv(out), count)

        emit("csv_store_to_file", timed(export, runs), **common)
        source.close()
        targets: list[Project] = []

        def fresh() -> None:
            for project in targets:
                project.close()
            targets[:] = [
                Project(empty_store(folder / f"target{len(os.listdir(folder))}", video_list, label_list))
            ]

        emit(
            "csv_file_to_store",
            timed(lambda: check(import_csv(targets[0], exported), count), runs, fresh),
            **common,
        )
        check(len(targets[0].store.reviews()), len(reviews))
        emit(
            "csv_file_to_store_add_reviews",
            timed(lambda: check(import_csv_bulk_reviews(targets[0], exported), count), runs, fresh),
            **common,
        )
        check(len(targets[0].store.reviews()), len(reviews))
        targets[0].close()


if __name__ == "__main__":
    main()

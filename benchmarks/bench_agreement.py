"""Agreement of 2 coders x 10,000 segments over an hour at 25 fps (90,000 frames); target < 2 s.

Two figures, one JSON line each:

* ``agreement_compute``: the computation alone (``analysis``: per-label frame coverage,
  kappa, alpha, greedy IoU matching, boundaries, figures) on segments in memory;
* ``disagreements``: the list the window shows (``analysis.disagreements``, tolerance 5
  frames) for the same two coders;
* ``agreement_project``: what ``annotator agreement PROJECT --coders ana,ben`` does after
  opening the project: read the segments from SQLite, group them, compute, render JSON.

The coders: ana's 10,000 segments over 9 labels (1-300 frames each); ben's are 80 % copies
of ana's with both edges moved by up to 12 frames, and 20 % segments of his own. Each
figure is the median of several runs (fastest and CPU time beside it).
Run from the repository root: ``.venv/bin/python -m benchmarks.bench_agreement [--quick]``.
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
from typing import Any

from annotator.analysis.agreement import tally_video
from annotator.analysis.agreement_figures import label_agreement, overall_alpha
from annotator.analysis.disagreements import find_disagreements
from annotator.domain.frame_times import FrameTimes
from annotator.domain.label import Label, Vocabulary
from annotator.domain.segment import Segment
from annotator.domain.video_info import VideoInfo
from annotator.project.agreement import AgreementRequest, compute_agreement
from annotator.project.agreement_output import report_json
from annotator.project.project import Project
from annotator.storage import ProjectStore

TARGET_S = 2.0
FRAMES = 90_000
LABELS = 9
COMMAND = ".venv/bin/python -m benchmarks.bench_agreement"


def coders(count: int, seed: int = 13) -> tuple[list[Segment], list[Segment]]:
    rng = random.Random(seed)
    ana, ben = [], []
    for _ in range(count):
        start = rng.randrange(FRAMES - 300)
        label = rng.randrange(1, LABELS + 1)
        ana.append(Segment(1, label, start, start + rng.randrange(1, 300), annotator="ana"))
    for segment in ana:
        if rng.random() < 0.8:
            start = max(0, segment.start_frame + rng.randrange(-12, 13))
            end = max(start + 1, min(FRAMES, segment.end_frame + rng.randrange(-12, 13)))
            ben.append(Segment(1, segment.label_id, start, end, annotator="ben"))
        else:
            start = rng.randrange(FRAMES - 300)
            ben.append(
                Segment(
                    1, rng.randrange(1, LABELS + 1), start, start + rng.randrange(1, 300), annotator="ben"
                )
            )
    return ana, ben


def compute(ana: list[Segment], ben: list[Segment]) -> float | None:
    coded = {
        str(label): [[s for s in ana if s.label_id == label], [s for s in ben if s.label_id == label]]
        for label in range(1, LABELS + 1)
    }
    tallies = tally_video(coded, FRAMES, Fraction(1, 2))
    for tally in tallies.values():
        label_agreement(tally)
    return overall_alpha(tallies)


def project_with(folder: Path, segments: list[Segment]) -> Project:
    labels = tuple(Label(f"label {i}", key=str(i)) for i in range(1, LABELS + 1))
    store = ProjectStore.create(folder, Vocabulary("bench", labels))
    fps = Fraction(25)
    info = VideoInfo("hour.mp4", "h264", 1920, 1080, fps, FRAMES, FRAMES / fps, Fraction(0), True, False,
                     frame_times=FrameTimes.constant(fps, FRAMES))  # fmt: skip
    store.add_video("hour.mp4", "bench-hour", info)
    store.add_segments(segments)
    return Project(store)


def timed(action: Callable[[], object], runs: int) -> dict[str, Any]:
    walls, cpus = [], []
    for _ in range(runs):
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="one run per figure")
    parser.add_argument("--runs", type=int, default=7, help="runs per figure (the median is reported)")
    arguments = parser.parse_args()
    runs = 1 if arguments.quick else arguments.runs
    ana, ben = coders(10_000)
    common = {
        "coders": 2,
        "segments_per_coder": 10_000,
        "frames": FRAMES,
        "target_s": TARGET_S,
        "command": COMMAND,
    }
    alpha = compute(ana, ben)
    emit(
        "agreement_compute",
        timed(lambda: compute(ana, ben), runs),
        overall_alpha=round(alpha or 0, 4),
        **common,
    )
    found = len(find_disagreements(ana, ben, Fraction(1, 2), 5))
    emit(
        "disagreements",
        timed(lambda: find_disagreements(ana, ben, Fraction(1, 2), 5), runs),
        disagreements=found,
        **common,
    )
    with (
        tempfile.TemporaryDirectory(prefix="bench-agreement-", dir=os.environ.get("BENCH_DIR")) as tmp,
        project_with(Path(tmp) / "project", ana + ben) as project,
    ):
        request = AgreementRequest(coders=("ana", "ben"))
        emit(
            "agreement_project",
            timed(lambda: report_json(compute_agreement(project, request)), runs),
            **common,
        )


if __name__ == "__main__":
    main()

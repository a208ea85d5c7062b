"""What leaves the tool as pictures and video: a contact sheet of 1,000 segments, and clips.

Source: 5 minutes of 1080p25 H.264 (GOP 50, B-frames, AAC sound; generated once and kept
under /tmp), in a project with no proxy, so every still and every clip is decoded from the
original as ``annotator sheet`` and ``annotator clips`` do on a fresh project.

* ``sheet``: 1,000 segments (1-10 s, spread over the video) -> 3,000 stills at 180 px; the
  first run makes the stills (cold), the second reads them from the cache (warm).
* ``clips``: 20 segments of 5 s (100 s of output), ``--jobs 2``, H.264 veryfast + AAC:
  seconds of output per second of wall time (1.0 is real time), and CPU per output second.

Run from the repository root: ``.venv/bin/python -m benchmarks.bench_outputs [--quick]``.
One JSON line per figure.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import tempfile
import time
from pathlib import Path

from annotator.domain.label import Vocabulary
from annotator.domain.segment import Segment
from annotator.media.probe import probe
from annotator.project.clips import make_clips, plan_clips
from annotator.project.contact_sheet import make_sheet
from annotator.project.project import Project
from annotator.project.selection import select_segments
from annotator.resources import vocabulary_path

COMMAND = ".venv/bin/python -m benchmarks.bench_outputs"
SOURCE = Path(tempfile.gettempdir()) / "annotator-bench-outputs-1080p-5min.mp4"
FPS = 25


def source(seconds: int) -> Path:
    path = SOURCE.with_name(f"{SOURCE.stem}-{seconds}s.mp4")
    if not path.exists():
        partial = path.with_name(f".{path.name}.{os.getpid()}")
        subprocess.run(
            ["ffmpeg", "-v", "error", "-y",
             "-f", "lavfi", "-i", f"testsrc2=s=1920x1080:r={FPS}:d={seconds}",
             "-f", "lavfi", "-i", f"sine=frequency=440:d={seconds}",
             "-c:v", "libx264", "-preset", "ultrafast", "-g", "50", "-bf", "2", "-pix_fmt", "yuv420p",
             "-c:a", "aac", "-shortest", "-f", "mp4", str(partial)],
            check=True, timeout=1800,
        )  # fmt: skip
        partial.replace(path)
    return path


def cpu_s() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def project_with(folder: Path, video: Path, segments: list[tuple[int, int]]) -> Project:
    project = Project.create(folder, Vocabulary.load(vocabulary_path("state-tv")))
    added = project.add_video(video)
    labels = [label.id for label in project.store.labels() if label.id is not None]
    rng = random.Random(7)
    assert added.id is not None
    project.store.add_segments([
        Segment(added.id, rng.choice(labels), start, end, annotator="ana", note=f"segment at {start}")
        for start, end in segments
    ])  # fmt: skip
    return project


def bench_sheet(work: Path, video: Path, count: int) -> None:
    total = probe(video).frame_count
    rng = random.Random(11)
    spans = []
    for _ in range(count):
        start = rng.randrange(total - 250)
        spans.append((start, start + rng.randrange(25, 250)))
    project = project_with(work / "sheet", video, spans)
    segments = select_segments(project)
    for run in ("cold", "warm"):
        started, cpu = time.perf_counter(), cpu_s()
        shown = make_sheet(project, segments, work / f"sheet-{run}.html")
        wall, used = time.perf_counter() - started, cpu_s() - cpu
        size = (work / f"sheet-{run}.html").stat().st_size
        print(json.dumps({
            "figure": f"contact sheet of {shown:,} segments ({3 * shown:,} stills), {run}",
            "wall_s": round(wall, 1), "cpu_s": round(used, 1), "html_mb": round(size / 1e6, 1),
            "target": "cold < 120 s, warm < 10 s", "load_1min": round(os.getloadavg()[0], 1),
            "command": COMMAND,
        }), flush=True)  # fmt: skip
    project.close()


def bench_clips(work: Path, video: Path, count: int) -> None:
    spans = [(250 + n * 300, 250 + n * 300 + 5 * FPS) for n in range(count)]
    project = project_with(work / "clips-project", video, spans)
    jobs = plan_clips(project, select_segments(project), work / "clips")
    started, cpu = time.perf_counter(), cpu_s()
    made = make_clips(project, jobs, work / "clips", workers=2)
    wall, used = time.perf_counter() - started, cpu_s() - cpu
    output_s = sum(item.job.stop - item.job.first for item in made) / FPS
    print(json.dumps({
        "figure": f"clips: {len(made)} x 5 s of 1080p25 from the original, 2 jobs",
        "output_s": output_s, "wall_s": round(wall, 1), "cpu_s": round(used, 1),
        "output_per_wall": round(output_s / wall, 2), "cpu_s_per_output_s": round(used / output_s, 2),
        "output_minutes_per_minute": round(output_s / wall, 2),
        "target": ">= 1.0 (real time)", "load_1min": round(os.getloadavg()[0], 1), "command": COMMAND,
    }), flush=True)  # fmt: skip
    project.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="60 s of video, 200 segments, 4 clips")
    args = parser.parse_args()
    video = source(60 if args.quick else 300)
    with tempfile.TemporaryDirectory(prefix="bench-outputs-") as tmp:
        bench_sheet(Path(tmp), video, 200 if args.quick else 1000)
        bench_clips(Path(tmp), video, 4 if args.quick else 20)


if __name__ == "__main__":
    main()

"""Search: 100,000 segments over 40 videos answer a query within 100 ms (issue 14).

A project of 40 hour-long videos (``kim_visit_01.mp4`` ...), the state-TV labels, 5
annotators, notes drawn from a news vocabulary (Zipf-like: common words in thousands of
notes, rare ones in a few), a quarter of the segments reviewed. Each query runs ``--runs``
times through the whole path the CLI and the window take (``project.search.search``: the
FTS5 query with its filters, then each hit's segment, names, timecodes and status), limit
200; the median and 95th percentile are reported per query, beside the bulk insert cost
with the index. Run from the repository root: ``.venv/bin/python -m benchmarks.bench_search``.
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
from annotator.domain.label import Vocabulary
from annotator.domain.segment import Review, Segment, Verdict
from annotator.domain.video_info import VideoInfo
from annotator.project.project import Project
from annotator.project.search import search
from annotator.resources import vocabulary_path

COMMAND = ".venv/bin/python -m benchmarks.bench_search"
FRAMES = 90_000
WORDS = [
    "president",
    "minister",
    "guest",
    "crowd",
    "laughs",
    "smiles",
    "waves",
    "car",
    "wheel",
    "drives",
    "horse",
    "dogs",
    "gift",
    "signing",
    "treaty",
    "hands",
    "flag",
    "anthem",
    "banquet",
    "toast",
    "interpreter",
    "motorcade",
    "airport",
    "palace",
    "garden",
    "journalists",
    "cameras",
    "applause",
    "handshake",
    "embrace",
    "bouquet",
    "children",
    "school",
    "farm",
    "tractor",
    "factory",
    "visit",
    "parade",
    "soldiers",
    "band",
    "podium",
    "speech",
    "microphone",
    "rain",
    "umbrella",
]
QUERIES = (
    "crowd",  # common: thousands of hits, ranked
    "umbrella",  # rare
    "laughs smiles",  # two words, both must match
    '"crowd laughs"',  # a phrase
    "label:laughter",  # a filter alone: video and start order
    "label:laughter video:kim_visit_1*",
    "horse status:approved",
    "annotator:ana label:gift* status:unreviewed",
    "gift video:kim_visit_07",
)


def build(directory: Path, count: int) -> Project:
    project = Project.create(directory, Vocabulary.load(vocabulary_path("state-tv")))
    store = project.store
    times = FrameTimes.constant(Fraction(25), FRAMES)
    videos = []
    for n in range(40):
        info = VideoInfo(
            f"kim_visit_{n:02}.mp4",
            "h264",
            1920,
            1080,
            Fraction(25),
            FRAMES,
            times.duration_s,
            times.start_s,
            True,
            False,
            frame_times=times,
        )
        videos.append(store.add_video(f"/archive/kim_visit_{n:02}.mp4", f"fp{n}", info).id)
    labels = [label.id for label in store.labels() if label.id is not None]
    rng = random.Random(14)
    weights = [1 / (rank + 1) for rank in range(len(WORDS))]
    segments = []
    for _ in range(count):
        start = rng.randrange(FRAMES - 300)
        note = " ".join(rng.choices(WORDS, weights, k=rng.randrange(0, 9)))
        segments.append(
            Segment(
                rng.choice(videos),
                rng.choice(labels),
                start,
                start + rng.randrange(1, 300),
                annotator=rng.choice(["ana", "ben", "chen", "dara", "eli"]),
                note=note,
            )
        )
    started = time.process_time()
    store.add_segments(segments)
    insert_cpu = time.process_time() - started
    verdicts = list(Verdict)
    store.add_reviews(Review(s.id, "rita", rng.choice(verdicts)) for s in segments[: count // 4])
    print(
        json.dumps(
            {
                "figure": f"insert {count:,} segments with the search index (CPU)",
                "value": round(insert_cpu, 2),
                "unit": "s",
                "command": COMMAND,
            }
        ),
        flush=True,
    )
    return project


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-search-") as tmp:
        project = build(Path(tmp) / "project", args.count)
        worst = 0.0
        for query in QUERIES:
            times, hits = [], 0
            for _ in range(args.runs):
                started = time.perf_counter()
                hits = len(search(project, query, limit=200))
                times.append((time.perf_counter() - started) * 1000)
            median = statistics.median(times)
            p95 = sorted(times)[round(0.95 * (len(times) - 1))]
            worst = max(worst, median)
            print(
                json.dumps(
                    {
                        "query": query,
                        "results": hits,
                        "median_ms": round(median, 1),
                        "p95_ms": round(p95, 1),
                        "target_ms": 100,
                        "command": COMMAND,
                    }
                ),
                flush=True,
            )
        project.close()
    print(
        json.dumps(
            {
                "figure": "slowest query, median",
                "value": round(worst, 1),
                "unit": "ms",
                "target": "<= 100 ms",
                "load_1min": round(os.getloadavg()[0], 1),
            }
        )
    )


if __name__ == "__main__":
    main()

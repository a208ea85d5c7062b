"""Team projects on PostgreSQL (issue 12): one JSON line per figure.

* Ten clients (processes), each making 10 edits a second for a minute against one local
  server (``tests/pg_server.py``, fsync on): p50/p95 edit latency (the store's
  ``update_segment`` with its version check, committed), p95 time until the other nine see
  an edit (the window's path: a 100 ms poll of the listener, then the video's segments
  listed again, as views do on ``reset``), and edits lost (must be 0).
* Listing one video's 10,000 segments from the server (target < 0.5 s), SQLite beside it.
* The 100,000-row import (``add_segments``, one transaction) on PostgreSQL and SQLite.

Run from the repository root: ``.venv/bin/python -m benchmarks.bench_postgres [--quick]``
(``--quick``: 10 s, 10,000 rows, one run).
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import random
import statistics
import tempfile
import time
from dataclasses import replace
from fractions import Fraction
from pathlib import Path
from typing import Any

from annotator.domain.frame_times import FrameTimes
from annotator.domain.label import Label, Vocabulary
from annotator.domain.segment import Segment
from annotator.domain.video_info import VideoInfo
from annotator.storage.pg_store import PgProjectStore
from annotator.storage.project_store import ProjectStore
from annotator.storage.store_base import BaseStore
from benchmarks.bench_csv import check, emit, timed
from tests.pg_server import PgServer

COMMAND = ".venv/bin/python -m benchmarks.bench_postgres"
FRAMES = 90_000
CLIENTS, RATE, OWN_SEGMENTS = 10, 10, 100
POLL_S = 0.1  # editing/live_updates.py INTERVAL_MS


def _line(figure: str, value: float, unit: str, target: str, **extra: object) -> None:
    line = {"figure": figure, "value": round(value, 3), "unit": unit, "target": target, "command": COMMAND}
    print(json.dumps(line | extra | {"load_1min": round(os.getloadavg()[0], 1)}), flush=True)


def _vocabulary() -> Vocabulary:
    return Vocabulary("bench", tuple(Label(f"label {n}", key=str(n)) for n in range(1, 10)))


def _add_video(store: BaseStore) -> int:
    times = FrameTimes.constant(Fraction(25), FRAMES)
    info = VideoInfo("hour.mp4", "h264", 1920, 1080, Fraction(25), FRAMES, times.duration_s, times.start_s,
                     True, False, frame_times=times)  # fmt: skip
    return store.add_video(str(store.directory / "hour.mp4"), "fp-hour", info).id


def _segments(video_id: int, count: int, seed: int) -> list[Segment]:
    rng = random.Random(seed)
    found = []
    for _ in range(count):
        start = rng.randrange(FRAMES - 300)
        found.append(Segment(video_id, rng.randrange(1, 10), start, start + rng.randrange(1, 300)))
    return found


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


# -- ten clients -----------------------------------------------------------------------------
def _client_process(url: str, number: int, seconds: float, ready: Any, results: Any) -> None:
    results.put(_client(url, number, seconds, ready))


def _client(url: str, number: int, seconds: float, ready: Any) -> dict[str, Any]:
    """One client: an edit of one of its own segments every 1/RATE s (a new note, checked
    against what it last saw), and a poll of the listener every POLL_S, listing the video's
    segments when others changed them. Returns its edits (commit times) and sightings."""
    store = PgProjectStore.open(url, media_root=Path("."))
    store.set_client_name(f"bench {number}")
    video_id = store.videos()[0].id
    mine = {s.id: s for s in store.segments(video_id) if s.annotator == f"c{number}"}
    order = sorted(mine)
    latencies, committed, seen, errors = [], {}, {}, []
    store.changes_elsewhere()
    ready.wait(timeout=120)  # every client connected and ready: start together
    start_at = time.time()
    rng = random.Random(number)
    next_edit = start_at + rng.random() / RATE
    next_poll = start_at + rng.random() * POLL_S
    end = start_at + seconds
    n = 0
    while True:
        now = time.time()
        if now >= end:
            break
        if now >= next_edit:
            segment_id = order[n % len(order)]
            before = mine[segment_id]
            wanted = replace(before, note=f"c{number}:{n}")
            started = time.perf_counter()
            try:
                mine[segment_id] = store.update_segment(wanted, expected=before)
            except Exception as error:  # counted as lost below
                errors.append(str(error))
            else:
                latencies.append((time.perf_counter() - started) * 1000)
                committed[f"c{number}:{n}"] = time.time()
            n += 1
            next_edit += 1 / RATE
        if now >= next_poll:
            if store.changes_elsewhere():
                listing = store.segments(video_id)
                listed = time.time()  # the views have it now
                for segment in listing:
                    note = segment.note
                    if note and not note.startswith(f"c{number}:") and note not in seen:
                        seen[note] = listed
            next_poll += POLL_S
        time.sleep(max(0.0, min(next_edit, next_poll) - time.time()))
    final = {s.id: s.note for s in store.segments(video_id) if s.id in mine}
    store.close()
    return {"latencies": latencies, "committed": committed, "seen": seen, "errors": errors,
            "final": final, "last": {i: mine[i].note for i in mine}}  # fmt: skip


def bench_clients(server: PgServer, seconds: float) -> None:
    url = server.create_database("clients")
    with PgProjectStore.create(url, _vocabulary(), media_root=Path(".")) as store:
        video_id = _add_video(store)
        segments = _segments(video_id, CLIENTS * OWN_SEGMENTS, 5)
        store.add_segments([replace(s, annotator=f"c{i // OWN_SEGMENTS}") for i, s in enumerate(segments)])
    context = multiprocessing.get_context("spawn")
    ready, queue = context.Barrier(CLIENTS), context.Queue()
    processes = [
        context.Process(target=_client_process, args=(url, n, seconds, ready, queue)) for n in range(CLIENTS)
    ]
    for process in processes:
        process.start()
    results = [queue.get(timeout=seconds + 300) for _ in processes]
    for process in processes:
        process.join(timeout=60)
    latencies = [x for r in results for x in r["latencies"]]
    committed = {k: v for r in results for k, v in r["committed"].items()}
    delays = []
    for result in results:
        for note, when in result["seen"].items():
            if note in committed:
                delays.append(max(0.0, when - committed[note]) * 1000)
    lost = sum(len(r["errors"]) for r in results)
    with PgProjectStore.open(url, media_root=Path(".")) as store:
        stored = {s.id: s.note for s in store.segments()}
    lost += sum(1 for r in results for i, note in r["last"].items() if stored[i] != note)
    extra = {"clients": CLIENTS, "edits_per_s_each": RATE, "seconds": seconds, "edits": len(latencies)}
    p50 = statistics.median(latencies)
    _line("edit latency p50 (update_segment with version check)", p50, "ms", "-", **extra)
    _line("edit latency p95", _percentile(latencies, 0.95), "ms", "-", **extra)
    _line(
        "time until the others see an edit, p50", statistics.median(delays), "ms", "-", sightings=len(delays)
    )
    _line("time until the others see an edit, p95", _percentile(delays, 0.95), "ms", "<= 1000 ms",
          sightings=len(delays))  # fmt: skip
    _line("edits lost", lost, "edits", "0", errors=[e for r in results for e in r["errors"]][:3])


def bench_single_edits(server: PgServer, edits: int) -> None:
    """One client alone: the same edit as the ten make (note, checked against what it saw)."""
    url = server.create_database("single")
    with PgProjectStore.create(url, _vocabulary(), media_root=Path(".")) as store:
        video_id = _add_video(store)
        store.add_segments(_segments(video_id, 1000, 3))
        seen = store.segments(video_id)
        latencies = []
        for n in range(edits):
            before = seen[n % len(seen)]
            started = time.perf_counter()
            seen[n % len(seen)] = store.update_segment(replace(before, note=f"n{n}"), expected=before)
            latencies.append((time.perf_counter() - started) * 1000)
    _line("one client alone: edit latency p50", statistics.median(latencies), "ms", "-", edits=edits)
    _line("one client alone: edit latency p95", _percentile(latencies, 0.95), "ms", "-", edits=edits)


SEARCH_WORDS = [
    "crowd",
    "laughs",
    "joke",
    "wheel",
    "kim",
    "visit",
    "dinner",
    "gift",
    "horse",
    "dogs",
    "car",
    "state",
    "leader",
    "talks",
    "smile",
    "wave",
]
QUERIES = ("laugh", 'label:"label 3"', '"state leader"', "kim dinner horse", "status:approved")


def bench_search(server: PgServer, count: int) -> None:
    """``search`` on the server (word starts by regular expression, no index), 5 queries."""
    from annotator.domain.search_query import parse_query

    url = server.create_database("search")
    with PgProjectStore.create(url, _vocabulary(), media_root=Path(".")) as store:
        rng = random.Random(1)
        notes = (" ".join(rng.choices(SEARCH_WORDS, k=rng.randrange(0, 8))) for _ in range(count))
        rows = _segments(_add_video(store), count, 2)
        store.add_segments([replace(s, note=n) for s, n in zip(rows, notes, strict=False)])
        for text in QUERIES:
            timing = timed(lambda text=text: store.search(parse_query(text)), 5)
            emit(f"search {count:,} segments on the server: {text}", timing, command=COMMAND)


# -- listing and import ---------------------------------------------------------------------
def _stores(server: PgServer, folder: Path, name: str) -> dict[str, BaseStore]:
    url = server.create_database(name)
    return {
        "postgresql": PgProjectStore.create(url, _vocabulary(), media_root=folder),
        "sqlite": ProjectStore.create(folder / name, _vocabulary()),
    }


def bench_listing(server: PgServer, folder: Path, runs: int) -> None:
    for engine, store in _stores(server, folder, "listing").items():
        video_id = _add_video(store)
        other = _add_video_two(store)
        store.add_segments(_segments(video_id, 10_000, 1) + _segments(other, 10_000, 2))
        timing = timed(lambda s=store, v=video_id: check(len(s.segments(v)), 10_000), runs)
        emit(f"list one video's 10,000 segments ({engine})", timing, target_s=0.5, command=COMMAND)
        store.close()


def _add_video_two(store: BaseStore) -> int:
    times = FrameTimes.constant(Fraction(25), FRAMES)
    info = VideoInfo("two.mp4", "h264", 1920, 1080, Fraction(25), FRAMES, times.duration_s, times.start_s,
                     True, False, frame_times=times)  # fmt: skip
    return store.add_video(str(store.directory / "two.mp4"), "fp-two", info).id


def bench_import(server: PgServer, folder: Path, count: int, runs: int) -> None:
    for engine in ("sqlite", "postgresql"):
        made: list[BaseStore] = []
        rows: list[Segment] = []

        def fresh(engine: str = engine, made: list[BaseStore] = made, rows: list[Segment] = rows) -> None:
            for store in made:
                store.close()
            store = _stores(server, folder, f"import_{engine}_{len(made)}")[engine]
            made.append(store)
            rows[:] = _segments(_add_video(store), count, 7)

        timing = timed(lambda made=made, rows=rows: made[-1].add_segments(rows), runs, fresh)
        emit(f"import {count:,} segments, one transaction ({engine})", timing, target_s=2.0, command=COMMAND)
        made[-1].close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="10 s of clients, 10,000 rows, one run")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--only", choices=["edits", "listing", "import", "search", "clients"], help="one part"
    )
    args = parser.parse_args()
    seconds, count, runs = (10.0, 10_000, 1) if args.quick else (60.0, 100_000, args.runs)
    with PgServer(durable=True) as server, tempfile.TemporaryDirectory(prefix="bench-pg-") as tmp:
        if args.only in (None, "edits"):
            bench_single_edits(server, 100 if args.quick else 500)
        if args.only in (None, "listing"):
            bench_listing(server, Path(tmp), max(runs, 3))
        if args.only in (None, "import"):
            bench_import(server, Path(tmp), count, runs)
        if args.only in (None, "search"):
            bench_search(server, count)
        if args.only in (None, "clients"):
            bench_clients(server, seconds)
    _line("load average (1 min) while measuring", os.getloadavg()[0], "", "-", cpus=os.cpu_count())


if __name__ == "__main__":
    main()

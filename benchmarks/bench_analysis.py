"""The analyses, measured against a known truth, beside PySceneDetect's own command line.

- Shots, on real footage that is not ours joined with known cuts and transitions
  (``analysis_footage.shot_clip``, 960x540 like a proxy): F1 of hard cuts within +-1 frame,
  F1 of gradual transitions by overlap, and seconds per minute of video. The anchor,
  ``scenedetect -i CLIP detect-adaptive list-scenes``, runs on the same clip in the same run
  (each of its cuts counts for a hard cut within +-1 frame, or for a gradual transition it
  falls inside). Targets: hard-cut F1 >= 0.95 and >= the anchor's; time <= the anchor's.
- Sound events on a generated mix (espeak-ng speech, noise bursts, silences at known
  times): precision and recall per kind, over 100 ms cells.
- All analyses of one hour at 960x540 (the proxy of an hour of 1080p), in a child process:
  wall time and peak memory. Targets: under 6 minutes and 500 MB.

Prints one JSON line per figure. ``--quick`` skips the hour. Run from the repository root:
``.venv/bin/python -m benchmarks.bench_analysis [--quick]``.
"""

from __future__ import annotations

import argparse
import csv
import json
import resource
import subprocess
import sys
import tempfile
import time
from fractions import Fraction
from pathlib import Path

from benchmarks.analysis_footage import hour_clip, shot_clip, shot_truth, sound_clip

CELL_S = 0.1


def _f1(matched: int, found: int, truth: int) -> dict[str, float]:
    precision = matched / found if found else 0.0
    recall = matched / truth if truth else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 3), "recall": round(recall, 3), "f1": round(f1, 3)}


Spans = list[tuple[int, int]]


def _score(hard: list[int], gradual: Spans, cuts: list[int], ranges: Spans) -> tuple[dict[str, float], ...]:
    hard_matched = sum(any(abs(c - t) <= 1 for c in hard) for t in cuts)
    gradual_matched = sum(any(s < te and ts < e for s, e in gradual) for ts, te in ranges)
    return _f1(hard_matched, len(hard), len(cuts)), _f1(gradual_matched, len(gradual), len(ranges))


def _ours(clip: Path) -> tuple[list[int], Spans, float, float]:
    from annotator.analysis.results import ShotKind
    from annotator.media.probe import probe_with_index
    from annotator.project.analyze import analyze_file

    info, index = probe_with_index(clip)
    started, cpu = time.perf_counter(), time.process_time()
    found = analyze_file(clip, info, sound=False, index=index).shots
    took, cpu = time.perf_counter() - started, time.process_time() - cpu
    hard = [b.frame for b in found if b.kind == ShotKind.HARD]
    gradual = [(b.start_frame, b.end_frame) for b in found if b.kind == ShotKind.GRADUAL]
    return hard, gradual, took, cpu


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _anchor(clip: Path) -> tuple[list[int], float, float]:
    """PySceneDetect's command line: its cuts, mapped to our frames by their times."""
    from annotator.media.probe import probe

    times = probe(clip).times()
    with tempfile.TemporaryDirectory() as folder:
        command = [str(Path(sys.executable).with_name("scenedetect")), "-q", "-i", str(clip), "-o", folder,
                   "detect-adaptive", "list-scenes", "-f", "scenes.csv"]  # fmt: skip
        started, cpu = time.perf_counter(), _children_cpu()
        subprocess.run(command, check=True, capture_output=True)
        took, cpu = time.perf_counter() - started, _children_cpu() - cpu
        rows = list(csv.reader((Path(folder) / "scenes.csv").read_text().splitlines()))
    header = next(index for index, row in enumerate(rows) if "Start Time (seconds)" in row)
    column = rows[header].index("Start Time (seconds)")
    starts = [times.frame_at(Fraction(row[column]) + Fraction(1, 2000)) for row in rows[header + 1 :] if row]
    return [frame for frame in starts if frame > 0], took, cpu


def shots_figures() -> list[dict[str, object]]:
    clip = shot_clip()
    cuts, ranges = shot_truth()
    minutes = 1311 / 25 / 60
    hard, gradual, ours_s, ours_cpu = _ours(clip)
    ours_hard, ours_gradual = _score(hard, gradual, cuts, ranges)
    anchor_cuts, anchor_s, anchor_cpu = _anchor(clip)
    anchor_as_hard = [c for c in anchor_cuts if not any(s <= c < e for s, e in ranges)]
    anchor_as_gradual = [(c, c + 1) for c in anchor_cuts if any(s <= c < e for s, e in ranges)]
    anchor_hard, anchor_gradual = _score(anchor_as_hard, anchor_as_gradual, cuts, ranges)
    return [
        {"figure": "shots: truth", "hard_cuts": cuts, "gradual": ranges},
        {"figure": "shots: ours", "hard": hard, "gradual": gradual, "hard_cut": ours_hard,
         "gradual_by_overlap": ours_gradual, "s_per_minute": round(ours_s / minutes, 2),
         "cpu_s_per_minute": round(ours_cpu / minutes, 2)},
        {"figure": "shots: scenedetect detect-adaptive (anchor)", "cuts": anchor_cuts,
         "hard_cut": anchor_hard, "gradual_by_overlap": anchor_gradual,
         "s_per_minute": round(anchor_s / minutes, 2), "cpu_s_per_minute": round(anchor_cpu / minutes, 2)},
    ]  # fmt: skip


def _cells(spans: list[tuple[float, float]], count: int) -> set[int]:
    cells: set[int] = set()
    for start, end in spans:
        cells.update(range(int(start / CELL_S), min(count, int(end / CELL_S))))
    return cells


def sounds_figures() -> list[dict[str, object]]:
    from annotator.analysis.results import SoundKind
    from annotator.media.probe import probe
    from annotator.project.analyze import analyze_file

    clip, truth = sound_clip()
    info = probe(clip)
    found = analyze_file(clip, info, pictures=False).sounds
    count = round(truth.seconds / CELL_S)
    rows: list[dict[str, object]] = []
    for kind, spans in zip(SoundKind, (truth.speech, truth.loud, truth.silence), strict=True):
        expected = _cells(spans, count)
        got = _cells([(e.start_frame / 25, e.end_frame / 25) for e in found if e.kind == kind], count)
        scores = _f1(len(expected & got), len(got), len(expected))
        figure = f"sounds: {kind.value}, per 100 ms cell"
        rows.append({"figure": figure, **scores, "truth_s": len(expected) / 10})
    return rows


def _hour_child(clip: str) -> None:
    """In a child process: analyse the hour, print seconds and peak memory."""
    from annotator.media.probe import probe
    from annotator.project.analyze import analyze_file

    info = probe(Path(clip))
    started = time.perf_counter()
    analysis = analyze_file(Path(clip), info)
    took = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": round(took, 1), "peak_mb": round(peak_mb), "boundaries": len(analysis.shots),
                      "sound_events": len(analysis.sounds)}))  # fmt: skip


def hour_figures() -> list[dict[str, object]]:
    clip = hour_clip()
    result = subprocess.run([sys.executable, "-m", "benchmarks.bench_analysis", "--hour-child", str(clip)],
                            capture_output=True, text=True, check=True)  # fmt: skip
    measured = json.loads(result.stdout.strip().splitlines()[-1])
    return [{"figure": "all analyses, 1 hour at 960x540 (shots, signatures, sounds)", **measured,
             "target": "< 360 s, < 500 MB"}]  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="leave out the hour")
    parser.add_argument("--hour-child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.hour_child:
        _hour_child(args.hour_child)
        return
    rows = shots_figures() + sounds_figures() + ([] if args.quick else hour_figures())
    for row in rows:
        print(json.dumps({"bench": "analysis", **row}))


if __name__ == "__main__":
    main()

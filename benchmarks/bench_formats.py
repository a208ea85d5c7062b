"""JSON, EAF, WebVTT and SRT export/import of 100,000 segments.

Targets: JSON <= 1.5 s each way, EAF <= 4 s each way (VTT/SRT export is reported without
a target). Prints one JSON line per figure. ``--quick`` uses 10,000 segments, one run.
Run from the repository root: ``.venv/bin/python -m benchmarks.bench_formats [--quick]``.

The project is the CSV benchmark's (two one-hour videos, 9 labels, notes with commas,
quotes, line breaks and non-ASCII, a fifth with attributes, half reviewed). EAF and the
subtitles hold one video, so for them all segments are put on the 29.97 fps video.
"""

from __future__ import annotations

import argparse
import json
import tempfile
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from annotator.formats.eaf_format import save_eaf
from annotator.formats.eaf_import import read_eaf
from annotator.formats.json_format import read_json, save_json
from annotator.formats.subtitle_formats import save_srt, save_vtt
from benchmarks.bench_csv import _project, _timed

TARGETS_S = {"json": 1.5, "eaf": 4.0}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="10,000 segments, one run")
    parser.add_argument("--repeats", type=int, default=3, help="runs per figure (best is reported)")
    arguments = parser.parse_args()
    count = 10_000 if arguments.quick else 100_000
    repeats = 1 if arguments.quick else arguments.repeats
    segments, videos, labels, reviews = _project(count)
    video = videos[2]
    one_video = [replace(segment, video_id=video.id) for segment in segments]
    label_names = [label.name for label in labels.values()]
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        (base / video.path).parent.mkdir(parents=True, exist_ok=True)
        json_path, eaf_path, vtt, srt = base / "p.json", base / "p.eaf", base / "p.vtt", base / "p.srt"
        all_labels = list(labels.values())

        def json_export() -> object:
            return save_json(json_path, videos.values(), all_labels, segments, reviews.values())

        def eaf_import() -> None:
            _check(len(read_eaf(eaf_path, video.info.times(), label_names).segments), count)

        figures: list[tuple[str, str, Callable[[], object], Path]] = [
            ("json_export", "json", json_export, json_path),
            ("json_import", "json", lambda: _check(len(read_json(json_path).segments), count), json_path),
            ("eaf_export", "eaf", lambda: save_eaf(eaf_path, video, all_labels, one_video), eaf_path),
            ("eaf_import", "eaf", eaf_import, eaf_path),
            ("vtt_export", "", lambda: save_vtt(vtt, video, all_labels, one_video), vtt),
            ("srt_export", "", lambda: save_srt(srt, video, all_labels, one_video), srt),
        ]
        for name, target, action, path in figures:
            timing = _timed(action, repeats)
            line = {"benchmark": name, **timing, "segments": count, "repeats": repeats}
            if target:
                line["target_s"] = TARGETS_S[target]
            line["file_mib"] = round(path.stat().st_size / 2**20, 1)
            print(json.dumps(line), flush=True)


def _check(found: int, expected: int) -> None:
    if found != expected:
        raise AssertionError(f"read {found} segments, expected {expected}")


if __name__ == "__main__":
    main()

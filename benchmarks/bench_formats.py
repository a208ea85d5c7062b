"""JSON, EAF, WebVTT and SRT export/import of 100,000 segments.

Targets: JSON <= 1.5 s each way, EAF <= 4 s each way (VTT/SRT export is reported without
a target). One JSON line per figure, median wall time of several runs with the fastest run
and the median CPU time beside it (see :mod:`benchmarks.bench_csv`).

* ``<format>_export`` / ``<format>_import``: the format alone, segments in memory;
* ``<format>_store_to_file`` / ``<format>_file_to_store``: end to end, from a project
  store to the file and from the file into a fresh project store. No project-layer
  function does this for JSON or EAF yet, so the benchmark does what ``Project.export_csv``
  / ``import_csv`` do: list with ``ProjectStore.segments()`` then write; read, give the
  segments the project's video and label ids (by fingerprint and name), then one
  transaction of ``add_segments`` (and ``add_review`` per review, for JSON).

The project is the CSV benchmark's (two one-hour videos, 9 labels, notes with commas,
quotes, line breaks and non-ASCII, a fifth with attributes, half reviewed). EAF and the
subtitles hold one video, so for them all segments are put on the 29.97 fps video.
``--quick``: 10,000 segments, one run.
Run from the repository root: ``.venv/bin/python -m benchmarks.bench_formats [--quick]``.
"""

from __future__ import annotations

import argparse
import os
import tempfile
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from annotator.domain.label import Label
from annotator.domain.segment import Review, Segment, Source
from annotator.domain.video import Video
from annotator.formats.eaf.reader import read_eaf
from annotator.formats.eaf.writer import save_eaf
from annotator.formats.json.reader import read_json
from annotator.formats.json.writer import save_json
from annotator.formats.subtitles.writer import save_srt, save_vtt
from annotator.storage import ProjectStore
from benchmarks.bench_csv import _project, check, emit, empty_store, filled_store, timed

Project = tuple[list[Segment], dict[int, Video], dict[int, Label], dict[str, Review]]
TARGETS_S = {"json": 1.5, "eaf": 4.0}
COMMAND = ".venv/bin/python -m benchmarks.bench_formats"


def json_to_store(store: ProjectStore, path: Path) -> int:
    """Import a project JSON into ``store``, all or nothing; the number of segments."""
    data = read_json(path)
    video_ids = {video.fingerprint: video.id for video in store.videos()}
    label_ids = {label.name.casefold(): label.id for label in store.labels()}
    videos = [video_ids[video.fingerprint] for video in data.videos]
    labels = [label_ids[label.name.casefold()] for label in data.labels]
    segments = [
        replace(segment, video_id=videos[segment.video_id], label_id=labels[segment.label_id])
        for segment in data.segments
    ]
    with store.transaction():
        store.add_segments(segments)
        for review in data.reviews:
            store.add_review(review)
    return len(segments)


def eaf_to_store(store: ProjectStore, path: Path, video: Video) -> int:
    """Import an EAF file's segments for ``video`` into ``store``; the number of segments."""
    label_ids = {label.name: label.id for label in store.labels() if label.id is not None}
    found = read_eaf(path, video.info.times(), label_ids)
    segments = [
        Segment(
            video_id=video.id,
            label_id=label_ids[item.label],
            start_frame=item.start_frame,
            end_frame=item.end_frame,
            note=item.note,
            source=Source.IMPORT,
        )
        for item in found.segments
    ]
    store.add_segments(segments)
    return len(segments)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="10,000 segments, one run")
    parser.add_argument("--runs", type=int, default=5, help="runs per figure (the median is reported)")
    arguments = parser.parse_args()
    count = 10_000 if arguments.quick else 100_000
    runs = 1 if arguments.quick else arguments.runs
    segments, videos, labels, reviews = _project(count)
    video = videos[2]
    one_video = [replace(segment, video_id=video.id) for segment in segments]
    label_list: list[Label] = list(labels.values())
    label_names = [label.name for label in label_list]
    with tempfile.TemporaryDirectory(prefix="bench-formats-", dir=os.environ.get("BENCH_DIR")) as tmp:
        base = Path(tmp)
        (base / video.path).parent.mkdir(parents=True, exist_ok=True)
        json_path, eaf_path, vtt, srt = base / "p.json", base / "p.eaf", base / "p.vtt", base / "p.srt"

        def json_export() -> object:
            return save_json(json_path, videos.values(), label_list, segments, reviews.values())

        def eaf_import() -> None:
            check(len(read_eaf(eaf_path, video.info.times(), label_names).segments), count)

        figures: list[tuple[str, str, Callable[[], object], Path]] = [
            ("json_export", "json", json_export, json_path),
            ("json_import", "json", lambda: check(len(read_json(json_path).segments), count), json_path),
            ("eaf_export", "eaf", lambda: save_eaf(eaf_path, video, label_list, one_video), eaf_path),
            ("eaf_import", "eaf", eaf_import, eaf_path),
            ("vtt_export", "", lambda: save_vtt(vtt, video, label_list, one_video), vtt),
            ("srt_export", "", lambda: save_srt(srt, video, label_list, one_video), srt),
        ]
        for name, target, action, path in figures:
            extra: dict[str, object] = {"segments": count}
            if target:
                extra["target_s"] = TARGETS_S[target]
            timing = timed(action, runs)
            emit(name, timing, **extra, file_mib=round(path.stat().st_size / 2**20, 1), command=COMMAND)
        _end_to_end(base, runs, (segments, videos, labels, reviews), one_video)


def _end_to_end(base: Path, runs: int, project: Project, one_video: list[Segment]) -> None:
    segments, videos, labels, reviews = project
    count, video = len(segments), videos[2]
    json_out, eaf_out = base / "store.json", base / "store.eaf"
    source = filled_store(base / "json-source", segments, videos, labels, reviews)

    def json_export() -> None:
        save_json(json_out, source.videos(), source.labels(), source.segments(), source.reviews())

    emit("json_store_to_file", timed(json_export, runs), segments=count, target_s=1.5, command=COMMAND)
    source.close()
    eaf_source = filled_store(base / "eaf-source", one_video, videos, labels, {})
    stored_video = eaf_source.video(video.id)

    def eaf_export() -> None:
        segments_of_video = eaf_source.segments(video_id=video.id)
        check(save_eaf(eaf_out, stored_video, eaf_source.labels(), segments_of_video), count)

    emit("eaf_store_to_file", timed(eaf_export, runs), segments=count, target_s=4.0, command=COMMAND)
    eaf_source.close()
    targets: list[ProjectStore] = []

    def fresh() -> None:
        for store in targets:
            store.close()
        targets[:] = [empty_store(base / f"target{len(os.listdir(base))}", videos.values(), labels.values())]

    timing = timed(lambda: check(json_to_store(targets[0], json_out), count), runs, fresh)
    emit("json_file_to_store", timing, segments=count, target_s=1.5, command=COMMAND)
    check(len(targets[0].reviews()), len(reviews))
    timing = timed(lambda: check(eaf_to_store(targets[0], eaf_out, stored_video), count), runs, fresh)
    emit("eaf_file_to_store", timing, segments=count, target_s=4.0, command=COMMAND)
    targets[0].close()


if __name__ == "__main__":
    main()

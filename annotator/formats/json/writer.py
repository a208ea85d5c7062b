"""Writing the project JSON: every video, label, segment and review in one versioned file.

Schema (``"format": "annotator-project"``, ``"version": 1``) is documented in
``docs/formats.md`` ("JSON"). In short::

    {"format": "annotator-project", "version": 1,
     "videos": [{"path", "name", "fingerprint", "codec", "width", "height",
                 "fps": "30000/1001", "frame_count", "duration_s": "n/d",
                 "start_time_s": "n/d", "has_audio", "vfr", "container",
                 "frame_times": null | {"time_base": "1/90000", "start_pts",
                                        "steps": [[delta, count], ...], "end_pts"}}],
     "vocabulary": {"labels": [{"name", "colour", "key", "kind", "description",
                                "order", "archived"}]},
     "segments": [{"id", "video": <index into videos>, "label": <label name>,
                   "start_frame", "end_frame", "annotator", "note", "attributes",
                   "source", "created_at", "updated_at"}],
     "reviews": [{"segment": <segment id>, "reviewer", "verdict", "note", "created_at"}]}

Exact numbers are ``"num/den"`` strings; the frame table is stored as runs of equal pts
steps, so a constant-rate video costs one run. Each segment and review is written on a
line of its own (compact JSON, fast to write and easy to diff). Reading it back:
:mod:`annotator.formats.json.reader`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from fractions import Fraction
from itertools import groupby, pairwise
from pathlib import Path
from typing import Any, TextIO

from annotator.domain.frame_times import FrameTimes
from annotator.domain.label import Label
from annotator.domain.segment import Review, Segment
from annotator.domain.video import Video
from annotator.formats.atomic_text import save_text
from annotator.formats.json.reader import FORMAT, VERSION

__all__ = ["save_json", "write_json"]


def write_json(
    out: TextIO,
    videos: Iterable[Video],
    labels: Iterable[Label],
    segments: Iterable[Segment],
    reviews: Iterable[Review],
) -> int:
    """Write the project file to ``out`` (UTF-8 text); return the number of segments.

    ``labels`` need their ids (segments name them by id). A segment whose video or label is
    not among those given raises ``KeyError`` naming it; reviews of segments that are not
    written are left out (so a per-video export carries its own reviews only)."""
    video_list = list(videos)
    label_list = list(labels)
    video_index = {video.id: index for index, video in enumerate(video_list)}
    label_name = {label.id: label.name for label in label_list}
    written: set[str] = set()
    out.write(f'{{"format": "{FORMAT}", "version": {VERSION},\n"videos": [\n')
    _write_items(out, (_video_dict(video) for video in video_list))
    out.write('],\n"vocabulary": {"labels": [\n')
    _write_items(out, (_label_dict(label) for label in label_list))
    out.write(']},\n"segments": [\n')
    _write_items(out, _segment_dicts(segments, video_index, label_name, written))
    out.write('],\n"reviews": [\n')
    _write_items(out, (_review_dict(review) for review in reviews if review.segment_id in written))
    out.write("]}\n")
    return len(written)


def save_json(
    path: Path,
    videos: Iterable[Video],
    labels: Iterable[Label],
    segments: Iterable[Segment],
    reviews: Iterable[Review],
) -> int:
    """:func:`write_json` into ``path`` atomically (never half a file)."""
    return save_text(path, lambda out: write_json(out, videos, labels, segments, reviews))


def fraction_text(value: Fraction) -> str:
    """An exact number as ``"num/den"`` (``"25/1"``, ``"30000/1001"``)."""
    return f"{value.numerator}/{value.denominator}"


def pts_steps(times: FrameTimes) -> list[list[int]]:
    """The table's pts differences as ``[step, count]`` runs."""
    return [[step, sum(1 for _ in run)] for step, run in groupby(b - a for a, b in pairwise(times.pts))]


def _write_items(out: TextIO, items: Iterator[dict[str, Any]]) -> None:
    encode = json.JSONEncoder(ensure_ascii=False, check_circular=False).encode
    first = True
    for item in items:
        out.write(encode(item) if first else ",\n" + encode(item))
        first = False
    if not first:
        out.write("\n")


def _video_dict(video: Video) -> dict[str, Any]:
    info = video.info
    times = info.frame_times
    return {
        "path": video.path,
        "name": video.name,
        "fingerprint": video.fingerprint,
        "codec": info.codec,
        "width": info.width,
        "height": info.height,
        "fps": fraction_text(info.fps),
        "frame_count": info.frame_count,
        "duration_s": fraction_text(info.duration_s),
        "start_time_s": fraction_text(info.start_time_s),
        "has_audio": info.has_audio,
        "vfr": info.is_vfr,
        "container": info.container,
        "frame_times": None if times is None else _times_dict(times),
    }


def _times_dict(times: FrameTimes) -> dict[str, Any]:
    return {
        "time_base": fraction_text(times.time_base),
        "start_pts": times.pts[0],
        "steps": pts_steps(times),
        "end_pts": times.end_pts,
    }


def _label_dict(label: Label) -> dict[str, Any]:
    return {
        "name": label.name,
        "colour": label.colour,
        "key": label.key,
        "kind": label.kind.value,
        "description": label.description,
        "order": label.order,
        "archived": label.archived,
    }


def _segment_dicts(
    segments: Iterable[Segment],
    video_index: dict[int, int],
    label_name: dict[int | None, str],
    written: set[str],
) -> Iterator[dict[str, Any]]:
    for segment in segments:
        if segment.video_id not in video_index:
            raise KeyError(f"segment {segment.id}: video {segment.video_id} is not among the videos")
        if segment.label_id not in label_name:
            raise KeyError(f"segment {segment.id}: label {segment.label_id} is not among the labels")
        written.add(segment.id)
        yield {
            "id": segment.id,
            "video": video_index[segment.video_id],
            "label": label_name[segment.label_id],
            "start_frame": segment.start_frame,
            "end_frame": segment.end_frame,
            "annotator": segment.annotator,
            "note": segment.note,
            "attributes": segment.attributes,
            "source": segment.source.value,
            "created_at": segment.created_at,
            "updated_at": segment.updated_at,
        }


def _review_dict(review: Review) -> dict[str, Any]:
    return {
        "segment": review.segment_id,
        "reviewer": review.reviewer,
        "verdict": review.verdict.value,
        "note": review.note,
        "created_at": review.created_at,
    }

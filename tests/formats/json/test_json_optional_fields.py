"""Project JSON import: the fields a file may leave out, and what they then stand for."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

from exchange_helpers import LABELS, VIDEOS, write_text

from annotator.domain.segment import Review, Segment, Source, Verdict
from annotator.formats.json.reader import read_json
from annotator.formats.json.writer import write_json

VIDEO_OPTIONAL = ("codec", "width", "height", "has_audio", "vfr", "container")
SEGMENT_OPTIONAL = ("annotator", "note", "attributes", "source", "created_at", "updated_at")
REVIEW_OPTIONAL = ("reviewer", "note", "created_at")


def _document() -> dict[str, Any]:
    out = io.StringIO()
    segment = Segment(
        1, 10, 0, 5, annotator="ana", note="hi", attributes={"a": 1}, source=Source.PROPOSAL,
        created_at="c", updated_at="u",
    )  # fmt: skip
    review = Review(segment.id, "rita", Verdict.REJECTED, note="no", created_at="r")
    write_json(out, VIDEOS, LABELS, [segment], [review])
    return json.loads(out.getvalue())


def _without(entry: dict[str, Any], keys: tuple[str, ...]) -> None:
    for key in keys:
        assert key in entry  # the writer writes it: leaving it out is a real change
        del entry[key]


def test_left_out_optional_fields_take_their_defaults(tmp_path: Path) -> None:
    document = _document()
    _without(document["videos"][0], VIDEO_OPTIONAL)
    _without(document["segments"][0], SEGMENT_OPTIONAL)
    _without(document["reviews"][0], REVIEW_OPTIONAL)
    data = read_json(write_text(tmp_path, json.dumps(document), "sparse.json"))
    info = data.videos[0].info
    assert (info.codec, info.width, info.height, info.has_audio, info.is_vfr, info.container) == (
        "", 0, 0, False, False, "",
    )  # fmt: skip
    segment = data.segments[0]
    assert (segment.annotator, segment.note, segment.attributes, segment.source) == (
        "",
        "",
        {},
        Source.MANUAL,
    )
    assert (segment.created_at, segment.updated_at) == ("", "")
    review = data.reviews[0]
    assert (review.segment_id, review.verdict) == (segment.id, Verdict.REJECTED)
    assert (review.reviewer, review.note, review.created_at) == ("", "", "")


def test_each_segment_field_left_out_alone_takes_its_default(tmp_path: Path) -> None:
    defaults = {"annotator": "", "note": "", "attributes": {}, "source": Source.MANUAL}
    defaults |= {"created_at": "", "updated_at": ""}
    for key, default in defaults.items():
        document = _document()
        _without(document["segments"][0], (key,))
        segment = read_json(write_text(tmp_path, json.dumps(document), "p.json")).segments[0]
        assert getattr(segment, key) == default, key
        assert (segment.label_id, segment.start_frame, segment.end_frame) == (0, 0, 5)


def test_fields_written_are_read_back(tmp_path: Path) -> None:
    data = read_json(write_text(tmp_path, json.dumps(_document()), "full.json"))
    segment, review = data.segments[0], data.reviews[0]
    assert (segment.annotator, segment.note, segment.attributes, segment.source) == (
        "ana", "hi", {"a": 1}, Source.PROPOSAL,
    )  # fmt: skip
    assert (review.reviewer, review.note, review.created_at) == ("rita", "no", "r")

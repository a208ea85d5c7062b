"""The JSON importer's per-segment fast path: same segments as the field-by-field reader,
and nothing it lets through that the field-by-field reader would refuse."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from exchange_helpers import LABELS, VIDEOS, write_text

from annotator.domain.segment import Segment, Source
from annotator.formats.json.fields import Fields
from annotator.formats.json.reader import JsonImportError, _Segments, read_json
from annotator.formats.json.writer import write_json


def _document() -> dict[str, Any]:
    out = io.StringIO()
    segments = [
        Segment(1, 10, 0, 5, note="hello", attributes={"shot": 3}, created_at="c", updated_at="u"),
        Segment(2, 11, 7, 9, annotator="ana", source=Source.PROPOSAL),
    ]
    write_json(out, VIDEOS, LABELS, segments, [])
    return json.loads(out.getvalue())


def _reader(tmp_path: Path) -> _Segments:
    data = read_json(write_text(tmp_path, json.dumps(_document()), "p.json"))
    return _Segments(Fields(tmp_path / "p.json", JsonImportError), data.videos, data.labels)


def test_the_fast_path_builds_what_the_field_reader_builds(tmp_path: Path) -> None:
    reader = _reader(tmp_path)
    for index, item in enumerate(_document()["segments"]):
        fast = reader._fast(item)
        assert fast is not None
        assert fast == reader._segment(item, index)
        assert fast.attributes is item["attributes"] or fast.attributes == {}


def test_a_file_with_nulls_and_missing_optional_fields_is_read_the_slow_way(tmp_path: Path) -> None:
    document = _document()
    entry = document["segments"][0]
    entry.update(note=None, attributes=None, source=None)
    del entry["created_at"], entry["annotator"], entry["updated_at"]
    assert _reader(tmp_path)._fast(entry) is None
    segment = read_json(write_text(tmp_path, json.dumps(document), "q.json")).segments[0]
    assert (segment.note, segment.attributes, segment.source, segment.created_at) == (
        "",
        {},
        Source.MANUAL,
        "",
    )
    assert (segment.annotator, segment.updated_at) == ("", "")


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"label": ["driving"]}, "field segments[0].label: expected text"),
        ({"source": ["manual"]}, "field segments[0].source: ['manual'] is not one of"),
        ({"video": True}, "field segments[0].video: expected a whole number"),
        ({"start_frame": False}, "field segments[0].start_frame: expected a whole number"),
        ({"end_frame": 5.0}, "field segments[0].end_frame: expected a whole number"),
        ({"start_frame": 5}, "field segments[0].end_frame: end_frame (5) must be greater"),
        ({"end_frame": 10_000}, "field segments[0].end_frame: end_frame (10000) is past"),
        ({"video": -1}, "field segments[0].video: -1 is not a video of the file"),
        ({"id": "  "}, "field segments[0].id: empty"),
        ({"attributes": [1]}, "field segments[0].attributes: expected an object"),
        ({"note": 3}, "field segments[0].note: expected text"),
        ({"created_at": 0}, "field segments[0].created_at: expected text"),
        ({"label": "Driving"}, "field segments[0].label: no label 'Driving'"),
    ],
)
def test_what_the_fast_path_declines_is_refused_by_field(
    tmp_path: Path, change: dict[str, Any], expected: str
) -> None:
    document = _document()
    document["segments"][0].update(change)
    assert _reader(tmp_path)._fast(document["segments"][0]) is None
    with pytest.raises(JsonImportError) as caught:
        read_json(write_text(tmp_path, json.dumps(document), "bad.json"))
    assert str(caught.value).startswith("bad.json, ")
    assert expected in str(caught.value)

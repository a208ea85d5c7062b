"""Project JSON import refuses bad files with one message naming the file and the place."""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from exchange_helpers import LABELS, VIDEOS, eaf_text, write_text

from annotator.domain.segment import Review, Segment, Verdict
from annotator.formats.json.reader import JsonImportError, read_json
from annotator.formats.json.writer import write_json


def _document() -> dict[str, Any]:
    out = io.StringIO()
    segment = Segment(1, 10, 0, 5, note="hello")
    write_json(out, VIDEOS, LABELS, [segment], [Review(segment.id, "rita", Verdict.APPROVED)])
    return json.loads(out.getvalue())


def _refusal(tmp_path: Path, edit: Callable[[dict[str, Any]], object]) -> str:
    document = _document()
    edit(document)
    path = write_text(tmp_path, json.dumps(document), "project.json")
    with pytest.raises(JsonImportError) as caught:
        read_json(path)
    return str(caught.value)


def test_an_untouched_file_is_read(tmp_path: Path) -> None:
    path = write_text(tmp_path, json.dumps(_document()), "project.json")
    assert read_json(path).segments[0].note == "hello"


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (
            lambda d: d.update(version=2),
            "project.json, field version: version 2 is not supported (written by a newer",
        ),
        (lambda d: d.update(version="1"), "field version: expected a whole number"),
        (lambda d: d.update(format="annotator-vocabulary"), "field format: not an Annotator project file"),
        (lambda d: d.pop("format"), "field format: not an Annotator project file (it has none"),
        (lambda d: d["segments"][0].update(label="dancing"), "field segments[0].label: no label 'dancing'"),
        (
            lambda d: d["segments"][0].update(end_frame=801),
            "field segments[0].end_frame: end_frame (801) is past",
        ),
        (
            lambda d: d["segments"][0].update(start_frame=-1),
            "field segments[0].start_frame: start_frame must be",
        ),
        (
            lambda d: d["segments"][0].update(end_frame="5"),
            "field segments[0].end_frame: expected a whole number",
        ),
        (lambda d: d["segments"][0].update(video=7), "field segments[0].video: 7 is not a video of the file"),
        (lambda d: d["segments"][0].pop("id"), "field segments[0].id: missing"),
        (
            lambda d: d["segments"][0].update(source="robot"),
            "field segments[0].source: 'robot' is not one of",
        ),
        (lambda d: d["segments"].append(d["segments"][0]), "field segments[1].id: "),
        (
            lambda d: d["reviews"][0].update(verdict="maybe"),
            "field reviews[0].verdict: 'maybe' is not one of",
        ),
        (lambda d: d["reviews"][0].update(segment="nope"), "field reviews[0].segment: no segment 'nope'"),
        (lambda d: d["videos"][0].update(fps="0/1"), "field videos[0].fps: must be positive"),
        (
            lambda d: d["videos"][2]["frame_times"]["steps"].pop(),
            "field videos[2].frame_times.steps: the steps",
        ),
        (
            lambda d: d["vocabulary"]["labels"][0].update(colour="red"),
            "field vocabulary.labels[0]: label 'driving'",
        ),
        (
            lambda d: d["vocabulary"]["labels"].append(d["vocabulary"]["labels"][0]),
            "field vocabulary.labels: ",
        ),
        (lambda d: d.pop("segments"), "field segments: missing"),
        (lambda d: d["reviews"][0].pop("segment"), "project.json, field reviews[0].segment: missing"),
    ],
)
def test_each_refusal_names_the_field(
    tmp_path: Path, edit: Callable[[dict[str, Any]], object], expected: str
) -> None:
    assert expected in _refusal(tmp_path, edit)


EXACT = {
    "version": (
        lambda d: d.update(version=2),
        "version 2 is not supported (written by a newer Annotator); this Annotator reads version 1",
    ),
    "format": (
        lambda d: d.update(format="annotator-vocabulary"),
        "not an Annotator project file (it says 'annotator-vocabulary'; expected 'annotator-project')",
    ),
    "segments[0].label": (
        lambda d: d["segments"][0].update(label="dancing"),
        "no label 'dancing' in the file's vocabulary (labels: 'driving', 'laughter', 'Gift exchange')",
    ),
    "segments[0].end_frame": (
        lambda d: d["segments"][0].update(end_frame=801),
        "end_frame (801) is past the video's last frame (799)",
    ),
    "segments[0].start_frame": (
        lambda d: d["segments"][0].update(start_frame=-1),
        "start_frame must be >= 0, got -1",
    ),
    "segments[0].source": (
        lambda d: d["segments"][0].update(source="robot"),
        "'robot' is not one of 'manual', 'import', 'proposal'",
    ),
    "reviews[0].verdict": (
        lambda d: d["reviews"][0].update(verdict="maybe"),
        "'maybe' is not one of 'approved', 'rejected', 'needs_fix'",
    ),
    "reviews[0].segment": (
        lambda d: d["reviews"][0].update(segment="nope"),
        "no segment 'nope' in the file",
    ),
    "videos[0].fps": (
        lambda d: d["videos"][0].update(fps="0/1"),
        "must be positive, got '0/1'",
    ),
    "videos[2].frame_times.steps": (
        lambda d: d["videos"][2]["frame_times"]["steps"].pop(),
        "the steps cover 9 frames, but frame_count is 12",
    ),
    "vocabulary.labels[0]": (
        lambda d: d["vocabulary"]["labels"][0].update(colour="red"),
        "label 'driving': colour must be #RRGGBB, got 'red'",
    ),
    "vocabulary.labels": (
        lambda d: d["vocabulary"]["labels"].append(d["vocabulary"]["labels"][0]),
        "label names must be unique",
    ),
    "segments[0].annotator": (
        lambda d: d["segments"][0].update(annotator=["a very long list of names"] * 3),
        "expected text, got ['a very long list of names', 'a very...",
    ),
    "segments[0].note": (
        lambda d: d["segments"][0].update(note=["short"]),
        "expected text, got ['short']",
    ),
    "videos[0].vfr": (
        lambda d: d["videos"][0].update(vfr="yes"),
        "expected true or false, got 'yes'",
    ),
    "segments": (
        lambda d: d.update(segments={}),
        "expected a list, got {}",
    ),
    "segments[0]": (
        lambda d: d["segments"].__setitem__(0, 5),
        "expected an object, got 5",
    ),
    "segments[0].updated_at": (
        lambda d: d["segments"][0].update(updated_at=5),
        "expected text, got 5",
    ),
    "segments[0].video": (
        lambda d: d["segments"][0].update(video=3),
        "3 is not a video of the file (0..2)",
    ),
    "vocabulary": (
        lambda d: d.update(vocabulary=[]),
        "expected an object, got []",
    ),
    "videos[1].frame_count": (
        lambda d: d["videos"][1].update(frame_count=None),
        "expected a whole number, got null",
    ),
    "videos[0].frame_count": (lambda d: d["videos"][0].update(frame_count=0), "must be positive, got 0"),
    "videos[0].start_time_s": (
        lambda d: d["videos"][0].update(start_time_s="soon"),
        "expected an exact number such as '30000/1001', got 'soon'",
    ),
    "videos[0].height": (
        lambda d: d["videos"][0].update(height="1080"),
        "expected a whole number, got '1080'",
    ),
    "videos[0].has_audio": (
        lambda d: d["videos"][0].update(has_audio="yes"),
        "expected true or false, got 'yes'",
    ),
    "videos[0].container": (lambda d: d["videos"][0].update(container=4), "expected text, got 4"),
    "videos[2].frame_times.steps[0]": (
        lambda d: d["videos"][2]["frame_times"]["steps"].__setitem__(0, [1]),
        "expected [step, count] of positive whole numbers, got [1]",
    ),
    "reviews[0]": (lambda d: d["reviews"].__setitem__(0, "ok"), "expected an object, got 'ok'"),
    "reviews[0].reviewer": (lambda d: d["reviews"][0].update(reviewer=7), "expected text, got 7"),
    "reviews[0].note": (lambda d: d["reviews"][0].update(note=False), "expected text, got False"),
    "reviews[0].created_at": (lambda d: d["reviews"][0].update(created_at=[]), "expected text, got []"),
}


@pytest.mark.parametrize("field", EXACT)
def test_each_refusal_says_exactly_what_is_wrong(tmp_path: Path, field: str) -> None:
    edit, reason = EXACT[field]
    assert _refusal(tmp_path, edit) == f"project.json, field {field}: {reason}"


def test_a_missing_vocabulary_is_named_once(tmp_path: Path) -> None:
    assert _refusal(tmp_path, lambda d: d.pop("vocabulary")) == "project.json, field vocabulary: missing"


def test_a_40_character_value_is_shown_whole(tmp_path: Path) -> None:
    forty = "x" * 38  # 40 characters with its quotes
    message = _refusal(tmp_path, lambda d: d["segments"][0].update(start_frame=forty))
    assert message == f"project.json, field segments[0].start_frame: expected a whole number, got '{forty}'"
    message = _refusal(tmp_path, lambda d: d["segments"][0].update(start_frame=forty + "y"))
    assert message.endswith(f"got '{forty[:36]}...")


def test_malformed_json_names_the_line(tmp_path: Path) -> None:
    path = write_text(tmp_path, '{"format": "annotator-project",\n "version": 1,\n "videos": [,]}', "p.json")
    with pytest.raises(JsonImportError, match=r"^p\.json, line 3 column 13: not valid JSON"):
        read_json(path)


def test_an_eaf_named_json_is_recognised(tmp_path: Path) -> None:
    path = write_text(tmp_path, eaf_text(VIDEOS[0], []), "looks.json")
    with pytest.raises(JsonImportError, match=r"looks\.json, line 1: this is XML, not JSON"):
        read_json(path)


@pytest.mark.parametrize(("data", "expected"), [(b"", "the file is empty"), (b"\xff\xfe{\x00", "NUL bytes")])
def test_empty_and_binary_files_are_refused(tmp_path: Path, data: bytes, expected: str) -> None:
    path = tmp_path / "p.json"
    path.write_bytes(data)
    with pytest.raises(JsonImportError, match=expected):
        read_json(path)


def test_a_json_list_is_not_a_project(tmp_path: Path) -> None:
    with pytest.raises(JsonImportError) as caught:
        read_json(write_text(tmp_path, "[1, 2]", "p.json"))
    assert str(caught.value) == "p.json: not an Annotator project file (expected a JSON object)"


def test_the_error_carries_the_file_the_place_and_the_reason(tmp_path: Path) -> None:
    document = _document()
    document["segments"][0].update(start_frame=-1)
    path = write_text(tmp_path, json.dumps(document), "project.json")
    with pytest.raises(JsonImportError) as caught:
        read_json(path)
    error = caught.value
    assert (error.path, error.place, error.reason) == (
        path,
        "field segments[0].start_frame",
        "start_frame must be >= 0, got -1",
    )

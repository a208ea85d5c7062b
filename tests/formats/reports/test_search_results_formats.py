"""Search results as JSON: every key of a result, the rank to six places, text as written."""

from __future__ import annotations

import json

from annotator.domain.search_result import Found
from annotator.domain.segment import Segment, Source
from annotator.formats.reports.search_results import as_json, as_text

SEGMENT = Segment(1, 10, 25, 62, annotator="Zoë", note="überholt\nzweite Zeile", source=Source.IMPORT)
FOUND = Found(
    SEGMENT, 1 / 3, "driving", "clip.mp4", "00:00:01:00", "00:00:02:12", "1.000", "2.480", "approved"
)


def test_json_holds_every_field_of_a_result() -> None:
    assert json.loads(as_json([FOUND])) == [
        {
            "segment_id": SEGMENT.id,
            "rank": 0.333333,
            "video": "clip.mp4",
            "label": "driving",
            "start_frame": 25,
            "end_frame": 62,
            "start_tc": "00:00:01:00",
            "end_tc": "00:00:02:12",
            "start_s": "1.000",
            "end_s": "2.480",
            "annotator": "Zoë",
            "status": "approved",
            "source": "import",
            "note": "überholt\nzweite Zeile",
        }
    ]


def test_json_is_indented_by_one_space_and_keeps_characters_as_written() -> None:
    text = as_json([FOUND])
    assert text.startswith('[\n {\n  "segment_id": ')
    assert '\n  "annotator": "Zoë",\n' in text
    assert text.endswith("\n }\n]\n")
    assert as_json([]) == "[]\n"


def test_text_is_one_line_per_result_with_the_notes_first_line() -> None:
    assert as_text([FOUND]) == "clip.mp4  00:00:01:00-00:00:02:12  driving  Zoë  approved  überholt\n"


def test_text_lines_line_up_and_say_what_is_missing() -> None:
    bare = Found(
        Segment(2, 11, 0, 5, note="  \n"), 0.0, "gift exchange", "a much longer name.mp4",
        "00:00:00:00", "00:00:00:05", "0.000", "0.200", "unreviewed",
    )  # fmt: skip
    assert as_text([FOUND, bare]) == (
        "clip.mp4                00:00:01:00-00:00:02:12  driving        Zoë  approved  überholt\n"
        "a much longer name.mp4  00:00:00:00-00:00:00:05  gift exchange  -  unreviewed\n"
    )  # no coder: "-"; no note: nothing after the status
    assert as_text([]) == ""

"""ELAN files at the edges of what the importer takes: no HEADER, other time units, slot
times that are not whole milliseconds, annotations without time or past the video's end."""

from __future__ import annotations

from pathlib import Path

import pytest
from exchange_helpers import CLIP, LABEL_NAMES, write_text

from annotator.formats.eaf.document import EafImportError
from annotator.formats.eaf.reader import EafImport, read_eaf

HEADER = '<HEADER MEDIA_FILE="" TIME_UNITS="milliseconds"/>'
SLOTS = '<TIME_SLOT TIME_SLOT_ID="ts1" TIME_VALUE="400"/><TIME_SLOT TIME_SLOT_ID="ts2" TIME_VALUE="1200"/>'


def _eaf(header: str = HEADER, slots: str = SLOTS) -> str:
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<ANNOTATION_DOCUMENT AUTHOR="" DATE="2024-01-01T00:00:00+01:00" FORMAT="3.0" VERSION="3.0">
{header}
<TIME_ORDER>{slots}</TIME_ORDER>
<TIER LINGUISTIC_TYPE_REF="utterance" TIER_ID="driving">
<ANNOTATION><ALIGNABLE_ANNOTATION ANNOTATION_ID="a1" TIME_SLOT_REF1="ts1" TIME_SLOT_REF2="ts2">
<ANNOTATION_VALUE>driving</ANNOTATION_VALUE></ALIGNABLE_ANNOTATION></ANNOTATION>
</TIER>
</ANNOTATION_DOCUMENT>
"""


def _read(tmp_path: Path, text: str) -> EafImport:
    return read_eaf(write_text(tmp_path, text, "x.eaf"), CLIP.info.times(), LABEL_NAMES)


def _refusal(tmp_path: Path, text: str) -> str:
    with pytest.raises(EafImportError) as caught:
        _read(tmp_path, text)
    return str(caught.value)


def test_a_file_without_header_counts_in_milliseconds(tmp_path: Path) -> None:
    result = _read(tmp_path, _eaf(header=""))
    assert [(s.label, s.start_frame, s.end_frame) for s in result.segments] == [("driving", 10, 30)]


def test_other_time_units_are_refused_by_name(tmp_path: Path) -> None:
    text = _eaf(header='<HEADER MEDIA_FILE="" TIME_UNITS="NTSC-frames"/>')
    assert (
        _refusal(tmp_path, text)
        == "x.eaf, HEADER: time units 'NTSC-frames' are not supported (only milliseconds)"
    )


def test_a_slot_time_that_is_not_whole_milliseconds_is_refused_by_slot(tmp_path: Path) -> None:
    text = _eaf(slots=SLOTS.replace('"1200"', '"1200.5"'))
    assert _refusal(tmp_path, text) == "x.eaf, time slot 'ts2': TIME_VALUE '1200.5' is not whole milliseconds"


def test_an_annotation_without_time_is_skipped_and_reported(tmp_path: Path) -> None:
    result = _read(tmp_path, _eaf(slots=SLOTS.replace(' TIME_VALUE="1200"', "")))
    assert result.segments == ()
    assert result.skipped == ("tier 'driving': 1 unaligned annotations (no time) skipped (first: 'a1')",)


def test_an_annotation_starting_past_the_end_is_refused_naming_tier_and_annotation(tmp_path: Path) -> None:
    text = _eaf(slots=SLOTS.replace('"400"', '"40000"').replace('"1200"', '"40400"'))
    assert _refusal(tmp_path, text) == (
        "x.eaf, tier 'driving', annotation 'a1': 40000 ms is past the end of the video (32000 ms long)"
    )

"""EAF import: our exports come back exactly; foreign files map by tier or value, with
every skip reported and every refusal naming the file and the place."""

from __future__ import annotations

import json
import re
import warnings
from fractions import Fraction
from pathlib import Path

import pytest
from exchange_helpers import CLIP, LABEL_NAMES, NTSC_CLIP, PHONE, eaf_text, write_text
from hypothesis import given
from hypothesis import strategies as st

from annotator.domain.segment import Segment
from annotator.domain.video import Video
from annotator.formats.eaf.document import EafImportError
from annotator.formats.eaf.reader import EafSegment, read_eaf, read_eaf_media_urls
from annotator.formats.ms_frames import MsFrames
from annotator.formats.video_clock import frame_of_seconds

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from pympi.Elan import Eaf

LABEL_OF_ID = {10: "driving", 11: "laughter", 12: "Gift exchange"}


@pytest.mark.parametrize("video", [CLIP, NTSC_CLIP, PHONE], ids=["25fps", "29.97", "vfr"])
def test_our_export_comes_back_exactly(tmp_path: Path, video: Video) -> None:
    count = video.info.frame_count
    segments = [
        Segment(video.id, 10 + n % 3, n, min(n + 1 + n % 4, count), note=f"n{n}" * (n % 2))
        for n in range(count - 1)
    ]
    path = write_text(tmp_path, eaf_text(video, segments), "ours.eaf")
    result = read_eaf(path, video.info.times(), LABEL_NAMES)
    got = sorted((s.label, s.start_frame, s.end_frame, s.note) for s in result.segments)
    assert got == sorted((LABEL_OF_ID[s.label_id], s.start_frame, s.end_frame, s.note) for s in segments)
    assert result.skipped == ()
    assert result.media_urls == ("./clip.mp4",)
    assert read_eaf_media_urls(path) == ("./clip.mp4",)


def _foreign(tmp_path: Path, tiers: dict[str, list[tuple[int, int, str]]], name: str = "elan.eaf") -> Path:
    """An EAF written by pympi (as ELAN users' files are), one tier per key."""
    eaf = Eaf(author="someone")
    eaf.remove_tier("default")
    for tier, spans in tiers.items():
        eaf.add_tier(tier)
        for start, end, value in spans:
            eaf.add_annotation(tier, start, end, value)
    path = tmp_path / name
    eaf.to_file(str(path))
    return path


def _id(path: Path, index: int) -> str:
    """The id pympi gave the ``index``-th annotation of the file."""
    return re.findall(r'ANNOTATION_ID="([^"]+)"', path.read_text(encoding="utf-8"))[index]


def test_a_tier_named_after_a_label_gives_it_and_ms_map_to_the_frame_holding_them(tmp_path: Path) -> None:
    path = _foreign(tmp_path, {"Driving": [(1010, 2010, ""), (1041, 1079, "driving")]})
    result = read_eaf(path, CLIP.info.times(), LABEL_NAMES)
    # 1010 ms is within frame 25 (1000-1040 ms); 2010 ms within frame 50, the first frame after.
    assert result.segments[0][:3] == ("driving", 25, 50)
    assert result.skipped == (
        f"tier 'Driving': 1 annotations shorter than a frame skipped (first: {_id(path, 1)!r})",
    )


def test_a_generic_tier_maps_values_regardless_of_case_and_reports_empties(tmp_path: Path) -> None:
    path = _foreign(
        tmp_path, {"default": [(0, 400, "LAUGHTER "), (400, 800, ""), (800, 1200, "gift exchange")]}
    )
    result = read_eaf(path, CLIP.info.times(), LABEL_NAMES)
    assert [s[:3] for s in result.segments] == [("laughter", 0, 10), ("Gift exchange", 20, 30)]
    assert result.skipped == (
        f"tier 'default': 1 annotations with an empty value skipped (first: {_id(path, 1)!r})",
    )


def test_unknown_values_are_refused_listing_the_labels(tmp_path: Path) -> None:
    path = _foreign(tmp_path, {"gestures": [(0, 400, "nod"), (400, 800, "shake")]})
    with pytest.raises(EafImportError) as caught:
        read_eaf(path, CLIP.info.times(), LABEL_NAMES)
    message = str(caught.value)
    assert message.startswith("elan.eaf, tier 'gestures': no label for the values 'nod', 'shake'")
    assert "'driving', 'laughter', 'Gift exchange'" in message


def test_a_mapping_resolves_unknowns_or_skips_them(tmp_path: Path) -> None:
    path = _foreign(tmp_path, {"gestures": [(0, 400, "nod"), (400, 800, "shake")], "Speech": [(0, 40, "hi")]})
    mapping = {"NOD": "driving", "shake": "", "speech": "Laughter"}
    result = read_eaf(path, CLIP.info.times(), LABEL_NAMES, mapping)
    assert [s[:3] for s in result.segments] == [("driving", 0, 10), ("laughter", 0, 1)]
    assert result.skipped == (
        f"tier 'gestures': 1 annotations mapped to nothing skipped (first: {_id(path, 1)!r})",
    )


def test_a_value_naming_another_label_than_its_tier_is_ambiguous(tmp_path: Path) -> None:
    path = _foreign(tmp_path, {"driving": [(0, 400, "laughter")]})
    with pytest.raises(
        EafImportError,
        match=r"tier 'driving': annotation 'a\d+' has the value 'laughter' but the tier names the label",
    ):
        read_eaf(path, CLIP.info.times(), LABEL_NAMES)
    resolved = read_eaf(path, CLIP.info.times(), LABEL_NAMES, {"driving": "driving"})
    assert resolved.segments[0].label == "driving"


def test_a_mapping_to_a_missing_label_is_refused(tmp_path: Path) -> None:
    path = _foreign(tmp_path, {"driving": [(0, 400, "")]})
    with pytest.raises(EafImportError, match=r"mapping 'x': no label 'dancing' to map to"):
        read_eaf(path, CLIP.info.times(), LABEL_NAMES, {"x": "dancing"})


def test_times_past_the_end_are_refused(tmp_path: Path) -> None:
    path = _foreign(tmp_path, {"driving": [(0, 32_001, "")]})  # the clip is 32.000 s long
    with pytest.raises(
        EafImportError, match=r"tier 'driving', annotation 'a\d+': 32001 ms is past the end .*32000 ms"
    ):
        read_eaf(path, CLIP.info.times(), LABEL_NAMES)
    ok = _foreign(tmp_path, {"driving": [(31_960, 32_000, "")]}, "end.eaf")
    assert read_eaf(ok, CLIP.info.times(), LABEL_NAMES).segments[0][1:3] == (799, 800)


def test_symbolic_dependent_values_are_kept_in_the_attributes(tmp_path: Path) -> None:
    path = write_text(tmp_path, eaf_text(CLIP, [Segment(1, 10, 0, 5, note="n")]), "ours.eaf")
    eaf = Eaf(str(path))
    eaf.add_linguistic_type("translation", "Symbolic_Association", timealignable=False)
    eaf.add_tier("translation", ling="translation", parent="driving")
    eaf.add_ref_annotation("translation", "driving", 100, "conduciendo")
    eaf.to_file(str(path))
    result = read_eaf(path, CLIP.info.times(), LABEL_NAMES)
    assert [tuple(s[:4]) for s in result.segments] == [("driving", 0, 5, "n")]
    assert result.segments[0].attributes()["eaf_dependents"] == {"translation": "conduciendo"}
    assert result.skipped == ()


def test_time_aligned_dependent_tiers_are_skipped_unless_asked_for(tmp_path: Path) -> None:
    path = write_text(tmp_path, eaf_text(CLIP, [Segment(1, 10, 0, 50)]), "ours.eaf")
    eaf = Eaf(str(path))
    eaf.add_linguistic_type("phases", "Included_In")
    eaf.add_tier("phases", ling="phases", parent="driving")
    eaf.add_annotation("phases", 400, 800, "turning")
    eaf.to_file(str(path))
    result = read_eaf(path, CLIP.info.times(), LABEL_NAMES)
    assert [tuple(s[:3]) for s in result.segments] == [("driving", 0, 50)]
    assert result.skipped == (
        f"tier 'phases': 1 annotations of a dependent tier (of 'driving') skipped (first: {_id(path, 1)!r})",
    )
    mapped = read_eaf(path, CLIP.info.times(), LABEL_NAMES, {"phases": "laughter"})
    assert [tuple(s[:4]) for s in mapped.segments] == [
        ("driving", 0, 50, ""),
        ("laughter", 10, 20, "turning"),
    ]


def test_malformed_xml_names_the_line(tmp_path: Path) -> None:
    text = eaf_text(CLIP, []).replace("<TIME_ORDER />", "<TIME_ORDER>\n<oops>\n</TIME_ORDER>", 1)
    assert "<oops>" in text
    with pytest.raises(EafImportError, match=r"^broken\.eaf, line 4: not well-formed XML: mismatched tag"):
        read_eaf(write_text(tmp_path, text, "broken.eaf"), CLIP.info.times(), LABEL_NAMES)


def test_json_named_eaf_and_other_xml_are_refused(tmp_path: Path) -> None:
    as_json = write_text(tmp_path, json.dumps({"format": "annotator-project"}), "project.eaf")
    with pytest.raises(EafImportError, match=r"project\.eaf, line 1: this is JSON, not EAF"):
        read_eaf(as_json, CLIP.info.times(), LABEL_NAMES)
    svg = write_text(tmp_path, "<svg></svg>", "picture.eaf")
    with pytest.raises(EafImportError, match=r"picture\.eaf: not an ELAN annotation document .*<svg>"):
        read_eaf(svg, CLIP.info.times(), LABEL_NAMES)


def test_nothing_is_returned_partially(tmp_path: Path) -> None:
    path = _foreign(tmp_path, {"driving": [(0, 400, "")], "gestures": [(0, 400, "nod")]})
    with pytest.raises(EafImportError):
        read_eaf(path, CLIP.info.times(), LABEL_NAMES)


@given(ms=st.integers(0, 500), is_end=st.booleans())
def test_integer_ms_lookup_matches_the_csv_rule(ms: int, is_end: bool) -> None:
    for video in (CLIP, NTSC_CLIP, PHONE):
        times = video.info.times()
        try:
            expected: int | str = frame_of_seconds(times, Fraction(ms, 1000), is_end=is_end)
        except ValueError:
            expected = "past"
        try:
            got: int | str = MsFrames(times).frame(ms, is_end=is_end)
        except ValueError:
            got = "past"
        assert got == expected, (video.name, ms)


def test_result_items_are_named() -> None:
    assert EafSegment._fields == (
        "label",
        "start_frame",
        "end_frame",
        "note",
        "tier",
        "annotation_id",
        "dependents",
    )

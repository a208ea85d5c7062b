"""EAF import keeps every value: mapped tiers keep their values in the notes, new labels
for ELAN users' own tiers, dependent values in the attributes, unaligned boundaries spaced
as ELAN spaces them."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest
from exchange_helpers import CLIP, LABEL_NAMES, write_text

from annotator.formats.eaf.document import EafImportError
from annotator.formats.eaf.reader import read_eaf

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from pympi.Elan import Eaf


def _gestures(tmp_path: Path) -> Path:
    eaf = Eaf(author="someone")
    eaf.remove_tier("default")
    eaf.add_tier("gesture")
    for start, end, value in ((0, 400, "prep"), (400, 800, "stroke"), (800, 1000, "retr"), (1000, 1200, "")):
        eaf.add_annotation("gesture", start, end, value)
    eaf.add_tier("mood")
    eaf.add_annotation("mood", 0, 1200, "laughter")
    eaf.add_annotation("mood", 1200, 2000, "giggle")
    path = tmp_path / "gestures.eaf"
    eaf.to_file(str(path))
    return path


def test_a_tier_mapped_to_a_label_keeps_each_value_in_the_note(tmp_path: Path) -> None:
    result = read_eaf(_gestures(tmp_path), CLIP.info.times(), LABEL_NAMES, {"gesture": "driving", "mood": ""})
    assert [(s.label, s.start_frame, s.end_frame, s.note) for s in result.segments] == [
        ("driving", 0, 10, "prep"),
        ("driving", 10, 20, "stroke"),
        ("driving", 20, 25, "retr"),
        ("driving", 25, 30, ""),
    ]
    assert {s.attributes()["eaf_tier"] for s in result.segments} == {"gesture"}
    assert result.new_labels == ()


def test_without_new_labels_unknown_tiers_are_refused(tmp_path: Path) -> None:
    with pytest.raises(EafImportError, match="no label for the values"):
        read_eaf(_gestures(tmp_path), CLIP.info.times(), LABEL_NAMES)


def test_new_labels_make_a_label_per_tier_or_unknown_value(tmp_path: Path) -> None:
    result = read_eaf(_gestures(tmp_path), CLIP.info.times(), LABEL_NAMES, new_labels=True)
    # "gesture": no value names a label, so the tier is the label and the values are notes.
    # "mood": "laughter" names a label, so its values decide and "giggle" is a new label.
    assert result.new_labels == ("gesture", "giggle")
    assert [(s.label, s.start_frame, s.end_frame, s.note) for s in result.segments] == [
        ("gesture", 0, 10, "prep"),
        ("gesture", 10, 20, "stroke"),
        ("gesture", 20, 25, "retr"),
        ("gesture", 25, 30, ""),
        ("laughter", 0, 30, ""),
        ("giggle", 30, 50, ""),
    ]


def test_an_explicit_mapping_wins_over_new_labels(tmp_path: Path) -> None:
    result = read_eaf(
        _gestures(tmp_path), CLIP.info.times(), LABEL_NAMES, {"giggle": "laughter"}, new_labels=True
    )
    assert result.new_labels == ("gesture",)
    assert [(s.label, s.note) for s in result.segments if s.tier == "mood"] == [
        ("laughter", ""),
        ("laughter", "giggle"),
    ]


UNALIGNED = """<?xml version="1.0" encoding="UTF-8"?>
<ANNOTATION_DOCUMENT AUTHOR="" DATE="2024-01-01T00:00:00+01:00" FORMAT="3.0" VERSION="3.0">
    <HEADER MEDIA_FILE="" TIME_UNITS="milliseconds"/>
    <TIME_ORDER>
        <TIME_SLOT TIME_SLOT_ID="ts1" TIME_VALUE="1000"/>
        <TIME_SLOT TIME_SLOT_ID="ts2"/>
        <TIME_SLOT TIME_SLOT_ID="ts3"/>
        <TIME_SLOT TIME_SLOT_ID="ts4" TIME_VALUE="1000"/>
        <TIME_SLOT TIME_SLOT_ID="ts5" TIME_VALUE="2200"/>
    </TIME_ORDER>
    <TIER LINGUISTIC_TYPE_REF="utterance" TIER_ID="speech">
        <ANNOTATION>
            <ALIGNABLE_ANNOTATION ANNOTATION_ID="a1" TIME_SLOT_REF1="ts1" TIME_SLOT_REF2="ts5">
                <ANNOTATION_VALUE>one two three</ANNOTATION_VALUE>
            </ALIGNABLE_ANNOTATION>
        </ANNOTATION>
    </TIER>
    <TIER LINGUISTIC_TYPE_REF="words" PARENT_REF="speech" TIER_ID="words">
        <ANNOTATION>
            <ALIGNABLE_ANNOTATION ANNOTATION_ID="a2" TIME_SLOT_REF1="ts1" TIME_SLOT_REF2="ts2">
                <ANNOTATION_VALUE>one</ANNOTATION_VALUE>
            </ALIGNABLE_ANNOTATION>
        </ANNOTATION>
        <ANNOTATION>
            <ALIGNABLE_ANNOTATION ANNOTATION_ID="a3" TIME_SLOT_REF1="ts2" TIME_SLOT_REF2="ts3">
                <ANNOTATION_VALUE>two</ANNOTATION_VALUE>
            </ALIGNABLE_ANNOTATION>
        </ANNOTATION>
        <ANNOTATION>
            <ALIGNABLE_ANNOTATION ANNOTATION_ID="a4" TIME_SLOT_REF1="ts3" TIME_SLOT_REF2="ts5">
                <ANNOTATION_VALUE>three</ANNOTATION_VALUE>
            </ALIGNABLE_ANNOTATION>
        </ANNOTATION>
    </TIER>
    <LINGUISTIC_TYPE GRAPHIC_REFERENCES="false" LINGUISTIC_TYPE_ID="utterance" TIME_ALIGNABLE="true"/>
    <LINGUISTIC_TYPE CONSTRAINTS="Time_Subdivision" GRAPHIC_REFERENCES="false" \
LINGUISTIC_TYPE_ID="words" TIME_ALIGNABLE="true"/>
</ANNOTATION_DOCUMENT>
"""


def test_unaligned_boundaries_are_spaced_evenly_along_their_chain(tmp_path: Path) -> None:
    # ts4 (1000 ms) sits after the unaligned slots in TIME_ORDER, as ELAN writes it: their
    # times come from the chain ts1 -> ts2 -> ts3 -> ts5 (1000 to 2200 ms), not from the order.
    path = write_text(tmp_path, UNALIGNED, "words.eaf")
    result = read_eaf(path, CLIP.info.times(), LABEL_NAMES, new_labels=True)
    assert [(s.label, s.start_frame, s.end_frame, s.note) for s in result.segments] == [
        ("speech", 25, 55, "one two three"),
        ("words", 25, 35, "one"),  # 1000-1400 ms
        ("words", 35, 45, "two"),  # 1400-1800 ms
        ("words", 45, 55, "three"),  # 1800-2200 ms
    ]


def _annotation_with_two_notes_tiers(tmp_path: Path) -> Path:
    """A ``laughter`` tier whose first annotation has a note on each of two notes tiers,
    and whose second has a value that is not the label's name plus one note."""
    eaf = Eaf(author="someone")
    eaf.remove_tier("default")
    eaf.add_linguistic_type("note", constraints="Symbolic_Association", timealignable=False)
    eaf.add_tier("laughter")
    eaf.add_annotation("laughter", 0, 400, "laughter")
    eaf.add_annotation("laughter", 400, 800, "giggles")
    eaf.add_tier("laughter notes", ling="note", parent="laughter")
    eaf.add_ref_annotation("laughter notes", "laughter", 200, "both laugh")
    eaf.add_ref_annotation("laughter notes", "laughter", 600, "quietly")
    eaf.add_tier("laughter extra notes", ling="note", parent="laughter")
    eaf.add_ref_annotation("laughter extra notes", "laughter", 200, "then the horse")
    path = tmp_path / "notes.eaf"
    eaf.to_file(str(path))
    return path


def test_several_notes_on_one_annotation_are_joined_with_line_breaks(tmp_path: Path) -> None:
    """docs/formats.md: a value that is not the label's name goes in the note, and each note
    of a "<tier> notes" tier follows it on a line of its own, in the order of the tiers."""
    result = read_eaf(_annotation_with_two_notes_tiers(tmp_path), CLIP.info.times(), LABEL_NAMES)
    assert [(s.label, s.start_frame, s.end_frame, s.note) for s in result.segments] == [
        ("laughter", 0, 10, "both laugh\nthen the horse"),
        ("laughter", 10, 20, "giggles\nquietly"),
    ]
    assert all("eaf_dependents" not in s.attributes() for s in result.segments)  # notes, not dependents


def test_unaligned_slots_get_whole_milliseconds_rounded_down(tmp_path: Path) -> None:
    from annotator.formats.eaf.document import parse_eaf

    text = UNALIGNED.replace('TIME_SLOT_ID="ts5" TIME_VALUE="2200"', 'TIME_SLOT_ID="ts5" TIME_VALUE="2000"')
    words = next(
        tier for tier in parse_eaf(write_text(tmp_path, text, "w.eaf")).tiers if tier.name == "words"
    )
    assert [(a.value, a.start_ms, a.end_ms) for a in words.alignable] == [
        ("one", 1000, 1333),
        ("two", 1333, 1666),
        ("three", 1666, 2000),
    ]
    assert all(type(a.start_ms) is int and type(a.end_ms) is int for a in words.alignable)


def test_a_chain_with_no_aligned_end_stays_unaligned(tmp_path: Path) -> None:
    from annotator.formats.eaf.document import parse_eaf

    text = UNALIGNED.replace('TIME_SLOT_ID="ts5" TIME_VALUE="2200"', 'TIME_SLOT_ID="ts5"')
    words = next(
        tier for tier in parse_eaf(write_text(tmp_path, text, "w.eaf")).tiers if tier.name == "words"
    )
    assert [(a.start_ms, a.end_ms) for a in words.alignable] == [(1000, None), (None, None), (None, None)]


@pytest.mark.parametrize(
    "refs", ['TIME_SLOT_REF1="ts9" TIME_SLOT_REF2="ts5"', 'TIME_SLOT_REF1="ts1" TIME_SLOT_REF2="ts9"']
)
def test_an_annotation_on_a_time_slot_that_does_not_exist_is_refused(tmp_path: Path, refs: str) -> None:
    from annotator.formats.eaf.document import parse_eaf

    text = UNALIGNED.replace('TIME_SLOT_REF1="ts1" TIME_SLOT_REF2="ts5"', refs)
    with pytest.raises(EafImportError) as caught:
        parse_eaf(write_text(tmp_path, text, "w.eaf"))
    assert (
        str(caught.value)
        == "w.eaf, tier 'speech': annotation 'a1' refers to time slot 'ts9', which does not exist"
    )


def test_a_mapped_dependent_tier_labels_every_annotation_whatever_its_value(tmp_path: Path) -> None:
    text = UNALIGNED.replace(
        "<ANNOTATION_VALUE>two</ANNOTATION_VALUE>", "<ANNOTATION_VALUE></ANNOTATION_VALUE>"
    )
    text = text.replace(
        "<ANNOTATION_VALUE>three</ANNOTATION_VALUE>", "<ANNOTATION_VALUE>driving</ANNOTATION_VALUE>"
    )
    path = write_text(tmp_path, text, "words.eaf")
    result = read_eaf(path, CLIP.info.times(), LABEL_NAMES, {"words": "laughter", "speech": ""})
    assert [(s.label, s.start_frame, s.end_frame, s.note) for s in result.segments] == [
        ("laughter", 25, 35, "one"),
        ("laughter", 35, 45, ""),
        ("laughter", 45, 55, "driving"),
    ]


SYMBOLIC = """<?xml version="1.0" encoding="UTF-8"?>
<ANNOTATION_DOCUMENT AUTHOR="" DATE="2024-01-01T00:00:00+01:00" FORMAT="3.0" VERSION="3.0">
    <HEADER MEDIA_FILE="" TIME_UNITS="milliseconds"/>
    <TIME_ORDER>
        <TIME_SLOT TIME_SLOT_ID="ts1" TIME_VALUE="0"/>
        <TIME_SLOT TIME_SLOT_ID="ts2" TIME_VALUE="400"/>
    </TIME_ORDER>
    <TIER LINGUISTIC_TYPE_REF="utterance" TIER_ID="laughter">
        <ANNOTATION><ALIGNABLE_ANNOTATION ANNOTATION_ID="a1" TIME_SLOT_REF1="ts1" TIME_SLOT_REF2="ts2">
            <ANNOTATION_VALUE>laughter</ANNOTATION_VALUE></ALIGNABLE_ANNOTATION></ANNOTATION>
    </TIER>
    <TIER LINGUISTIC_TYPE_REF="sym" PARENT_REF="laughter" TIER_ID="gloss">
        <ANNOTATION><REF_ANNOTATION ANNOTATION_ID="r1" ANNOTATION_REF="a1">
            <ANNOTATION_VALUE>ha</ANNOTATION_VALUE></REF_ANNOTATION></ANNOTATION>
    </TIER>
    <TIER LINGUISTIC_TYPE_REF="sym" PARENT_REF="gloss" TIER_ID="pos">
        <ANNOTATION><REF_ANNOTATION ANNOTATION_ID="r2" ANNOTATION_REF="r1">
            <ANNOTATION_VALUE>INTJ</ANNOTATION_VALUE></REF_ANNOTATION></ANNOTATION>
    </TIER>
    <TIER LINGUISTIC_TYPE_REF="sym" PARENT_REF="pos" TIER_ID="feature">
        <ANNOTATION><REF_ANNOTATION ANNOTATION_ID="r3" ANNOTATION_REF="r2">
            <ANNOTATION_VALUE>loud</ANNOTATION_VALUE></REF_ANNOTATION></ANNOTATION>
    </TIER>
    <TIER LINGUISTIC_TYPE_REF="sym" PARENT_REF="feature" TIER_ID="loop">
        <ANNOTATION><REF_ANNOTATION ANNOTATION_ID="r4" ANNOTATION_REF="r5">
            <ANNOTATION_VALUE>x</ANNOTATION_VALUE></REF_ANNOTATION></ANNOTATION>
        <ANNOTATION><REF_ANNOTATION ANNOTATION_ID="r5" ANNOTATION_REF="r4">
            <ANNOTATION_VALUE>y</ANNOTATION_VALUE></REF_ANNOTATION></ANNOTATION>
    </TIER>
    <LINGUISTIC_TYPE LINGUISTIC_TYPE_ID="utterance" TIME_ALIGNABLE="true"/>
    <LINGUISTIC_TYPE CONSTRAINTS="Symbolic_Subdivision" LINGUISTIC_TYPE_ID="sym" TIME_ALIGNABLE="false"/>
</ANNOTATION_DOCUMENT>
"""


@pytest.mark.timeout(60)
def test_dependents_three_deep_are_kept_and_a_loop_of_references_ends(tmp_path: Path) -> None:
    result = read_eaf(write_text(tmp_path, SYMBOLIC, "deep.eaf"), CLIP.info.times(), LABEL_NAMES)
    (segment,) = result.segments
    assert segment.attributes()["eaf_dependents"] == {"gloss": "ha", "pos": "INTJ", "feature": "loud"}
    assert result.skipped == (
        "tier 'loop': 2 values of annotations that were not imported skipped (first: 'r4')",
    )


def test_dependents_three_deep_are_kept_when_nothing_else_refers(tmp_path: Path) -> None:
    start = SYMBOLIC.index('    <TIER LINGUISTIC_TYPE_REF="sym" PARENT_REF="feature" TIER_ID="loop">')
    end = SYMBOLIC.index("    <LINGUISTIC_TYPE ")
    text = SYMBOLIC[:start] + SYMBOLIC[end:]
    result = read_eaf(write_text(tmp_path, text, "deep.eaf"), CLIP.info.times(), LABEL_NAMES)
    (segment,) = result.segments
    assert segment.attributes()["eaf_dependents"] == {"gloss": "ha", "pos": "INTJ", "feature": "loud"}
    assert result.skipped == ()

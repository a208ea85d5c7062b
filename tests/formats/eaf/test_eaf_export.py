"""EAF export: valid against the EAF 3.0 schema, and pympi reads the same tiers, values,
times and notes; times in ms come from the frame table, not from ``n / fps``."""

from __future__ import annotations

import io
import warnings
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from exchange_helpers import CLIP, LABELS, NTSC_CLIP, PHONE, eaf_text, expected_ms, write_text
from lxml import etree

from annotator.domain.label import Label
from annotator.domain.segment import Segment
from annotator.domain.video import Video
from annotator.formats.eaf.writer import write_eaf

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from pympi.Elan import Eaf

SCHEMA = etree.XMLSchema(etree.parse(str(Path("/work/shared/formats/EAFv3.0.xsd"))))


def _segments(video: Video) -> list[Segment]:
    last = video.info.frame_count
    return [
        Segment(video.id, 10, 0, 3, note="first & <best>\nsecond line"),
        Segment(video.id, 10, 2, 5),  # overlaps the first: goes to "driving (2)"
        Segment(video.id, 10, 5, 7, note="touches, so back on the first tier"),
        Segment(video.id, 12, 3, 4),
        Segment(video.id, 11, last - 2, last, note="\x01control characters dropped"),
    ]


def _export(tmp_path: Path, video: Video) -> Path:
    return write_text(tmp_path, eaf_text(video, _segments(video), "./my clip.mp4"), "out.eaf")


@pytest.mark.parametrize("video", [CLIP, NTSC_CLIP, PHONE], ids=["25fps", "29.97", "vfr"])
def test_the_file_validates_against_the_schema(tmp_path: Path, video: Video) -> None:
    document = etree.parse(str(_export(tmp_path, video)))
    assert SCHEMA.validate(document), SCHEMA.error_log


@pytest.mark.parametrize("video", [CLIP, NTSC_CLIP, PHONE], ids=["25fps", "29.97", "vfr"])
def test_pympi_reads_back_tiers_values_and_times(tmp_path: Path, video: Video) -> None:
    eaf = Eaf(str(_export(tmp_path, video)))
    last = video.info.frame_count

    def span(start: int, end: int, value: str) -> tuple[int, int, str]:
        return (expected_ms(video, start), expected_ms(video, end), value)

    assert list(eaf.get_tier_names()) == [
        "driving",
        "driving notes",
        "driving (2)",
        "laughter",
        "laughter notes",
        "Gift exchange",
    ]
    assert sorted(eaf.get_annotation_data_for_tier("driving")) == [
        span(0, 3, "driving"),
        span(5, 7, "driving"),
    ]
    assert eaf.get_annotation_data_for_tier("driving (2)") == [span(2, 5, "driving")]
    assert eaf.get_annotation_data_for_tier("Gift exchange") == [span(3, 4, "Gift exchange")]
    assert eaf.get_annotation_data_for_tier("laughter") == [span(last - 2, last, "laughter")]
    notes = sorted(eaf.get_ref_annotation_data_for_tier("driving notes"))
    assert notes == [
        (*span(0, 3, "first & <best>\nsecond line"), "driving"),
        (*span(5, 7, "touches, so back on the first tier"), "driving"),
    ]
    assert eaf.get_ref_annotation_data_for_tier("laughter notes")[0][2] == "control characters dropped"
    assert eaf.get_parameters_for_tier("driving notes")["PARENT_REF"] == "driving"


def test_times_come_from_the_frame_table_not_the_frame_rate(tmp_path: Path) -> None:
    eaf = Eaf(str(_export(tmp_path, PHONE)))
    # Frame 3 of the VFR phone clip is 133.333 ms after the first frame (3 / 30 fps = 100 ms);
    # the 0.033 s start time is not added.
    assert eaf.get_annotation_data_for_tier("Gift exchange") == [(133, 150, "Gift exchange")]
    assert eaf.get_annotation_data_for_tier("driving")[0][:2] == (0, 133)


def test_ntsc_times_round_half_up(tmp_path: Path) -> None:
    eaf = Eaf(str(_export(tmp_path, NTSC_CLIP)))
    # t(3) = 100.1 ms, t(4) = 133.4667 ms, t(5) = 166.833 ms; t(7) = 233.567 ms
    assert eaf.get_annotation_data_for_tier("Gift exchange") == [(100, 133, "Gift exchange")]
    assert eaf.get_annotation_data_for_tier("driving (2)") == [(67, 167, "driving")]


def test_vocabulary_type_and_media(tmp_path: Path) -> None:
    eaf = Eaf(str(_export(tmp_path, CLIP)))
    assert eaf.linguistic_types["label"]["CONTROLLED_VOCABULARY_REF"] == "labels"
    assert eaf.linguistic_types["note"]["CONSTRAINTS"] == "Symbolic_Association"
    entries = eaf.get_cv_entries("labels")
    assert sorted(values[0][0][0] for values in entries.values()) == sorted(label.name for label in LABELS)
    described = {values[0][0][0]: values[0][0][2] for values in entries.values()}
    assert described["laughter"] == "both laugh & <smile>"
    assert [
        tier["LINGUISTIC_TYPE_REF"] for tier in map(eaf.get_parameters_for_tier, ["driving", "laughter"])
    ] == [
        "label",
        "label",
    ]
    media = eaf.media_descriptors[0]
    assert media["RELATIVE_MEDIA_URL"] == "./my%20clip.mp4"
    assert media["MIME_TYPE"] == "video/mp4"


def test_every_label_gets_a_tier_even_without_segments(tmp_path: Path) -> None:
    eaf = Eaf(str(write_text(tmp_path, eaf_text(CLIP, []), "empty.eaf")))
    assert list(eaf.get_tier_names()) == [label.name for label in LABELS]
    assert SCHEMA.validate(etree.parse(str(tmp_path / "empty.eaf")))


def test_a_segment_of_another_video_or_an_unknown_label_is_refused_by_name() -> None:
    with pytest.raises(ValueError, match="belongs to video 2"):
        eaf_text(CLIP, [Segment(NTSC_CLIP.id, 10, 0, 3)])
    unknown = Segment(CLIP.id, 99, 0, 3)
    with pytest.raises(KeyError, match=rf"segment {unknown.id}: label 99 is not among the labels"):
        eaf_text(CLIP, [Segment(CLIP.id, 10, 0, 3), unknown])


def test_the_media_url_is_relative_to_the_eaf_as_elan_writes_it(tmp_path: Path) -> None:
    from annotator.formats.eaf.writer import relative_media_url

    (tmp_path / "media").mkdir()
    clip = tmp_path / "media" / "clip.mp4"
    assert relative_media_url(tmp_path / "media" / "out.eaf", clip) == "./clip.mp4"
    assert relative_media_url(tmp_path / "out.eaf", clip) == "./media/clip.mp4"
    assert relative_media_url(tmp_path / "exports" / "out.eaf", clip) == "../media/clip.mp4"


def _tree(text: str) -> etree._Element:
    return etree.fromstring(text.encode("utf-8"))


def test_each_annotation_refers_to_the_vocabulary_entry_of_its_label() -> None:
    root = _tree(eaf_text(CLIP, _segments(CLIP)))
    entries = {entry.get("CVE_ID"): entry.findtext("CVE_VALUE") for entry in root.iter("CV_ENTRY_ML")}
    assert sorted(entries.values()) == sorted(label.name for label in LABELS)
    annotations = list(root.iter("ALIGNABLE_ANNOTATION"))
    assert len(annotations) == 5
    for annotation in annotations:
        assert entries[annotation.get("CVE_REF")] == annotation.findtext("ANNOTATION_VALUE")


def test_the_language_is_declared_undetermined() -> None:
    (language,) = _tree(eaf_text(CLIP, [])).iter("LANGUAGE")
    assert dict(language.attrib) == {
        "LANG_DEF": "http://cdb.iso.org/lg/CDB-00130975-001",
        "LANG_ID": "und",
        "LANG_LABEL": "undetermined (und)",
    }


@pytest.mark.parametrize(
    ("name", "mime"),
    [
        ("clip.mp4", "video/mp4"),
        ("CLIP.MOV", "video/quicktime"),
        ("clip.mkv", "video/*"),
        ("clip", "video/*"),
    ],
)
def test_the_media_type_follows_the_file_name(name: str, mime: str) -> None:
    video = replace(CLIP, path=f"media/{name}")
    (media,) = _tree(eaf_text(video, [])).iter("MEDIA_DESCRIPTOR")
    assert media.get("MIME_TYPE") == mime


def test_a_value_with_only_a_less_than_sign_is_escaped(tmp_path: Path) -> None:
    text = eaf_text(CLIP, [Segment(CLIP.id, 10, 0, 3, note="speed < 30")])
    assert "speed &lt; 30" in text
    assert [element.text for element in _tree(text).iter("ANNOTATION_VALUE")] == ["driving", "speed < 30"]
    assert SCHEMA.validate(etree.parse(str(write_text(tmp_path, text, "lt.eaf"))))


def test_the_document_is_dated_now_in_utc() -> None:
    before = datetime.now(UTC).replace(microsecond=0)
    written = datetime.fromisoformat(_tree(eaf_text(CLIP, [])).get("DATE"))
    assert written.utcoffset() == timedelta(0)
    assert before <= written <= datetime.now(UTC)


def test_segments_of_one_label_at_the_same_times_go_on_two_tiers() -> None:
    twice = [Segment(CLIP.id, 10, 5, 9, annotator="ana"), Segment(CLIP.id, 10, 5, 9, annotator="ben")]
    root = _tree(eaf_text(CLIP, twice))
    counts = {tier.get("TIER_ID"): len(tier.findall("ANNOTATION")) for tier in root.iter("TIER")}
    assert counts == {"driving": 1, "driving (2)": 1, "laughter": 0, "Gift exchange": 0}


def test_a_notes_tier_name_taken_by_labels_gets_the_next_free_number() -> None:
    labels = [
        Label(name="driving", id=1),
        Label(name="driving notes", id=2, order=1),
        Label(name="driving notes 2", id=3, order=2),
    ]
    out = io.StringIO()
    write_eaf(out, CLIP, "./clip.mp4", labels, [Segment(CLIP.id, 1, 0, 3, note="n")])
    tiers = [(tier.get("TIER_ID"), tier.get("PARENT_REF")) for tier in _tree(out.getvalue()).iter("TIER")]
    assert tiers == [
        ("driving", None),
        ("driving notes 3", "driving"),
        ("driving notes", None),
        ("driving notes 2", None),
    ]


def test_control_characters_anywhere_are_left_out(tmp_path: Path) -> None:
    """In a label's name and description as in a note: ELAN (and any XML reader) refuses them."""
    labels = [replace(label, name=label.name + "\x07", description="bell\x07") if label.id == 10 else label
              for label in LABELS]  # fmt: skip
    out = io.StringIO()
    write_eaf(out, CLIP, "./clip.mp4", labels, [Segment(CLIP.id, 10, 0, 3, note="a\x0bb")])
    document = etree.parse(str(write_text(tmp_path, out.getvalue(), "bell.eaf")))
    assert SCHEMA.validate(document), SCHEMA.error_log
    assert "\x07" not in out.getvalue()
    assert [element.text for element in document.iter("ANNOTATION_VALUE")] == ["driving", "ab"]


def test_quotes_and_ampersands_in_a_label_name_survive_the_attributes(tmp_path: Path) -> None:
    labels = [replace(label, name='the "wave" & co') if label.id == 10 else label for label in LABELS]
    out = io.StringIO()
    write_eaf(out, CLIP, "./clip.mp4", labels, [Segment(CLIP.id, 10, 0, 3)])
    document = etree.parse(str(write_text(tmp_path, out.getvalue(), "quotes.eaf")))
    assert SCHEMA.validate(document), SCHEMA.error_log
    assert 'the "wave" & co' in {tier.get("TIER_ID") for tier in document.iter("TIER")}
    assert 'TIER_ID="the &quot;wave&quot; &amp; co"' in out.getvalue()

"""The real-world check: a file ELAN itself wrote (data/elan_sample_excerpt.eaf, origin and
licence in its header) imports onto the right frames, with its values kept.

It has two top-level tiers ("text", "gestures" with a controlled vocabulary), a time
subdivision whose inner slots are unaligned and listed out of time order, an Included_In
tier, a symbolic subdivision and a symbolic association under it. At 25 fps a time of
``ms`` milliseconds is frame ``ms * 25 // 1000`` (every time here falls on a frame start).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from exchange_helpers import CLIP, LABEL_NAMES

from annotator.domain.label import Vocabulary
from annotator.formats.eaf.document import EafImportError
from annotator.formats.eaf.reader import read_eaf
from annotator.project import exchange
from annotator.project.project import Project
from annotator.resources import vocabulary_path

ELAN_FILE = Path(__file__).parent / "data" / "elan_sample_excerpt.eaf"


def frame(ms: int) -> int:
    return ms * 25 // 1000


def rows(result) -> list[tuple[str, int, int, str]]:
    return [(s.label, s.start_frame, s.end_frame, s.note) for s in result.segments]


def test_unknown_tiers_are_refused_naming_the_file_and_the_tier() -> None:
    with pytest.raises(
        EafImportError, match=r"^elan_sample_excerpt\.eaf, tier 'text': no label for the values"
    ):
        read_eaf(ELAN_FILE, CLIP.info.times(), LABEL_NAMES)


def test_mapped_tiers_land_on_their_frames_with_values_and_dependents_kept() -> None:
    result = read_eaf(ELAN_FILE, CLIP.info.times(), LABEL_NAMES, {"text": "laughter", "gestures": "driving"})
    assert rows(result) == [
        ("laughter", frame(8000), frame(11000), "The quick brown fox 003"),
        ("driving", frame(7800), frame(8400), "hold"),
        ("driving", frame(9000), frame(9600), "stroke"),
        ("driving", frame(10200), frame(10800), "hold"),
    ]
    utterance = result.segments[0].attributes()
    assert utterance == {
        "eaf_tier": "text",
        "eaf_annotation": "a3",
        "eaf_dependents": {"words-symsub": "The quick brown fox 003"},  # words-pos: all empty
    }
    assert result.segments[1].attributes() == {"eaf_tier": "gestures", "eaf_annotation": "a4396"}
    assert result.skipped == (
        "tier 'words-timesub': 5 annotations of a dependent tier (of 'text') skipped (first: 'a410')",
        "tier 'gest_included': 3 annotations of a dependent tier (of 'text') skipped (first: 'a5593')",
    )


def test_new_labels_take_every_tier_and_the_unaligned_words_get_elans_times() -> None:
    result = read_eaf(ELAN_FILE, CLIP.info.times(), LABEL_NAMES, new_labels=True)
    assert result.new_labels == ("text", "words-timesub", "gestures", "gest_included")
    # a3 spans 8000-11000 ms; its five words share it evenly (600 ms each), as ELAN shows them.
    words = [(s.start_frame, s.end_frame, s.note) for s in result.segments if s.label == "words-timesub"]
    assert words == [
        (frame(8000), frame(8600), "The"),
        (frame(8600), frame(9200), "quick"),
        (frame(9200), frame(9800), "brown"),
        (frame(9800), frame(10400), "fox"),
        (frame(10400), frame(11000), "003"),
    ]
    included = [(s.start_frame, s.end_frame, s.note) for s in result.segments if s.label == "gest_included"]
    assert included == [
        (frame(8000), frame(8400), "hold"),
        (frame(9000), frame(9600), "hold"),
        (frame(10200), frame(10800), "stroke"),
    ]
    assert result.skipped == ()


def test_the_project_import_stores_them_with_new_labels(tmp_path: Path) -> None:
    with Project.create(tmp_path / "p", Vocabulary.load(vocabulary_path("state-tv"))) as project:
        project.store.add_video(CLIP.path, CLIP.fingerprint, CLIP.info)
        report = exchange.import_file(project, ELAN_FILE, new_labels=True)
        assert (report.segments, report.labels) == (12, 4)
        store = project.store
        stored = {
            (store.label(s.label_id).name, s.start_frame, s.end_frame, s.note) for s in store.segments()
        }
        assert ("gestures", frame(9000), frame(9600), "stroke") in stored
        assert ("words-timesub", frame(9200), frame(9800), "brown") in stored
        (utterance,) = [s for s in store.segments() if s.attributes.get("eaf_annotation") == "a3"]
        assert utterance.attributes["eaf_dependents"] == {"words-symsub": "The quick brown fox 003"}

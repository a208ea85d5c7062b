"""What an ELAN file cannot be imported for, said whole: the place, the value, the labels
(the first eight of the state-tv vocabulary's nine, then how many in all)."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest
from exchange_helpers import CLIP

from annotator.domain.label import Vocabulary
from annotator.formats.eaf.document import EafImportError
from annotator.formats.eaf.reader import read_eaf
from annotator.resources import vocabulary_path

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from pympi.Elan import Eaf

NAMES = [label.name for label in Vocabulary.load(vocabulary_path("state-tv")).labels]
LABELS = (
    "'driver swap', 'laughter', 'animal interaction', 'gift exchange', 'conversation', 'driving', "
    "'vehicle showcase', 'greeting/handshake', ... (9 in all)"
)


def _refusal(tmp_path: Path, tiers: dict[str, list[str]], mapping: dict[str, str] | None = None) -> str:
    eaf = Eaf(author="someone")
    eaf.remove_tier("default")
    for tier, values in tiers.items():
        eaf.add_tier(tier)
        for n, value in enumerate(values):
            eaf.add_annotation(tier, 400 * n, 400 * n + 400, value)
    path = tmp_path / "x.eaf"
    eaf.to_file(str(path))
    with pytest.raises(EafImportError) as caught:
        read_eaf(path, CLIP.info.times(), NAMES, mapping)
    return str(caught.value)


def test_a_mapping_to_a_label_that_does_not_exist(tmp_path: Path) -> None:
    message = _refusal(tmp_path, {"gesture": ["prep"]}, {"gesture": "dancing"})
    assert message == f"x.eaf, mapping 'gesture': no label 'dancing' to map to (labels: {LABELS})"


@pytest.mark.parametrize(
    ("values", "more"), [(["driving"], ""), (["driving", "greeting/handshake"], " (1 more such annotations)")]
)
def test_a_value_naming_another_label_than_its_tier(tmp_path: Path, values: list[str], more: str) -> None:
    assert _refusal(tmp_path, {"laughter": values}) == (
        "x.eaf, tier 'laughter': annotation 'a2' has the value 'driving' but the tier names the label "
        f"'laughter': map the tier 'laughter' or the value 'driving' to one of {LABELS}{more}"
    )


@pytest.mark.parametrize(
    ("values", "named"), [(["giggle"], "value 'giggle'"), (["giggle", "smirk"], "values 'giggle', 'smirk'")]
)
def test_values_no_label_matches(tmp_path: Path, values: list[str], named: str) -> None:
    assert _refusal(tmp_path, {"mood": values}) == (
        f"x.eaf, tier 'mood': no label for the {named}: map each tier or value to a label ({LABELS}) "
        "or to nothing to skip it, or make new labels for them"
    )

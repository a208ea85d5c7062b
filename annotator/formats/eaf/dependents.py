"""The values of an EAF file's symbolic dependent tiers, gathered onto the segments.

ELAN hangs translations, glosses, word splits and parts of speech off an annotation as
``REF_ANNOTATION``s on dependent tiers, possibly several levels deep (a part of speech of
a word of an utterance). Each value is followed up the references to the time-aligned
annotation at the root, and kept in that segment's attributes as
``{"eaf_dependents": {tier: "values, space separated"}}``. Our own ``"<tier> notes"`` tiers
give notes instead (see :mod:`annotator.formats.eaf.reader`).
"""

from __future__ import annotations

from collections.abc import Iterable

from annotator.formats.eaf.document import Tier

Dependents = tuple[tuple[str, str], ...]


def is_notes(tier: Tier) -> bool:
    """A ``"<...> notes"`` tier of references: our export's notes."""
    return bool(tier.parent) and tier.name.strip().casefold().endswith("notes") and not tier.alignable


def notes_of(tiers: Iterable[Tier]) -> dict[str, str]:
    """Annotation id -> its notes (several joined with a line break)."""
    notes: dict[str, str] = {}
    for tier in tiers:
        if is_notes(tier):
            for _, referred, value in tier.references:
                notes[referred] = f"{notes[referred]}\n{value}" if referred in notes else value
    return notes


def gather(tiers: Iterable[Tier], roots: set[str]) -> tuple[dict[str, Dependents], dict[str, list[str]]]:
    """``(dependents per root annotation id, ids of reference annotations per tier whose
    root is not among ``roots``)``, for every symbolic tier that is not a notes tier."""
    symbolic = [tier for tier in tiers if tier.references and not is_notes(tier)]
    referred = {ref_id: target for tier in symbolic for ref_id, target, _ in tier.references}
    values: dict[str, dict[str, list[str]]] = {}
    lost: dict[str, list[str]] = {}
    for tier in symbolic:
        for ref_id, target, value in tier.references:
            root = _root(target, referred)
            if root not in roots:
                lost.setdefault(tier.name, []).append(ref_id)
            elif value.strip():
                values.setdefault(root, {}).setdefault(tier.name, []).append(value.strip())
    found = {
        root: tuple((name, " ".join(words)) for name, words in by_tier.items())
        for root, by_tier in values.items()
    }
    return found, lost


def _root(annotation_id: str, referred: dict[str, str]) -> str:
    """Follow references up to an annotation that refers to none (a time-aligned one)."""
    seen = 0
    while annotation_id in referred and seen <= len(referred):
        annotation_id = referred[annotation_id]
        seen += 1
    return annotation_id

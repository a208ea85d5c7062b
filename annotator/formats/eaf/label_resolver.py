"""Which project label an EAF annotation gets: by mapping, tier name or value.

Rules, first match wins (names compare regardless of case and surrounding spaces):

1. ``mapping[tier name]``: every annotation of the tier gets that label (``""``: skip it);
2. ``mapping[annotation value]``: that label (``""``: skip the annotation);
3. the tier is named after a label: that label; if the value names *another* label,
   it is ambiguous and refused, listing both choices;
4. the value names a label (a "generic" tier, e.g. ``default`` or ``driving (2)``);
5. otherwise the value is unknown and refused, listing the labels to map it to.

Ambiguities and unknowns are gathered over the whole file and refused together.

With ``new_labels`` (ELAN users arrive with their own tier names), what rule 5 would refuse
gets a new label instead: a tier none of whose values names or is mapped to a label becomes
a label named after the tier (its values are then kept in the notes); an unknown value on a
tier whose other values do name labels becomes a label named after the value.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

from annotator.formats.eaf.document import EafImportError
from annotator.formats.errors import listing

SKIP = ""


def _fold(name: str) -> str:
    return name.strip().casefold()


class LabelResolver:
    """Resolves tiers and values to project label names, remembering what it could not."""

    def __init__(
        self,
        path: Path,
        label_names: Iterable[str],
        mapping: Mapping[str, str] | None,
        new_labels: bool = False,
    ) -> None:
        self._path = path
        self._make_new = new_labels
        self.new_labels: list[str] = []
        self._names = list(label_names)
        self._labels = {_fold(name): name for name in self._names}
        self._mapping: dict[str, str] = {}
        for key, target in (mapping or {}).items():
            if target.strip() and _fold(target) not in self._labels:
                reason = f"no label {target!r} to map to (labels: {listing(self._names)})"
                raise EafImportError(path, f"mapping {key!r}", reason)
            self._mapping[_fold(key)] = self._labels[_fold(target)] if target.strip() else SKIP
        self._unknown: dict[str, str] = {}
        self._ambiguous: list[tuple[str, str, str, str]] = []

    def for_tier(self, tier: str, values: Iterable[str] = ()) -> tuple[str | None, bool]:
        """``(label, explicit)``: the tier's label (``SKIP``, or ``None`` when its values
        decide), and whether it decides for every annotation (a mapping or a new label)."""
        folded = _fold(tier)
        if folded in self._mapping:
            return self._mapping[folded], True
        named = self._labels.get(folded)
        if named is not None or not self._make_new:
            return named, False
        if any(_fold(value) in self._mapping or _fold(value) in self._labels for value in values):
            return None, False  # its values name labels: they decide, unknown ones become new
        return self._new(tier), True

    def for_dependent(self, tier: str) -> str | None:
        """The label of a time-aligned dependent tier, which becomes segments only when
        the mapping names it or ``new_labels`` is on (``None``: skip it)."""
        folded = _fold(tier)
        if folded in self._mapping:
            return self._mapping[folded]
        return self._new(tier) if self._make_new else None

    def _new(self, name: str) -> str:
        """The label made for ``name`` (an existing one if a label already has the name)."""
        folded = _fold(name)
        if folded not in self._labels:
            self._labels[folded] = name.strip()
            self.new_labels.append(name.strip())
        return self._labels[folded]

    def for_value(self, tier: str, tier_label: str | None, value: str, annotation_id: str) -> str | None:
        """The label of one annotation on a tier that is not mapped explicitly (``None``:
        unknown or ambiguous, reported by :meth:`check`)."""
        folded = _fold(value)
        if folded in self._mapping:
            return self._mapping[folded]
        named = self._labels.get(folded)
        if tier_label is not None:
            if named is not None and named != tier_label:
                self._ambiguous.append((tier, annotation_id, value, tier_label))
                return None
            return tier_label
        if named is None and self._make_new and value.strip():
            return self._new(value)
        if named is None:
            self._unknown.setdefault(value.strip(), tier)
        return named

    def check(self) -> None:
        """Refuse the file if any tier or value had no label, or two."""
        if self._ambiguous:
            tier, annotation_id, value, tier_label = self._ambiguous[0]
            more = len(self._ambiguous) - 1
            reason = (
                f"annotation {annotation_id!r} has the value {value!r} but the tier names the label "
                f"{tier_label!r}: map the tier {tier!r} or the value {value!r} to one of "
                f"{listing(self._names)}" + (f" ({more} more such annotations)" if more else "")
            )
            raise EafImportError(self._path, f"tier {tier!r}", reason)
        if self._unknown:
            value, tier = next(iter(self._unknown.items()))
            values = listing(list(self._unknown))
            reason = (
                f"no label for the value{'s' if len(self._unknown) > 1 else ''} {values}: map each "
                f"tier or value to a label ({listing(self._names)}) or to nothing to skip it, or make "
                "new labels for them"
            )
            raise EafImportError(self._path, f"tier {tier!r}", reason)

"""Parse an EAF file into plain tiers, refusing what is not a readable ELAN document.

ELAN leaves the inner boundaries of a time subdivision unaligned (a ``TIME_SLOT`` without
``TIME_VALUE``): it shows them evenly spaced between the aligned slots at the ends of the
chain of annotations that share them. :func:`parse_eaf` gives them the same times (whole
milliseconds, rounded down), so those annotations land where ELAN draws them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple, NoReturn
from xml.etree import ElementTree as ET

from annotator.formats.errors import FormatImportError, read_text_file

_NO_SLOT: Any = object()


class EafImportError(FormatImportError):
    """An EAF file that cannot be imported; nothing from it was taken."""


class Alignable(NamedTuple):
    """A time-aligned annotation; ``start_ms``/``end_ms`` are ``None`` when unaligned.

    A named tuple, not a dataclass: a large file holds 100,000 of them."""

    id: str
    start_ms: int | None
    end_ms: int | None
    value: str


@dataclass
class Tier:
    name: str
    parent: str
    alignable: list[Alignable] = field(default_factory=list)
    #: ``(annotation id, referred annotation id, value)`` of each reference annotation.
    references: list[tuple[str, str, str]] = field(default_factory=list)


@dataclass
class EafDocument:
    tiers: list[Tier]
    media_urls: tuple[str, ...]


def parse_eaf(path: Path) -> EafDocument:
    """The tiers of the EAF file at ``path`` (or :class:`EafImportError`)."""
    text = read_text_file(path, EafImportError)
    stripped = text.lstrip()
    if stripped.startswith(("{", "[")):
        raise EafImportError(
            path, "line 1", "this is JSON, not EAF (a project .json? import it with format json)"
        )
    try:
        root = ET.fromstring(text)
    except ET.ParseError as exc:
        line, column = exc.position
        reason = f"not well-formed XML: {str(exc).split(':')[0]} (column {column + 1})"
        raise EafImportError(path, f"line {line}", reason) from None
    if root.tag != "ANNOTATION_DOCUMENT":
        raise EafImportError(path, "", f"not an ELAN annotation document (its root element is <{root.tag}>)")
    _check_units(root, path)
    slots = _slots(root, path)
    tiers = [_tier(element, slots, path) for element in root.iter("TIER")]
    media = tuple(
        d.get("RELATIVE_MEDIA_URL") or d.get("MEDIA_URL") or "" for d in root.iter("MEDIA_DESCRIPTOR")
    )
    return EafDocument(tiers, media)


def _check_units(root: ET.Element, path: Path) -> None:
    header = root.find("HEADER")
    units = "milliseconds" if header is None else header.get("TIME_UNITS", "milliseconds")
    if units != "milliseconds":
        raise EafImportError(path, "HEADER", f"time units {units!r} are not supported (only milliseconds)")


def _slots(root: ET.Element, path: Path) -> dict[str, int | None]:
    slots: dict[str, int | None] = {}
    for slot in root.iter("TIME_SLOT"):
        slot_id, value = slot.get("TIME_SLOT_ID", ""), slot.get("TIME_VALUE")
        if value is None:
            slots[slot_id] = None
        elif value.isdecimal():
            slots[slot_id] = int(value)
        else:
            raise EafImportError(
                path, f"time slot {slot_id!r}", f"TIME_VALUE {value!r} is not whole milliseconds"
            )
    return slots


def _tier(element: ET.Element, slots: dict[str, int | None], path: Path) -> Tier:
    tier = Tier(element.get("TIER_ID", ""), element.get("PARENT_REF", ""))
    alignable = tier.alignable
    # The hot loop of an import (one pass per annotation): look-ups bound to locals.
    append, known = alignable.append, slots.get
    for annotation in element.iter("ALIGNABLE_ANNOTATION"):
        get = annotation.get
        start, end = get("TIME_SLOT_REF1", ""), get("TIME_SLOT_REF2", "")
        start_ms, end_ms = known(start, _NO_SLOT), known(end, _NO_SLOT)
        if start_ms is _NO_SLOT or end_ms is _NO_SLOT:
            _missing_slot(tier, get("ANNOTATION_ID", ""), start if start not in slots else end, path)
        append(Alignable(get("ANNOTATION_ID", ""), start_ms, end_ms, _value(annotation)))
    if any(a.start_ms is None or a.end_ms is None for a in alignable):
        _chained_times(element, slots, alignable)
    for annotation in element.iter("REF_ANNOTATION"):
        reference = (
            annotation.get("ANNOTATION_ID", ""),
            annotation.get("ANNOTATION_REF", ""),
            _value(annotation),
        )
        tier.references.append(reference)
    return tier


def _chained_times(element: ET.Element, slots: dict[str, int | None], alignable: list[Alignable]) -> None:
    """Give ``alignable`` (the annotations of ``element``, in order) the times of their
    unaligned boundaries, spread evenly along each chain of shared slots."""
    refs = [
        (a.get("TIME_SLOT_REF1", ""), a.get("TIME_SLOT_REF2", ""))
        for a in element.iter("ALIGNABLE_ANNOTATION")
    ]
    ends = dict(refs)
    times = dict(slots)
    for first, end in refs:
        if times[first] is not None and times[end] is None:
            _spread(first, ends, times)
    for index, (first, end) in enumerate(refs):
        alignable[index] = alignable[index]._replace(start_ms=times[first], end_ms=times[end])


def _spread(first: str, ends: dict[str, str], times: dict[str, int | None]) -> None:
    """Follow the chain from the aligned slot ``first`` to the next aligned slot and give
    the unaligned slots between them evenly spaced times."""
    chain = [first]
    while chain[-1] in ends and times.get(ends[chain[-1]]) is None and len(chain) <= len(ends):
        chain.append(ends[chain[-1]])
    last = ends.get(chain[-1])
    start, stop = times[first], times.get(last) if last is not None else None
    if start is None or stop is None:
        return  # a chain with no aligned end: its annotations stay unaligned
    steps = len(chain)
    for index, slot in enumerate(chain[1:], 1):
        times[slot] = start + (stop - start) * index // steps


def _missing_slot(tier: Tier, annotation_id: str, slot: str, path: Path) -> NoReturn:
    reason = f"annotation {annotation_id!r} refers to time slot {slot!r}, which does not exist"
    raise EafImportError(path, f"tier {tier.name!r}", reason)


def _value(annotation: ET.Element) -> str:
    value = annotation.find("ANNOTATION_VALUE")
    return "" if value is None or value.text is None else value.text

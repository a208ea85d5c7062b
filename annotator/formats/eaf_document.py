"""Parse an EAF file into plain tiers, refusing what is not a readable ELAN document."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree as ET

from annotator.formats.format_errors import FormatImportError, read_text_file


class EafImportError(FormatImportError):
    """An EAF file that cannot be imported; nothing from it was taken."""


@dataclass(frozen=True)
class Alignable:
    """A time-aligned annotation; ``start_ms``/``end_ms`` are ``None`` when unaligned."""

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
    for annotation in element.iter("ALIGNABLE_ANNOTATION"):
        annotation_id = annotation.get("ANNOTATION_ID", "")
        start, end = annotation.get("TIME_SLOT_REF1", ""), annotation.get("TIME_SLOT_REF2", "")
        for slot in (start, end):
            if slot not in slots:
                reason = f"annotation {annotation_id!r} refers to time slot {slot!r}, which does not exist"
                raise EafImportError(path, f"tier {tier.name!r}", reason)
        tier.alignable.append(Alignable(annotation_id, slots[start], slots[end], _value(annotation)))
    for annotation in element.iter("REF_ANNOTATION"):
        reference = (
            annotation.get("ANNOTATION_ID", ""),
            annotation.get("ANNOTATION_REF", ""),
            _value(annotation),
        )
        tier.references.append(reference)
    return tier


def _value(annotation: ET.Element) -> str:
    value = annotation.find("ANNOTATION_VALUE")
    return "" if value is None or value.text is None else value.text

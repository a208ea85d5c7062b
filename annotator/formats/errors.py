"""Refusals of the JSON and EAF importers, in the CSV importer's style: one message that
names the file and the place (a line, or a field path such as ``segments[12].label``)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

_LISTED = 8


class FormatImportError(ValueError):
    """A file that cannot be imported; nothing from it was taken.

    ``place`` is ``"line 12"``, ``"field segments[3].end_frame"``, ``"tier 'driving'"`` or
    ``""`` for the whole file; the message reads ``"<file name>, <place>: <reason>"``."""

    def __init__(self, path: Path, place: str, reason: str) -> None:
        self.path = path
        self.place = place
        self.reason = reason
        where = f"{path.name}, {place}" if place else path.name
        super().__init__(f"{where}: {reason}")


def listing(items: Sequence[str]) -> str:
    """Up to eight quoted names, then how many there are in all (``"none"`` when empty)."""
    if not items:
        return "none"
    shown = ", ".join(repr(item) for item in items[:_LISTED])
    return shown + (f", ... ({len(items)} in all)" if len(items) > _LISTED else "")


def read_text_file(path: Path, error: type[FormatImportError]) -> str:
    """The file as UTF-8 text (a BOM is dropped), or ``error`` naming what it is instead."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise error(path, "", f"cannot read the file: {exc.strerror or exc}") from None
    if not data.strip(b" \t\r\n\xef\xbb\xbf"):
        raise error(path, "", "the file is empty")
    if b"\x00" in data:
        raise error(path, "", "not a text file (it holds NUL bytes: binary, or UTF-16)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise error(path, f"line {line}", f"not UTF-8 text (byte 0x{data[exc.start]:02x})") from None

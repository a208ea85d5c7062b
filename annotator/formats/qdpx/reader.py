"""REFI-QDA import: what a ``.qdpx`` holds that a video annotator can use.

Read as MAXQDA, QualCoder and NVivo write it: any single ``.qde`` at the zip's root (not
only ``project.qde``); paths ``relative:///`` (to the project's ``basePath``, else to the
.qdpx's folder), ``absolute:///``, ``file://``, ``internal://`` (media inside the zip, which
the import does not use) or a plain path (relative like ``relative:///``). Only
``VideoSource``s are read; every other source is listed in ``skipped`` with its kind and
name. Each ``Coding`` of a ``VideoSelection`` is one coded stretch (a selection coded twice
gives two); a code is found by its GUID at any depth of the code book. Times are integer
milliseconds.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

from annotator.formats.errors import FormatImportError

_VIDEO = "VideoSource"


@dataclass(frozen=True, slots=True)
class QdaCode:
    guid: str
    name: str
    colour: str | None
    description: str


@dataclass(frozen=True, slots=True)
class QdaCoding:
    """A stretch of a video coded with one code."""

    selection_guid: str
    code_guid: str
    begin_ms: int
    end_ms: int
    user: str  # the user's name ("" if unknown)
    note: str


@dataclass(frozen=True)
class QdaVideo:
    guid: str
    name: str
    path: str  # as written: internal://..., relative:///..., absolute:///...
    location: Path | None  # where the file is on this machine, if it can be told
    codings: tuple[QdaCoding, ...]


@dataclass(frozen=True)
class QdaProject:
    codes: dict[str, QdaCode]
    videos: tuple[QdaVideo, ...]
    skipped: tuple[str, ...] = field(default=())


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _children(element: ET.Element, name: str) -> list[ET.Element]:
    return [child for child in element if _local(child.tag) == name]


def _text(element: ET.Element, name: str) -> str:
    found = _children(element, name)
    return (found[0].text or "").strip() if found else ""


def _guid(element: ET.Element, attribute: str = "guid") -> str:
    """A GUID attribute as we compare them: lower case, without braces."""
    return element.get(attribute, "").strip("{}").lower()


def _codes(root: ET.Element) -> dict[str, QdaCode]:
    codes: dict[str, QdaCode] = {}
    for element in root.iter():
        if _local(element.tag) == "Code" and element.get("guid"):
            guid = _guid(element)
            description = _text(element, "Description")
            codes[guid] = QdaCode(guid, element.get("name", ""), element.get("color"), description)
    return codes


def _users(root: ET.Element) -> dict[str, str]:
    listed = [user for users in _children(root, "Users") for user in _children(users, "User")]
    return {_guid(user): user.get("name", "") for user in listed}


def _selection_codings(selection: ET.Element, users: dict[str, str], where: Path) -> list[QdaCoding]:
    try:
        begin, end = int(selection.get("begin", "")), int(selection.get("end", ""))
    except ValueError as error:
        place = f"VideoSelection {selection.get('guid')}"
        raise FormatImportError(where, place, "begin and end must be whole milliseconds") from error
    note = _text(selection, "Description")
    found = []
    for coding in _children(selection, "Coding"):
        refs = _children(coding, "CodeRef")
        if not refs:
            continue
        user = users.get(_guid(coding, "creatingUser") or _guid(selection, "creatingUser"), "")
        found.append(QdaCoding(_guid(selection), _guid(refs[0], "targetGUID"), begin, end, user, note))
    return found


def _location(path: str, base: Path) -> Path | None:
    if path.startswith("relative://"):
        return base / unquote(path.removeprefix("relative://").lstrip("/"))
    if path.startswith("absolute://"):
        return Path("/" + unquote(path.removeprefix("absolute://").lstrip("/")))
    if path.startswith("file://"):
        return Path(unquote(path.removeprefix("file://")))
    return None if path.startswith("internal://") else base / path


def _qde_member(archive: zipfile.ZipFile, where: Path) -> str:
    found = [name for name in archive.namelist() if "/" not in name and name.lower().endswith(".qde")]
    if len(found) != 1:
        raise FormatImportError(where, "", f"a .qdpx holds one .qde at its root; found {len(found)}")
    return found[0]


def _root(path: Path) -> ET.Element:
    """The .qde's root element."""
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as error:
        raise FormatImportError(path, "", f"not a .qdpx (a zip) ({error})") from error
    with archive:
        member = _qde_member(archive, path)
        try:
            root = ET.fromstring(archive.read(member))
        except ET.ParseError as error:
            raise FormatImportError(path, member, f"not well-formed XML ({error})") from error
    if _local(root.tag) != "Project":
        raise FormatImportError(path, member, "the root element is not a REFI-QDA Project")
    return root


def read_qdpx(path: Path) -> QdaProject:
    """The codes and coded videos of a .qdpx (see the module docstring)."""
    root = _root(path)
    base = path.parent / (root.get("basePath") or ".")  # an absolute basePath replaces the folder
    users = _users(root)
    videos, skipped = [], []
    for sources in _children(root, "Sources"):
        for source in sources:
            kind, name = _local(source.tag), source.get("name") or source.get("guid") or "?"
            if kind != _VIDEO:
                skipped.append(f"{kind} {name!r}: not a video")
                continue
            selections = _children(source, "VideoSelection")
            codings = [c for s in selections for c in _selection_codings(s, users, path)]
            where = source.get("path", "")
            videos.append(QdaVideo(_guid(source), name, where, _location(where, base), tuple(codings)))
    return QdaProject(_codes(root), tuple(videos), tuple(skipped))

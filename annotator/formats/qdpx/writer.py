"""REFI-QDA 1.0 export: a ``.qdpx`` (a zip holding ``project.qde``) that MAXQDA, NVivo,
ATLAS.ti and QualCoder open.

What is written (``project.qde`` validates against ``REFI-QDA-Project-1.0.xsd``):

* ``Users``: one ``User`` per annotator (and reviewer) name;
* ``CodeBook``: one codable ``Code`` per label, with its colour and description;
* ``Sources``: one ``VideoSource`` per video, its ``path`` relative to the .qdpx's folder
  (``relative:///...``, the project's ``basePath`` being that folder) or, with embedded
  media, ``internal://<guid>.<ext>`` and the file in the zip's ``Sources/`` folder;
* per segment a ``VideoSelection`` (``begin``/``end`` in integer milliseconds from the
  frame timestamp table, as the EAF and CSV exports compute them) holding one ``Coding``
  whose ``CodeRef`` names the label's ``Code``; the note is its ``Description``.

Ids are stable: the same project exported twice gives the same GUIDs. A segment keeps its
own id where it is a UUID; labels, users and videos get UUIDv5s of their names and
fingerprints, codings and the project too.
"""

from __future__ import annotations

import uuid
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from annotator.domain.label import Label
from annotator.domain.segment import Segment
from annotator.domain.video import Video
from annotator.formats.atomic_text import save_binary
from annotator.formats.video_clock import VideoClock
from annotator.formats.xml_text import xml_safe

NAMESPACE = "urn:QDA-XML:project:1.0"
_IDS = uuid.UUID("8d6f2b1c-4a5e-4c77-9d0e-3f1a2b6c7d8e")


def guid(kind: str, key: str) -> str:
    """A stable GUID for a ``kind`` of thing named ``key``."""
    return str(uuid.uuid5(_IDS, f"{kind}:{key}"))


def segment_guid(segment_id: str) -> str:
    try:
        return str(uuid.UUID(segment_id))
    except ValueError:
        return guid("segment", segment_id)


@dataclass(frozen=True)
class MediaFile:
    """Where the .qdpx says a video is: a path relative to the .qdpx, or a file to embed."""

    relative: str | None = None
    embed: Path | None = None


def _q(tag: str) -> str:
    return f"{{{NAMESPACE}}}{tag}"


def _users(root: ET.Element, names: Sequence[str]) -> None:
    users = ET.SubElement(root, _q("Users"))
    for name in names:
        ET.SubElement(users, _q("User"), guid=guid("user", name), name=name)


def _codebook(root: ET.Element, labels: Sequence[Label]) -> None:
    codes = ET.SubElement(ET.SubElement(root, _q("CodeBook")), _q("Codes"))
    for label in labels:
        code = ET.SubElement(codes, _q("Code"), guid=guid("label", label.name), name=label.name,
                             isCodable="true", color=label.colour)  # fmt: skip
        if label.description:
            ET.SubElement(code, _q("Description")).text = label.description


def _selection(parent: ET.Element, segment: Segment, clock: VideoClock, label: Label) -> None:
    user = {"creatingUser": guid("user", segment.annotator)} if segment.annotator else {}
    begin, end = str(clock.ms(segment.start_frame)), str(clock.ms(segment.end_frame))
    attributes = {"guid": segment_guid(segment.id), "name": label.name, "begin": begin, "end": end, **user}
    selection = ET.SubElement(parent, _q("VideoSelection"), attributes)
    if segment.note:
        ET.SubElement(selection, _q("Description")).text = segment.note
    coding = ET.SubElement(selection, _q("Coding"), {"guid": guid("coding", segment.id), **user})
    ET.SubElement(coding, _q("CodeRef"), targetGUID=guid("label", label.name))


def _sources(
    root: ET.Element,
    videos: Sequence[Video],
    media: Mapping[int, MediaFile],
    labels: Mapping[int, Label],
    segments: Sequence[Segment],
) -> None:
    sources = ET.SubElement(root, _q("Sources"))
    for video in videos:
        source_guid = guid("video", video.fingerprint)
        where = media[video.id]
        path = f"relative:///{where.relative}" if where.embed is None else _internal(source_guid, where.embed)
        source = ET.SubElement(sources, _q("VideoSource"), guid=source_guid, name=video.name, path=path)
        clock = VideoClock(video.info)
        for segment in segments:
            if segment.video_id == video.id:
                _selection(source, segment, clock, labels[segment.label_id])


def _internal(source_guid: str, file: Path) -> str:
    return f"internal://{source_guid}{file.suffix.lower()}"


def project_xml(
    name: str,
    videos: Sequence[Video],
    media: Mapping[int, MediaFile],
    labels: Sequence[Label],
    segments: Sequence[Segment],
) -> bytes:
    """``project.qde``: the XML of the whole project (see the module docstring)."""
    ET.register_namespace("", NAMESPACE)
    root = ET.Element(_q("Project"), name=name, origin="Annotator", basePath=".")
    users = sorted({s.annotator for s in segments if s.annotator})
    if users:
        _users(root, users)
    by_id = {label.id: label for label in labels if label.id is not None}
    if labels:
        _codebook(root, labels)
    if videos:
        _sources(root, videos, media, by_id, segments)
    ET.indent(root)
    # Characters XML cannot hold (a control character pasted into a note, say) are left out:
    # ElementTree would write them as they are, and no tool could read the file.
    text = xml_safe(ET.tostring(root, encoding="unicode"))
    return f"<?xml version='1.0' encoding='utf-8'?>\n{text}".encode()


def write_qdpx(
    out: BinaryIO,
    name: str,
    videos: Sequence[Video],
    media: Mapping[int, MediaFile],
    labels: Sequence[Label],
    segments: Sequence[Segment],
) -> int:
    """The .qdpx zip to ``out``; returns the number of selections written."""
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("project.qde", project_xml(name, videos, media, labels, segments))
        for video in videos:
            embed = media[video.id].embed
            if embed is not None:
                target = _internal(guid("video", video.fingerprint), embed).removeprefix("internal://")
                archive.write(embed, f"Sources/{target}", compress_type=zipfile.ZIP_STORED)
    return len(segments)


def save_qdpx(path: Path, name: str, videos: Sequence[Video], media: Mapping[int, MediaFile],
              labels: Sequence[Label], segments: Sequence[Segment]) -> int:  # fmt: skip
    """Write the .qdpx to ``path`` atomically (a temporary file renamed when complete)."""
    return save_binary(path, lambda out: write_qdpx(out, name, videos, media, labels, segments))

"""ELAN EAF 3.0 export: one tier per label, the labels as a controlled vocabulary.

What is written (it validates against ``EAFv3.0.xsd``; ``pympi.Elan.Eaf`` reads it):

* ``MEDIA_DESCRIPTOR`` with ``RELATIVE_MEDIA_URL`` (relative to the .eaf, percent-encoded)
  and ``MEDIA_URL`` (``file://`` URI of ``media_path`` when given, else the relative URL);
* ``TIME_ORDER``: one ``TIME_SLOT`` per distinct time, in integer milliseconds from the
  first frame: ``t(start_frame)`` and ``t(end_frame)`` from the frame timestamp table,
  rounded half up (:meth:`VideoClock.ms`, the same as the CSV seconds);
* one ``TIER`` per label (``TIER_ID`` = label name, type ``label`` which refers to the
  controlled vocabulary ``labels``); a segment is an ``ALIGNABLE_ANNOTATION`` whose value
  (and ``CVE_REF``) is its label. ELAN does not allow overlapping annotations on a tier,
  so overlapping segments of one label go to extra tiers ``"<label> (2)"``, ``(3)``...;
* the note of a segment is a ``REF_ANNOTATION`` on the dependent tier ``"<tier> notes"``
  (type ``note``, ``Symbolic_Association``: one note per annotation, moved with it);
  such a tier exists only when a segment of that tier has a note;
* ``CONTROLLED_VOCABULARY`` ``labels``: one ``CV_ENTRY_ML`` per label, the description as
  the entry's ``DESCRIPTION`` (language ``und``).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath
from typing import TextIO
from urllib.parse import quote
from xml.etree import ElementTree as ET

from annotator.domain.label import Label
from annotator.domain.segment import Segment
from annotator.domain.video import Video
from annotator.formats.atomic_text import save_text
from annotator.formats.eaf_tiers import TierPlan, plan_tiers, xml_safe
from annotator.formats.video_clock import VideoClock

LABEL_TYPE = "label"
NOTE_TYPE = "note"
CV_ID = "labels"
_XSI = "http://www.w3.org/2001/XMLSchema-instance"
_SCHEMA = "http://www.mpi.nl/tools/elan/EAFv3.0.xsd"
_CONSTRAINTS = (
    ("Time_Subdivision", "Time subdivision of parent annotation's time interval, no time gaps allowed"),
    ("Symbolic_Subdivision", "Symbolic subdivision of a parent annotation"),
    ("Symbolic_Association", "1-1 association with a parent annotation"),
    ("Included_In", "Time alignable annotations within the parent annotation's time interval"),
)
_MIME = {".mp4": "video/mp4", ".m4v": "video/mp4", ".mov": "video/quicktime", ".mpg": "video/mpeg"}


def write_eaf(
    out: TextIO,
    video: Video,
    media_relative_url: str,
    labels: Iterable[Label],
    segments: Iterable[Segment],
    *,
    media_path: Path | None = None,
    author: str = "Annotator",
    now: datetime | None = None,
) -> int:
    """Write ``video``'s ``segments`` as an EAF 3.0 document to ``out``; return how many.

    ``labels`` need their ids; all of them become tiers and vocabulary entries.
    ``media_relative_url`` is the video's path relative to the .eaf (POSIX separators,
    see :func:`relative_media_url`). A segment of another video raises ``ValueError``."""
    label_list = list(labels)
    clock = VideoClock(video.info)
    plan = plan_tiers(label_list, _timed(segments, video, clock))
    root = _document(author, now or datetime.now(UTC))
    root.append(_header(video, media_relative_url, media_path, plan.last_annotation_id))
    root.append(_time_order(plan.slot_ms))
    for tier in plan.tiers:
        root.append(_tier(tier))
    _declarations(root, label_list)
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    ET.ElementTree(root).write(out, encoding="unicode")
    out.write("\n")
    return plan.annotation_count


def save_eaf(path: Path, video: Video, labels: Iterable[Label], segments: Iterable[Segment]) -> int:
    """:func:`write_eaf` into ``path`` atomically, with the media URL relative to it
    (``video.path`` relative paths are taken from the current directory)."""
    media = Path(video.path).resolve()
    url = relative_media_url(path, media)
    return save_text(path, lambda out: write_eaf(out, video, url, labels, segments, media_path=media))


def relative_media_url(eaf_path: Path, media_path: Path) -> str:
    """``media_path`` relative to the folder of ``eaf_path``, as ELAN writes it (``./a.mp4``)."""
    relative = PurePosixPath(
        Path(os.path.relpath(media_path.resolve(), eaf_path.resolve().parent)).as_posix()
    )
    text = str(relative)
    return text if text.startswith("../") else f"./{text}"


def _timed(segments: Iterable[Segment], video: Video, clock: VideoClock) -> list[tuple[int, int, Segment]]:
    timed = []
    for segment in segments:
        if segment.video_id != video.id:
            raise ValueError(f"segment {segment.id} belongs to video {segment.video_id}, not {video.name}")
        if segment.end_frame > clock.frame_count:
            raise ValueError(f"segment {segment.id} ends past the last frame of {video.name}")
        start_ms = clock.ms(segment.start_frame)
        # Frames shorter than a millisecond could round to an empty annotation, which ELAN refuses.
        timed.append((start_ms, max(clock.ms(segment.end_frame), start_ms + 1), segment))
    return timed


def _document(author: str, now: datetime) -> ET.Element:
    ET.register_namespace("xsi", _XSI)
    return ET.Element(
        "ANNOTATION_DOCUMENT",
        {
            "AUTHOR": author,
            "DATE": now.isoformat(timespec="seconds"),
            "FORMAT": "3.0",
            "VERSION": "3.0",
            f"{{{_XSI}}}noNamespaceSchemaLocation": _SCHEMA,
        },
    )


def _header(video: Video, relative_url: str, media_path: Path | None, last_id: int) -> ET.Element:
    header = ET.Element("HEADER", {"MEDIA_FILE": "", "TIME_UNITS": "milliseconds"})
    relative = quote(relative_url, safe="/.")
    absolute = media_path.resolve().as_uri() if media_path is not None else relative
    mime = _MIME.get(PurePosixPath(video.name).suffix.lower(), "video/*")
    attributes = {"MEDIA_URL": absolute, "MIME_TYPE": mime, "RELATIVE_MEDIA_URL": relative}
    ET.SubElement(header, "MEDIA_DESCRIPTOR", attributes)
    ET.SubElement(header, "PROPERTY", {"NAME": "lastUsedAnnotationId"}).text = str(last_id)
    return header


def _time_order(slot_ms: Sequence[int]) -> ET.Element:
    order = ET.Element("TIME_ORDER")
    for index, ms in enumerate(slot_ms, 1):
        ET.SubElement(order, "TIME_SLOT", {"TIME_SLOT_ID": f"ts{index}", "TIME_VALUE": str(ms)})
    return order


def _tier(tier: TierPlan) -> ET.Element:
    attributes = {"LINGUISTIC_TYPE_REF": NOTE_TYPE if tier.parent else LABEL_TYPE, "TIER_ID": tier.name}
    if tier.parent:
        attributes["PARENT_REF"] = tier.parent
    element = ET.Element("TIER", attributes)
    sub = ET.SubElement
    for annotation in tier.annotations:
        wrapper = sub(element, "ANNOTATION")
        if tier.parent:
            inner = sub(
                wrapper, "REF_ANNOTATION", {"ANNOTATION_ID": annotation.id, "ANNOTATION_REF": annotation.ref}
            )
        else:
            inner = sub(
                wrapper,
                "ALIGNABLE_ANNOTATION",
                {
                    "ANNOTATION_ID": annotation.id,
                    "TIME_SLOT_REF1": annotation.slot1,
                    "TIME_SLOT_REF2": annotation.slot2,
                    "CVE_REF": annotation.ref,
                },
            )
        sub(inner, "ANNOTATION_VALUE").text = annotation.value
    return element


def _declarations(root: ET.Element, labels: list[Label]) -> None:
    """Linguistic types, language, constraints and the vocabulary, in the schema's order."""
    sub = ET.SubElement
    type_attributes = {
        "GRAPHIC_REFERENCES": "false",
        "LINGUISTIC_TYPE_ID": LABEL_TYPE,
        "TIME_ALIGNABLE": "true",
    }
    sub(root, "LINGUISTIC_TYPE", {**type_attributes, "CONTROLLED_VOCABULARY_REF": CV_ID})
    note_type = {"LINGUISTIC_TYPE_ID": NOTE_TYPE, "TIME_ALIGNABLE": "false"}
    sub(
        root,
        "LINGUISTIC_TYPE",
        {"CONSTRAINTS": "Symbolic_Association", "GRAPHIC_REFERENCES": "false", **note_type},
    )
    language = {
        "LANG_DEF": "http://cdb.iso.org/lg/CDB-00130975-001",
        "LANG_ID": "und",
        "LANG_LABEL": "undetermined (und)",
    }
    sub(root, "LANGUAGE", language)
    for stereotype, description in _CONSTRAINTS:
        sub(root, "CONSTRAINT", {"DESCRIPTION": description, "STEREOTYPE": stereotype})
    vocabulary = sub(root, "CONTROLLED_VOCABULARY", {"CV_ID": CV_ID})
    sub(vocabulary, "DESCRIPTION", {"LANG_REF": "und"}).text = "Annotator labels"
    for index, label in enumerate(labels, 1):
        entry = sub(vocabulary, "CV_ENTRY_ML", {"CVE_ID": f"cve{index}"})
        value = {"DESCRIPTION": xml_safe(label.description), "LANG_REF": "und"}
        sub(entry, "CVE_VALUE", value).text = label.name

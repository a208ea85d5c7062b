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
import re
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath
from typing import TextIO
from urllib.parse import quote

from annotator.domain.label import Label
from annotator.domain.segment import Segment
from annotator.domain.video import Video
from annotator.formats.eaf.tier_plan import TierPlan, plan_tiers
from annotator.formats.video_clock import VideoClock
from annotator.formats.xml_text import xml_safe

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
_SPECIAL = re.compile('[&<>"\r\n\t]')
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
    see :func:`relative_media_url`). A segment of another video raises ``ValueError``.

    The XML is written as text, every value escaped by :func:`_attr` / :func:`_text` (an
    ElementTree of 600,000 elements took seconds to build and serialise); the tests
    validate the output against the schema and read it back with pympi."""
    label_list = list(labels)
    clock = VideoClock(video.info)
    plan = plan_tiers(label_list, _timed(segments, video, clock))
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    out.write(_document(author, now or datetime.now(UTC)))
    out.write(_header(video, media_relative_url, media_path, plan.last_annotation_id))
    _write_time_order(out, plan.slot_ms)
    for tier in plan.tiers:
        _write_tier(out, tier)
    out.write(_declarations(label_list))
    out.write("</ANNOTATION_DOCUMENT>\n")
    return plan.annotation_count


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


def _attr(value: str) -> str:
    """``value`` escaped for a double-quoted attribute (line breaks and tabs kept as such),
    without the characters XML cannot hold."""
    value = xml_safe(value)
    if not _SPECIAL.search(value):
        return value
    return (
        value.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("\r", "&#13;")
        .replace("\n", "&#10;")
        .replace("\t", "&#09;")
    )


def _text(value: str) -> str:
    """``value`` escaped for element content, without the characters XML cannot hold."""
    value = xml_safe(value)
    if "&" in value or "<" in value or ">" in value:
        return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return value


def _element(tag: str, attributes: dict[str, str], text: str | None = None) -> str:
    pairs = "".join(f' {name}="{_attr(value)}"' for name, value in attributes.items())
    return f"<{tag}{pairs} />" if not text else f"<{tag}{pairs}>{_text(text)}</{tag}>"


def _document(author: str, now: datetime) -> str:
    return (
        f'<ANNOTATION_DOCUMENT xmlns:xsi="{_XSI}" AUTHOR="{_attr(author)}" '
        f'DATE="{now.isoformat(timespec="seconds")}" FORMAT="3.0" VERSION="3.0" '
        f'xsi:noNamespaceSchemaLocation="{_SCHEMA}">'
    )


def _header(video: Video, relative_url: str, media_path: Path | None, last_id: int) -> str:
    relative = quote(relative_url, safe="/.")
    absolute = media_path.resolve().as_uri() if media_path is not None else relative
    mime = _MIME.get(PurePosixPath(video.name).suffix.lower(), "video/*")
    attributes = {"MEDIA_URL": absolute, "MIME_TYPE": mime, "RELATIVE_MEDIA_URL": relative}
    return (
        '<HEADER MEDIA_FILE="" TIME_UNITS="milliseconds">'
        + _element("MEDIA_DESCRIPTOR", attributes)
        + _element("PROPERTY", {"NAME": "lastUsedAnnotationId"}, str(last_id))
        + "</HEADER>"
    )


def _write_time_order(out: TextIO, slot_ms: Sequence[int]) -> None:
    if not slot_ms:
        out.write("<TIME_ORDER />")
        return
    out.write("<TIME_ORDER>")
    out.write(
        "".join(f'<TIME_SLOT TIME_SLOT_ID="ts{n}" TIME_VALUE="{ms}" />' for n, ms in enumerate(slot_ms, 1))
    )
    out.write("</TIME_ORDER>")


def _write_tier(out: TextIO, tier: TierPlan) -> None:
    # Ids ("a12", "ts3", "cve2") are ours and need no escaping; names and values do.
    name = _attr(tier.name)
    if tier.parent:
        start = f'<TIER LINGUISTIC_TYPE_REF="{NOTE_TYPE}" TIER_ID="{name}" PARENT_REF="{_attr(tier.parent)}"'
    else:
        start = f'<TIER LINGUISTIC_TYPE_REF="{LABEL_TYPE}" TIER_ID="{name}"'
    if not tier.annotations:
        out.write(start + " />")
        return
    out.write(start + ">")
    if tier.parent:
        rows = (
            f'<ANNOTATION><REF_ANNOTATION ANNOTATION_ID="{a.id}" ANNOTATION_REF="{a.ref}">'
            f"{_value(a.value)}</REF_ANNOTATION></ANNOTATION>"
            for a in tier.annotations
        )
    else:
        rows = (
            f'<ANNOTATION><ALIGNABLE_ANNOTATION ANNOTATION_ID="{a.id}" TIME_SLOT_REF1="{a.slot1}" '
            f'TIME_SLOT_REF2="{a.slot2}" CVE_REF="{a.ref}">{_value(a.value)}'
            "</ALIGNABLE_ANNOTATION></ANNOTATION>"
            for a in tier.annotations
        )
    out.write("".join(rows))
    out.write("</TIER>")


def _value(text: str) -> str:
    return f"<ANNOTATION_VALUE>{_text(text)}</ANNOTATION_VALUE>" if text else "<ANNOTATION_VALUE />"


def _declarations(labels: list[Label]) -> str:
    """Linguistic types, language, constraints and the vocabulary, in the schema's order."""
    parts = [
        _element(
            "LINGUISTIC_TYPE",
            {
                "GRAPHIC_REFERENCES": "false",
                "LINGUISTIC_TYPE_ID": LABEL_TYPE,
                "TIME_ALIGNABLE": "true",
                "CONTROLLED_VOCABULARY_REF": CV_ID,
            },
        ),
        _element(
            "LINGUISTIC_TYPE",
            {
                "CONSTRAINTS": "Symbolic_Association",
                "GRAPHIC_REFERENCES": "false",
                "LINGUISTIC_TYPE_ID": NOTE_TYPE,
                "TIME_ALIGNABLE": "false",
            },
        ),
        _element(
            "LANGUAGE",
            {
                "LANG_DEF": "http://cdb.iso.org/lg/CDB-00130975-001",
                "LANG_ID": "und",
                "LANG_LABEL": "undetermined (und)",
            },
        ),
    ]
    for stereotype, description in _CONSTRAINTS:
        parts.append(_element("CONSTRAINT", {"DESCRIPTION": description, "STEREOTYPE": stereotype}))
    parts.append(f'<CONTROLLED_VOCABULARY CV_ID="{CV_ID}">')
    parts.append('<DESCRIPTION LANG_REF="und">Annotator labels</DESCRIPTION>')
    for index, label in enumerate(labels, 1):
        value = _element("CVE_VALUE", {"DESCRIPTION": label.description, "LANG_REF": "und"}, label.name)
        parts.append(f'<CV_ENTRY_ML CVE_ID="cve{index}">{value}</CV_ENTRY_ML>')
    parts.append("</CONTROLLED_VOCABULARY>")
    return "".join(parts)

"""REFI-QDA export at the format level: the whole project.qde of a small project (users,
code book, sources, selections), GUIDs that are stable, unique and referenced correctly,
exact times on variable frame rate, text XML cannot hold left out, and the zip's members."""

from __future__ import annotations

import uuid
from fractions import Fraction
from pathlib import Path

from csv_helpers import CLIP, NTSC_CLIP, PHONE, VFR_PTS
from lxml import etree

from annotator.domain.label import Label
from annotator.domain.segment import Segment
from annotator.formats.qdpx.writer import MediaFile, project_xml

SCHEMA = etree.XMLSchema(etree.parse(str(Path("/work/shared/formats/REFI-QDA-Project-1.0.xsd"))))
NS = {"q": "urn:QDA-XML:project:1.0"}
Q = "{urn:QDA-XML:project:1.0}"

LAUGHTER = Label("laughter", "#ff7f0e", description="both laugh & <smile>", id=11)
DRIVING = Label("driving", "#1f77b4", id=10)
ANA = Label("ana", "#2ca02c", id=12)  # a label named like an annotator
LABELS = [DRIVING, LAUGHTER, ANA]
FIRST = str(uuid.UUID("6f1c3a52-0d4e-4b7a-9c1d-2e3f4a5b6c7d"))
SEGMENTS = [
    Segment(CLIP.id, 11, 10, 35, id=FIRST.upper(), annotator="ana", note="both laugh"),
    Segment(CLIP.id, 10, 40, 100, id="row-7"),
    Segment(NTSC_CLIP.id, 11, 1, 31, id="row-8", annotator="ben"),
    Segment(PHONE.id, 12, 1, len(VFR_PTS), id="row-9", annotator="ana", note='tré, "quoted" <ok>'),
]
MEDIA = {
    CLIP.id: MediaFile(relative="media/clip.mp4"),
    NTSC_CLIP.id: MediaFile(relative="../elsewhere/ntsc.mp4"),
    PHONE.id: MediaFile(relative="phone/vfr.mp4"),
}


def document(
    segments: list[Segment] = SEGMENTS, labels: list[Label] = LABELS, name: str = "Kim's visit"
) -> etree._Element:
    written = project_xml(name, [CLIP, NTSC_CLIP, PHONE], MEDIA, labels, segments)
    root = etree.fromstring(written)
    SCHEMA.assertValid(root)
    return root


def ms(seconds: Fraction) -> str:
    return str(int(seconds * 1000 + Fraction(1, 2)))


def test_characters_xml_cannot_hold_are_left_out() -> None:
    # A note pasted from a PDF, a name with an escape character: the file still opens.
    odd = Label("la\x1bughter", "#ff7f0e", description="a\x0cb", id=11)
    segment = Segment(
        CLIP.id, 11, 10, 35, id="row-1", annotator="an\x01a", note="line\x0bone\ud800 two\ttabs"
    )
    root = document(segments=[segment], labels=[odd])
    assert root.find(".//q:User", NS).get("name") == "ana"  # type: ignore[union-attr]
    (code,) = root.iterfind(".//q:Code", NS)
    assert (code.get("name"), code.findtext("q:Description", namespaces=NS)) == ("laughter", "ab")
    (selection,) = root.iterfind(".//q:VideoSelection", NS)
    assert selection.findtext("q:Description", namespaces=NS) == "lineone two\ttabs"
    assert selection.get("name") == "laughter"

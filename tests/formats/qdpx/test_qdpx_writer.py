"""REFI-QDA export at the format level: the whole project.qde of a small project (users,
code book, sources, selections), GUIDs that are stable, unique and referenced correctly,
exact times on variable frame rate, text XML cannot hold left out, and the zip's members."""

from __future__ import annotations

import io
import uuid
import zipfile
from fractions import Fraction
from pathlib import Path

from csv_helpers import CLIP, NTSC_CLIP, PHONE, VFR_PTS, VFR_TIME_BASE
from lxml import etree

from annotator.domain.label import Label
from annotator.domain.segment import Segment
from annotator.formats.qdpx.writer import MediaFile, project_xml, save_qdpx, segment_guid, write_qdpx

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


def test_the_document_is_the_project() -> None:
    written = project_xml("Kim's visit", [CLIP, NTSC_CLIP, PHONE], MEDIA, LABELS, SEGMENTS)
    assert written.startswith(
        b"<?xml version='1.0' encoding='utf-8'?>\n<Project xmlns=\"urn:QDA-XML:project:1.0\""
    )
    root = document()
    assert dict(root.attrib) == {"name": "Kim's visit", "origin": "Annotator", "basePath": "."}
    assert [child.tag for child in root] == [Q + "Users", Q + "CodeBook", Q + "Sources"]
    assert [(u.get("name")) for u in root.iterfind("q:Users/q:User", NS)] == ["ana", "ben"]
    codes = [(c.get("name"), c.get("color"), c.get("isCodable"), c.findtext("q:Description", namespaces=NS))
             for c in root.iterfind("q:CodeBook/q:Codes/q:Code", NS)]  # fmt: skip
    assert codes == [
        ("driving", "#1f77b4", "true", None),
        ("laughter", "#ff7f0e", "true", "both laugh & <smile>"),
        ("ana", "#2ca02c", "true", None),
    ]
    sources = [(s.get("name"), s.get("path")) for s in root.iterfind("q:Sources/q:VideoSource", NS)]
    assert sources == [
        ("clip.mp4", "relative:///media/clip.mp4"),
        ("ntsc.mp4", "relative:///../elsewhere/ntsc.mp4"),
        ("vfr.mp4", "relative:///phone/vfr.mp4"),
    ]
    rows = [
        [(s.get("name"), s.get("begin"), s.get("end"), s.findtext("q:Description", namespaces=NS))
         for s in source.iterfind("q:VideoSelection", NS)]
        for source in root.iterfind("q:Sources/q:VideoSource", NS)
    ]  # fmt: skip
    ntsc = Fraction(1001, 30000)
    phone_end = (PHONE.info.times().end_pts - VFR_PTS[0]) * VFR_TIME_BASE
    assert rows == [
        [("laughter", "400", "1400", "both laugh"), ("driving", "1600", "4000", None)],
        [("laughter", ms(ntsc), ms(31 * ntsc), None)],
        [("ana", ms((VFR_PTS[1] - VFR_PTS[0]) * VFR_TIME_BASE), ms(phone_end), 'tré, "quoted" <ok>')],
    ]
    assert rows[2][0][1:3] == ("33", "417")  # the frame table's times: 12 frames at 30 fps end at 400


def test_every_reference_names_what_it_should() -> None:
    root = document()
    user_of = {u.get("guid"): u.get("name") for u in root.iterfind(".//q:User", NS)}
    code_of = {c.get("guid"): c.get("name") for c in root.iterfind(".//q:Code", NS)}
    selections = root.findall(".//q:VideoSelection", NS)
    by_segment = dict(zip((s.id for s in SEGMENTS), selections, strict=True))
    for segment, selection in zip(SEGMENTS, selections, strict=True):
        (coding,) = selection.iterfind("q:Coding", NS)
        (ref,) = coding.iterfind("q:CodeRef", NS)
        assert code_of[ref.get("targetGUID")] == selection.get("name")
        for element in (selection, coding):
            assert user_of.get(element.get("creatingUser")) == (segment.annotator or None)
    assert "creatingUser" not in by_segment["row-7"].attrib


def test_guids_are_unique_and_stable_and_a_segment_keeps_its_uuid() -> None:
    root = document()
    guids = [e.get("guid") for e in root.iter() if e.get("guid")]
    assert len(guids) == len(set(guids)) == 2 + 3 + 3 + 2 * len(SEGMENTS)  # "ana" the user and the label
    assert all(str(uuid.UUID(g)) == g for g in guids)
    selection_guids = [s.get("guid") for s in root.iterfind(".//q:VideoSelection", NS)]
    assert selection_guids[0] == FIRST  # the segment's own id, in the canonical form
    assert segment_guid("row-7") == selection_guids[1] != segment_guid("row-8") == selection_guids[2]
    # The same GUIDs as every earlier version wrote: a tool that merges projects by GUID
    # sees a re-export of the same project as the same codes, users, sources and codings.
    first = {tag: root.find(f".//q:{tag}", NS).get("guid") for tag in ("User", "Code", "VideoSource")}  # type: ignore[union-attr]
    assert first == {
        "User": "c82c964f-7fc3-5443-9ca6-ccdfd58fadf9",  # ana
        "Code": "36eb54a0-9637-5e84-a767-73412af03765",  # driving
        "VideoSource": "aadf1507-d637-566c-9591-814c5418d17a",  # fingerprint fp1
    }
    assert selection_guids[1] == "96224277-56ff-593c-b0af-e0075c3c1f78"  # segment row-7
    assert root.find(".//q:Coding", NS).get("guid") == "76e3c79a-1ab7-5350-acf8-5deacace7877"  # type: ignore[union-attr]


def test_only_what_there_is_gets_written() -> None:
    bare = document(segments=[Segment(CLIP.id, 10, 0, 5, id="row-1")])
    assert [child.tag for child in bare] == [Q + "CodeBook", Q + "Sources"]  # no annotator: no Users
    (selection,) = bare.iterfind(".//q:VideoSelection", NS)
    assert selection.find("q:Description", NS) is None
    assert len(bare.findall(".//q:VideoSource", NS)) == 3  # a video without segments still listed
    empty = etree.fromstring(project_xml("empty", [], {}, [], []))
    SCHEMA.assertValid(empty)
    assert len(empty) == 0


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


def test_the_zip_holds_the_document_and_the_embedded_media(tmp_path: Path, clip_25fps: Path) -> None:
    upper = tmp_path / "CLIP.MP4"
    upper.write_bytes(clip_25fps.read_bytes())
    media = {**MEDIA, CLIP.id: MediaFile(embed=upper)}
    out = io.BytesIO()
    assert write_qdpx(out, "p", [CLIP, NTSC_CLIP], media, LABELS, SEGMENTS[:3]) == 3
    with zipfile.ZipFile(out) as archive:
        root = etree.fromstring(archive.read("project.qde"))
        SCHEMA.assertValid(root)
        paths = [s.get("path") for s in root.iterfind(".//q:VideoSource", NS)]
        assert paths[1] == "relative:///../elsewhere/ntsc.mp4"
        guid = root.find(".//q:VideoSource", NS).get("guid")  # type: ignore[union-attr]
        assert paths[0] == f"internal://{guid}.mp4"
        member = f"Sources/{guid}.mp4"
        assert archive.namelist() == ["project.qde", member]
        assert archive.read(member) == clip_25fps.read_bytes()
        # The video as it is (compressing it gains nothing), the XML compressed.
        assert archive.getinfo(member).compress_type == zipfile.ZIP_STORED
        assert archive.getinfo("project.qde").compress_type == zipfile.ZIP_DEFLATED


def test_save_writes_the_file_whole(tmp_path: Path) -> None:
    target = tmp_path / "out.qdpx"
    target.write_bytes(b"an older export")
    assert save_qdpx(target, "p", [CLIP, NTSC_CLIP, PHONE], MEDIA, LABELS, SEGMENTS) == 4
    with zipfile.ZipFile(target) as archive:
        assert archive.read("project.qde") == project_xml(
            "p", [CLIP, NTSC_CLIP, PHONE], MEDIA, LABELS, SEGMENTS
        )
    assert [p.name for p in tmp_path.iterdir()] == ["out.qdpx"]

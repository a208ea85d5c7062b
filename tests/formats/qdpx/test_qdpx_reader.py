"""REFI-QDA import at the format level: what is read from the shapes MAXQDA, QualCoder and
NVivo write (GUIDs in any case and braces, nested codes, users on the coding or the
selection, every kind of path), what is left out, and bad files refused in one line."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from annotator.formats.errors import FormatImportError
from annotator.formats.qdpx.reader import QdaCode, QdaCoding, QdaProject, QdaVideo, read_qdpx

U1, U2 = "5E0F3C2A-1B4D-4E6F-8A9B-0C1D2E3F4A5B", "7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d"
U3 = "0a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d"
C1, C2, C3, C4, C5 = (f"c0de000{n}-0000-4000-8000-00000000000{n}" for n in range(1, 6))
V1, V2 = "AAAA0001-0000-4000-8000-000000000001", "aaaa0002-0000-4000-8000-000000000002"
S1, S2, S3 = (f"5e1e000{n}-0000-4000-8000-00000000000{n}" for n in range(1, 4))

MAXQDA_STYLE = f"""<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="Interviews" origin="MAXQDA" BASE_PATH>
  <Users>
    <User guid="{{{U1}}}" name="Colin"/>
    <User guid="{U2}" name="Dana"/>
    <User guid="{U3}"/>
  </Users>
  <CodeBook><Codes>
    <Code guid="{{{C1.upper()}}}" name="Emotions" isCodable="false">
      <Description>  feelings, shown  </Description>
      <Code guid="{C2}" name="Laughter" isCodable="true" color="#F80"><Description/></Code>
    </Code>
    <Code guid="{C3}" name="Handshake" isCodable="true" color="#12ab34">
      <Code guid="{C4}" name="Firm" isCodable="true"><Code name="no guid: not a code"/></Code>
    </Code>
    <Code guid="{C5}" isCodable="true"/>
  </Codes></CodeBook>
  <Sources>
    <TextSource guid="t1" name="transcript.txt"/>
    <AudioSource guid="a1"/>
    <PDFSource/>
    <VideoSource guid="{{{V1}}}" name="interview.mp4" path="relative:///clips/my%20interview.mp4">
      <VideoSelection guid="{{{S1.upper()}}}" name="a" begin="400" end="1000" creatingUser="{U2}">
        <Description>  big laugh  </Description>
        <Coding guid="g1" creatingUser="{{{U1}}}"><CodeRef targetGUID="{{{C2.upper()}}}"/></Coding>
        <Coding guid="g3"/>
        <Coding guid="g2"><CodeRef targetGUID="{C3}"/></Coding>
      </VideoSelection>
      <VideoSelection guid="{S2}" begin="0" end="40">
        <Coding guid="g4" creatingUser="{{unknown}}">
          <CodeRef targetGUID="{C4}"/><CodeRef targetGUID="{C1}"/></Coding>
        <Coding guid="g5" creatingUser="{U3}"><CodeRef targetGUID="{C5}"/></Coding>
      </VideoSelection>
      <VideoSelection guid="{S3}" begin="2000" end="2040"><Description/></VideoSelection>
    </VideoSource>
    <VideoSource guid="{V2}" path="internal://{V2}.mp4"/>
  </Sources>
</Project>
"""


def qdpx(folder: Path, xml: str, name: str = "project.qde", extra: dict[str, str] | None = None) -> Path:
    target = folder / "in.qdpx"
    with zipfile.ZipFile(target, "w") as archive:
        archive.writestr(name, xml)
        for member, text in (extra or {}).items():
            archive.writestr(member, text)
    return target


def test_what_maxqda_writes_is_read_whole(tmp_path: Path) -> None:
    read = read_qdpx(qdpx(tmp_path, MAXQDA_STYLE.replace("BASE_PATH", ""), extra={"Sources/x.mp4": "x"}))
    c1, c2, c3, c4, c5 = (g.lower() for g in (C1, C2, C3, C4, C5))
    assert read.codes == {
        c1: QdaCode(c1, "Emotions", None, "feelings, shown"),
        c2: QdaCode(c2, "Laughter", "#F80", ""),
        c3: QdaCode(c3, "Handshake", "#12ab34", ""),
        c4: QdaCode(c4, "Firm", None, ""),
        c5: QdaCode(c5, "", None, ""),  # no name (the import refuses to make a label of it)
    }
    s1, s2 = S1.lower(), S2.lower()
    assert read.videos == (
        QdaVideo(
            V1.lower(),
            "interview.mp4",
            "relative:///clips/my%20interview.mp4",
            tmp_path / "clips" / "my interview.mp4",
            (
                QdaCoding(s1, c2, 400, 1000, "Colin", "big laugh"),  # the coding's own user
                QdaCoding(s1, c3, 400, 1000, "Dana", "big laugh"),  # else the selection's
                QdaCoding(s2, c4, 0, 40, "", ""),  # an unknown user, no note; the first CodeRef
                QdaCoding(s2, c5, 0, 40, "", ""),  # a user without a name
            ),
        ),
        QdaVideo(V2.lower(), V2, f"internal://{V2}.mp4", None, ()),  # no name: its GUID
    )
    assert read.skipped == (
        "TextSource 'transcript.txt': not a video",
        "AudioSource 'a1': not a video",
        "PDFSource '?': not a video",
    )
    assert read == QdaProject(read.codes, read.videos, read.skipped)


@pytest.mark.parametrize(
    ("path", "where"),
    [
        ("relative:///clips/a.mp4", "BASE/clips/a.mp4"),
        ("relative:///X-rays/a.mp4", "BASE/X-rays/a.mp4"),
        ("relative://clips/a.mp4", "BASE/clips/a.mp4"),
        ("clips/a%20b.mp4", "BASE/clips/a%20b.mp4"),  # a plain path is not a URL
        ("absolute:///media/x%C3%A9/a.mp4", "/media/xé/a.mp4"),
        ("absolute://media/a.mp4", "/media/a.mp4"),
        ("absolute:///Xmedia/a.mp4", "/Xmedia/a.mp4"),
        ("file:///media/a%20b.mp4", "/media/a b.mp4"),
        ("internal://{guid}.mp4", None),
        ("", "BASE"),  # an empty path, or none: no file to find there
        (None, "BASE"),
    ],
)
def test_every_kind_of_path_leads_to_its_file(tmp_path: Path, path: str | None, where: str | None) -> None:
    attribute = "" if path is None else f'path="{path}"'
    source = f'<Sources><VideoSource guid="v" {attribute}/></Sources>'
    (video,) = read_qdpx(
        qdpx(tmp_path, f'<Project xmlns="urn:QDA-XML:project:1.0">{source}</Project>')
    ).videos
    assert video.path == (path or "")
    assert video.location == (None if where is None else Path(where.replace("BASE", str(tmp_path))))


@pytest.mark.parametrize(
    ("base", "folder"),
    [
        ("", "QDPX"),
        ('basePath=""', "QDPX"),
        ('basePath="."', "QDPX"),
        ('basePath="media/2024"', "QDPX/media/2024"),
        ('basePath="/srv/study"', "/srv/study"),
    ],
)
def test_relative_paths_start_from_the_base_path_else_the_files_folder(
    tmp_path: Path, base: str, folder: str
) -> None:
    (video, _) = read_qdpx(qdpx(tmp_path, MAXQDA_STYLE.replace("BASE_PATH", base))).videos
    expected = Path(folder.replace("QDPX", str(tmp_path))) / "clips" / "my interview.mp4"
    assert video.location == expected


def test_a_project_without_namespace_or_users_is_read(tmp_path: Path) -> None:
    xml = """<Project name="plain"><CodeBook><Codes><Code guid="C" name="x"/></Codes></CodeBook>
      <Sources><VideoSource guid="V" name="v.mp4" path="v.mp4">
        <VideoSelection guid="S" begin="1" end="2" creatingUser="U"><Coding guid="G">
          <CodeRef targetGUID="c"/></Coding></VideoSelection>
      </VideoSource></Sources></Project>"""
    read = read_qdpx(qdpx(tmp_path, xml, name="Study.QDE"))
    assert read.codes == {"c": QdaCode("c", "x", None, "")}
    assert read.videos[0].codings == (QdaCoding("s", "c", 1, 2, "", ""),)


def test_a_selection_whose_times_are_not_whole_milliseconds_is_refused(tmp_path: Path) -> None:
    for begin, end in (("400.5", "1000"), ("400", ""), ("", "1000"), ("4e2", "1000")):
        attributes = " ".join(f'{k}="{v}"' for k, v in (("begin", begin), ("end", end)) if v)
        xml = MAXQDA_STYLE.replace("BASE_PATH", "").replace('begin="400" end="1000"', attributes)
        with pytest.raises(FormatImportError) as caught:
            read_qdpx(qdpx(tmp_path, xml))
        message = f"in.qdpx, VideoSelection {{{S1.upper()}}}: begin and end must be whole milliseconds"
        assert str(caught.value) == message


@pytest.mark.parametrize(
    ("members", "message"),
    [
        (
            {"a.qde": "<Project/>", "b.QDE": "<Project/>"},
            "in.qdpx: a .qdpx holds one .qde at its root; found 2",
        ),
        ({"sub/project.qde": "<Project/>"}, "in.qdpx: a .qdpx holds one .qde at its root; found 0"),
        (
            {"Study.qde": "<Project>"},
            "in.qdpx, Study.qde: not well-formed XML (no element found: line 1, column 9)",
        ),
        ({"Study.qde": "<project/>"}, "in.qdpx, Study.qde: the root element is not a REFI-QDA Project"),
    ],
)
def test_bad_archives_are_refused_naming_the_file_and_member(
    tmp_path: Path, members: dict[str, str], message: str
) -> None:
    target = tmp_path / "in.qdpx"
    with zipfile.ZipFile(target, "w") as archive:
        for member, text in members.items():
            archive.writestr(member, text)
    with pytest.raises(FormatImportError) as caught:
        read_qdpx(target)
    assert str(caught.value) == message


def test_a_file_that_is_no_zip_is_refused(tmp_path: Path) -> None:
    for target in (tmp_path / "in.qdpx", tmp_path / "missing.qdpx"):
        if target.name == "in.qdpx":
            target.write_text("<Project/>")
        with pytest.raises(FormatImportError) as caught:
            read_qdpx(target)
        assert str(caught.value).startswith(f"{target.name}: not a .qdpx (a zip) (")
        assert caught.value.path == target

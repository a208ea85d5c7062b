"""REFI-QDA exchange: a .qdpx that validates against the REFI-QDA 1.0 schema, with times
computed from the frame table, stable ids, a round trip, and what other tools write."""

from __future__ import annotations

import io
import uuid
import zipfile
from fractions import Fraction
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from annotator.cli import cli
from annotator.domain.label import Vocabulary
from annotator.domain.segment import Segment
from annotator.project.errors import ProjectError
from annotator.project.exchange import export, import_file
from annotator.project.project import Project
from annotator.resources import vocabulary_path

SCHEMA = etree.XMLSchema(etree.parse(str(Path("/work/shared/formats/REFI-QDA-Project-1.0.xsd"))))
NS = {"q": "urn:QDA-XML:project:1.0"}


@pytest.fixture
def project(tmp_path: Path, clip_25fps: Path, clip_2997: Path) -> Project:
    made = Project.create(tmp_path / "project", Vocabulary.load(vocabulary_path("state-tv")))
    first, second = made.add_video(clip_25fps), made.add_video(clip_2997)
    laughter, driving = made.store.label_by_name("laughter"), made.store.label_by_name("driving")
    assert laughter is not None
    assert driving is not None
    assert laughter.id is not None
    assert driving.id is not None
    made.store.add_segments([
        Segment(first.id, laughter.id, 10, 35, annotator="ana", note="both laugh"),
        Segment(first.id, driving.id, 40, 100, annotator="ben"),
        Segment(second.id, laughter.id, 1, 31, annotator="ana", note="tré, \"quoted\" <ok>"),
    ])  # fmt: skip
    return made


def qde(path: Path) -> etree._Element:
    with zipfile.ZipFile(path) as archive:
        return etree.fromstring(archive.read("project.qde"))


def ms(frame: int, rate: Fraction) -> int:
    """Independently: the frame's start in milliseconds, rounded half up."""
    exact = Fraction(frame) / rate * 1000
    return int(exact) + (1 if exact - int(exact) >= Fraction(1, 2) else 0)


def test_the_export_validates_and_times_come_from_the_frame_table(project: Project, tmp_path: Path) -> None:
    target = tmp_path / "out.qdpx"
    assert export(project, "qdpx", target) == 3
    root = qde(target)
    SCHEMA.assertValid(root)
    codes = {c.get("name"): c for c in root.iterfind(".//q:Code", NS)}
    assert codes["laughter"].get("color") == project.store.label_by_name("laughter").colour  # type: ignore[union-attr]
    assert codes["laughter"].findtext("q:Description", namespaces=NS)
    assert {u.get("name") for u in root.iterfind(".//q:User", NS)} == {"ana", "ben"}
    sources = root.findall(".//q:VideoSource", NS)
    assert [s.get("name") for s in sources] == ["numbered_25.mp4", "numbered_2997.mp4"]
    path = sources[0].get("path")
    assert path.startswith("relative:///")
    assert (target.parent / path.removeprefix("relative:///")).resolve() == project.video_path(
        project.store.videos()[0]
    ).resolve()
    rows = [(s.get("name"), s.get("begin"), s.get("end"), s.findtext("q:Description", namespaces=NS))
            for s in root.iterfind(".//q:VideoSelection", NS)]  # fmt: skip
    ntsc = Fraction(30000, 1001)
    assert rows == [
        ("laughter", str(ms(10, Fraction(25))), str(ms(35, Fraction(25))), "both laugh"),
        ("driving", str(ms(40, Fraction(25))), str(ms(100, Fraction(25))), None),
        ("laughter", str(ms(1, ntsc)), str(ms(31, ntsc)), 'tré, "quoted" <ok>'),
    ]
    assert rows[2][1:3] == ("33", "1034")  # 1001/30 ms and 31031/30 ms, rounded half up
    code_of = {c.get("guid"): c.get("name") for c in root.iterfind(".//q:Code", NS)}
    for selection in root.iterfind(".//q:VideoSelection", NS):
        (ref,) = selection.iterfind("q:Coding/q:CodeRef", NS)
        assert code_of[ref.get("targetGUID")] == selection.get("name")


def test_the_same_project_gives_the_same_file(project: Project, tmp_path: Path) -> None:
    export(project, "qdpx", tmp_path / "a.qdpx")
    export(project, "qdpx", tmp_path / "b.qdpx")
    with zipfile.ZipFile(tmp_path / "a.qdpx") as a, zipfile.ZipFile(tmp_path / "b.qdpx") as b:
        assert a.read("project.qde") == b.read("project.qde")
    ids = [s.get("guid") for s in qde(tmp_path / "a.qdpx").iterfind(".//q:VideoSelection", NS)]
    assert ids == [s.id for s in sorted(project.store.segments(), key=lambda s: (s.video_id, s.start_frame))]


def test_embedded_media_go_inside(project: Project, tmp_path: Path, clip_25fps: Path) -> None:
    target = tmp_path / "embedded.qdpx"
    export(project, "qdpx", target, embed_media=True)
    root = qde(target)
    SCHEMA.assertValid(root)
    path = root.find(".//q:VideoSource", NS).get("path")  # type: ignore[union-attr]
    assert path.startswith("internal://")
    with zipfile.ZipFile(target) as archive:
        assert archive.read("Sources/" + path.removeprefix("internal://")) == clip_25fps.read_bytes()


def test_round_trip_into_a_new_project(project: Project, tmp_path: Path) -> None:
    target = tmp_path / "out.qdpx"
    export(project, "qdpx", target)
    other = Project.create(tmp_path / "other", Vocabulary("empty"))
    report = import_file(other, target)
    assert report.segments == 3
    labels = {label.id: label.name for label in other.store.labels()}
    rows = other.store.segments()
    got = sorted((labels[s.label_id], s.start_frame, s.end_frame, s.annotator, s.note) for s in rows)
    want = sorted((project.store.label(s.label_id).name, s.start_frame, s.end_frame, s.annotator, s.note)
                  for s in project.store.segments())  # fmt: skip
    assert got == want
    assert {v.fingerprint for v in other.store.videos()} == {v.fingerprint for v in project.store.videos()}
    with pytest.raises(ProjectError, match="already in the project"):
        import_file(other, target)


QUALCODER_STYLE = """<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="Interviews" origin="QualCoder" basePath="{base}">
  <Users><User guid="{{{u}}}" name="Colin"/></Users>
  <CodeBook><Codes>
    <Code guid="{c1}" name="Emotions" isCodable="false">
      <Code guid="{c2}" name="  Laughter " isCodable="true" color="#F80">
        <Description>laughs</Description></Code>
      <Code guid="{c3}" name="Handshake" isCodable="true" color="#12ab34"/>
    </Code>
  </Codes></CodeBook>
  <Sources>
    <TextSource guid="{t}" name="transcript.txt" plainTextPath="internal://{t}.txt"/>
    <VideoSource guid="{v}" name="interview.mp4" path="relative:///clips/numbered.mp4">
      <VideoSelection guid="{s1}" name="a" begin="400" end="1000" creatingUser="{u}">
        <Description>big laugh</Description>
        <Coding guid="{g1}" creatingUser="{u}"><CodeRef targetGUID="{c2}"/></Coding>
        <Coding guid="{g2}" creatingUser="{u}"><CodeRef targetGUID="{c3}"/></Coding>
      </VideoSelection>
    </VideoSource>
    <VideoSource guid="{w}" name="inside.mp4" path="internal://{w}.mp4"/>
  </Sources>
</Project>
"""


def test_what_qualcoder_writes_is_read(tmp_path: Path, clip_25fps: Path) -> None:
    ids = {name: str(uuid.uuid4()) for name in ("u", "c1", "c2", "c3", "t", "v", "s1", "g1", "g2", "w")}
    (tmp_path / "clips").mkdir()
    (tmp_path / "clips" / "numbered.mp4").write_bytes(clip_25fps.read_bytes())
    xml = QUALCODER_STYLE.format(base=".", **ids)
    target = tmp_path / "from_qualcoder.qdpx"
    with zipfile.ZipFile(target, "w") as archive:
        archive.writestr("Interviews.qde", xml)  # not project.qde
        archive.writestr(f"sources/{ids['t']}.txt", "hello")
    project = Project.create(tmp_path / "p", Vocabulary.load(vocabulary_path("state-tv")))
    report = import_file(project, target)
    assert report.segments == 2  # one selection, two codes
    assert any("TextSource 'transcript.txt': not a video" in s for s in report.skipped)
    assert any("'inside.mp4'" in s and "inside the .qdpx" in s for s in report.skipped)
    (video,) = project.store.videos()
    labels = {label.id: label for label in project.store.labels()}
    got = sorted((labels[s.label_id].name, s.start_frame, s.end_frame, s.annotator, s.note)
                 for s in project.store.segments())  # fmt: skip
    assert got == [("Handshake", 10, 25, "Colin", "big laugh"), ("laughter", 10, 25, "Colin", "big laugh")]
    handshake = next(label for label in labels.values() if label.name == "Handshake")
    assert handshake.colour == "#12ab34"  # a new label, with the code's colour
    assert video.name == "numbered.mp4"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"not a zip", "not a .qdpx"),
        (None, "one .qde at its root; found 0"),
        ("<Project", "not well-formed XML"),
        ('<Other xmlns="urn:QDA-XML:project:1.0" name="x"/>', "not a REFI-QDA Project"),
    ],
)
def test_bad_files_are_refused_in_one_line(tmp_path: Path, project: Project, content, message) -> None:
    target = tmp_path / "bad.qdpx"
    if isinstance(content, bytes):
        target.write_bytes(content)
    else:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr("readme.txt", "x")
            if content is not None:
                archive.writestr("project.qde", content)
        target.write_bytes(buffer.getvalue())
    before = len(project.store.segments())
    result = CliRunner().invoke(cli, ["import", str(project.directory), str(target)])
    assert result.exit_code == 2
    assert "bad.qdpx" in result.stderr
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert len(project.store.segments()) == before


def test_the_cli_exports_and_imports(project: Project, tmp_path: Path) -> None:
    target = tmp_path / "cli.qdpx"
    arguments = ["export", str(project.directory), "--format", "qdpx", "-o", str(target)]
    result = CliRunner().invoke(cli, arguments)
    assert result.exit_code == 0, result.stderr
    SCHEMA.assertValid(qde(target))
    other = tmp_path / "other"
    assert CliRunner().invoke(cli, ["new", str(other)]).exit_code == 0
    result = CliRunner().invoke(cli, ["import", str(other), str(target)])
    assert result.exit_code == 0, result.stderr
    assert "3 segments" in result.output

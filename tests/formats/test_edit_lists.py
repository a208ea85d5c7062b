"""Edit lists (CMX 3600 EDL, Final Cut Pro 7 XML, OTIO), read back with OpenTimelineIO:
every segment a clip with its exact frames, timecodes as ours (drop-frame at 29.97)."""

from __future__ import annotations

import re
from pathlib import Path

import opentimelineio as otio
import pytest
from click.testing import CliRunner

from annotator.cli import cli
from annotator.domain.label import Vocabulary
from annotator.domain.segment import Segment
from annotator.domain.timecode import format_smpte
from annotator.project.errors import ProjectError
from annotator.project.exchange import export
from annotator.project.project import Project
from annotator.resources import vocabulary_path

ADAPTERS = {"edl": "cmx_3600", "fcpxml": "fcp_xml", "otio": "otio_json"}


@pytest.fixture
def project(tmp_path: Path, clip_25fps: Path, clip_2997: Path) -> Project:
    made = Project.create(tmp_path / "project", Vocabulary.load(vocabulary_path("state-tv")))
    first, second = made.add_video(clip_25fps), made.add_video(clip_2997)
    laughter = made.store.label_by_name("laughter")
    driving = made.store.label_by_name("driving")
    assert laughter is not None
    assert driving is not None
    assert laughter.id is not None
    assert driving.id is not None
    made.store.add_segments([
        Segment(first.id, laughter.id, 10, 35, annotator="ana", note="both\nlaugh"),
        Segment(first.id, driving.id, 40, 99, annotator="ben"),
        Segment(second.id, laughter.id, 1, 31, annotator="ana"),
        Segment(second.id, driving.id, 60, 119, annotator="ana"),
    ])  # fmt: skip
    return made


def read(path: Path, fmt: str, rate: float | None = None) -> list[otio.schema.Clip]:
    options = {"rate": rate} if rate and fmt == "edl" else {}
    return list(otio.adapters.read_from_file(str(path), adapter_name=ADAPTERS[fmt], **options).find_clips())


@pytest.mark.parametrize("fmt", ["edl", "fcpxml", "otio"])
def test_every_segment_is_a_clip_with_its_frames(project: Project, tmp_path: Path, fmt: str) -> None:
    target = tmp_path / f"selects.{fmt}"
    assert export(project, fmt, target, video="numbered_2997.mp4") == 2
    clips = read(target, fmt, 30000 / 1001)
    frames = [(round(c.source_range.start_time.value), round(c.source_range.duration.value)) for c in clips]
    assert frames == [(1, 30), (60, 59)]
    assert all(c.name == "numbered_2997.mp4" for c in clips)


def test_edl_timecodes_and_comments(project: Project, tmp_path: Path) -> None:
    target = tmp_path / "selects.edl"
    export(project, "edl", target, video="numbered_2997.mp4")
    text = target.read_text()
    events = [line.split() for line in text.splitlines() if line[:3].isdigit()]
    ntsc = project.video_by_name("numbered_2997.mp4").info.fps
    # event, reel, V, C, source in, source out, record in, record out
    assert events[0][4:] == [
        format_smpte(1, ntsc),
        format_smpte(31, ntsc),
        format_smpte(0, ntsc),
        format_smpte(30, ntsc),
    ]
    assert events[1][4:6] == [format_smpte(60, ntsc), format_smpte(119, ntsc)]
    assert ";" in events[0][4]  # drop-frame at 29.97
    assert events[0][1] == "NUMBERED"  # the reel, from the video
    assert "* LABEL: laughter" in text
    assert "* LABEL: driving" in text


def test_the_note_is_one_comment_line_and_metadata_keeps_it_whole(project: Project, tmp_path: Path) -> None:
    target = tmp_path / "selects.edl"
    export(project, "edl", target, video="numbered_25.mp4")
    assert "* NOTE: both laugh" in target.read_text()
    export(project, "otio", tmp_path / "x.otio")
    clips = [c for c in read(tmp_path / "x.otio", "otio") if c.name == "numbered_25.mp4"]
    first = next(c for c in clips if c.metadata["annotator"]["label"] == "laughter")
    assert first.metadata["annotator"]["note"] == "both\nlaugh"


def test_an_edl_of_two_frame_rates_is_refused(project: Project, tmp_path: Path) -> None:
    said = (
        f"{tmp_path / 'mixed.edl'}: an EDL has one frame rate, these segments have 25, 29.97 fps: use --video"
    )
    with pytest.raises(ProjectError, match=f"^{re.escape(said)}$"):
        export(project, "edl", tmp_path / "mixed.edl")
    assert not (tmp_path / "mixed.edl").exists()
    result = CliRunner().invoke(
        cli, ["export", str(project.directory), "--format", "edl", "-o", str(tmp_path / "m.edl")]
    )
    assert result.exit_code == 2
    assert "one frame rate" in result.stderr

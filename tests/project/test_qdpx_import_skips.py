"""A REFI-QDA project whose videos cannot all be found: those skipped are named with the
reason and what to do, the rest is imported (a new code with a short colour too)."""

from __future__ import annotations

import uuid
import zipfile
from pathlib import Path

from annotator.domain.label import Vocabulary
from annotator.domain.segment import Segment
from annotator.project.exchange import import_file
from annotator.project.project import Project
from annotator.project.qdpx_exchange import export_qdpx
from annotator.resources import vocabulary_path

XML = """<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="Elsewhere" origin="MAXQDA">
  <CodeBook><Codes>
    <Code guid="{c}" name="laughter" isCodable="true"/>
    <Code guid="{k}" name="Cheering" isCodable="true" color="#F80"/>
  </Codes></CodeBook>
  <Sources>
    <VideoSource guid="{v}" name="numbered_25.mp4" path="absolute:///far/away/numbered_25.mp4">
      <VideoSelection guid="{s}" name="a" begin="400" end="1000">
        <Coding guid="{g}"><CodeRef targetGUID="{c}"/></Coding>
        <Coding guid="{h}"><CodeRef targetGUID="{k}"/></Coding>
      </VideoSelection>
    </VideoSource>
    <VideoSource guid="{m}" name="gone.mp4" path="absolute:///far/away/gone.mp4"/>
    <VideoSource guid="{w}" name="inside.mp4" path="internal://{w}.mp4"/>
  </Sources>
</Project>
"""


def test_videos_not_found_are_named_with_the_reason(tmp_path: Path, clip_25fps: Path) -> None:
    ids = {name: str(uuid.uuid4()) for name in "cvsgmwkh"}
    target = tmp_path / "elsewhere.qdpx"
    with zipfile.ZipFile(target, "w") as archive:
        archive.writestr("project.qde", XML.format(**ids))
    with Project.create(tmp_path / "p", Vocabulary.load(vocabulary_path("state-tv"))) as project:
        project.add_video(clip_25fps)  # known here by its name
        report = import_file(project, target)
        assert report.segments == 2
        cheering = project.store.label_by_name("Cheering")
        assert cheering is not None
        assert cheering.colour == "#ff8800"  # "#F80" written out
        assert [s for s in report.skipped if s.startswith("VideoSource")] == [
            "VideoSource 'gone.mp4': its file is not found; add the video to the project first",
            "VideoSource 'inside.mp4': its media is inside the .qdpx; add the video to the project first",
        ]
        assert {(s.start_frame, s.end_frame) for s in project.store.segments()} == {(10, 25)}


def test_an_export_leaves_the_media_out_unless_asked(tmp_path: Path, clip_25fps: Path) -> None:
    with Project.create(tmp_path / "p", Vocabulary.load(vocabulary_path("state-tv"))) as project:
        video = project.add_video(clip_25fps)
        laughter = project.store.label_by_name("laughter")
        assert laughter is not None
        assert laughter.id is not None
        project.store.add_segment(Segment(video.id, laughter.id, 10, 25))
        target = tmp_path / "out.qdpx"
        export_qdpx(project, target, project.store.segments())
    with zipfile.ZipFile(target) as archive:
        assert archive.namelist() == ["project.qde"]
        assert 'path="internal://' not in archive.read("project.qde").decode()

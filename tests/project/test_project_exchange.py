"""exchange: the format named or guessed, the filters of an export, the video an import goes to,
and new labels only when asked for."""

from __future__ import annotations

import json
import warnings
import xml.etree.ElementTree as ET
from dataclasses import replace
from fractions import Fraction
from pathlib import Path

import pytest

from annotator.domain.frame_times import FrameTimes
from annotator.domain.label import Vocabulary
from annotator.domain.segment import Review, Segment, Verdict
from annotator.domain.video_info import VideoInfo
from annotator.formats.eaf.document import EafImportError
from annotator.project import exchange
from annotator.project.errors import ProjectError
from annotator.project.project import Project
from annotator.resources import vocabulary_path

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from pympi.Elan import Eaf

INFO = VideoInfo(
    path="a.mp4", codec="h264", width=320, height=180, fps=Fraction(25), frame_count=250,
    duration_s=Fraction(10), start_time_s=Fraction(0), has_audio=False, is_vfr=False,
    frame_times=FrameTimes.constant(Fraction(25), 250),
)  # fmt: skip


@pytest.fixture
def project(tmp_path: Path):
    """Two videos, a.mp4 and b.mp4 (in media/), a segment on each, the one on a.mp4 approved."""
    created = Project.create(tmp_path / "p", Vocabulary.load(vocabulary_path("state-tv")))
    store = created.store
    laughter = store.label_by_name("laughter")
    assert laughter is not None
    assert laughter.id is not None
    for number, name in enumerate(["a.mp4", "b.mp4"], 1):
        video = store.add_video(f"media/{name}", f"{number}-fp", replace(INFO, path=name))
        segment = store.add_segment(Segment(video.id, laughter.id, 10 * number, 10 * number + 5))
        if number == 1:
            store.add_review(Review(segment.id, "rita", Verdict.APPROVED))
    yield created
    created.close()


def test_an_unknown_export_format_is_refused_with_the_choices(project: Project, tmp_path: Path) -> None:
    with pytest.raises(ProjectError) as caught:
        exchange.export(project, "pdf", tmp_path / "x.pdf")
    assert str(caught.value) == (
        "unknown export format 'pdf' (choose from csv, json, eaf, vtt, srt, qdpx, edl, fcpxml, otio)"
    )


def test_a_file_whose_format_cannot_be_told(project: Project, tmp_path: Path) -> None:
    path = tmp_path / "coded.txt"
    path.write_text("video,label,start_frame,end_frame\na.mp4,driving,1,2\n")
    with pytest.raises(ProjectError) as caught:
        exchange.import_file(project, path)
    assert str(caught.value) == f"{path}: cannot tell the format; use --format csv|json|eaf|qdpx"
    assert exchange.import_file(project, path, fmt="csv").segments == 1  # named, it is read
    upper = tmp_path / "CODED.CSV"
    upper.write_text("video,label,start_frame,end_frame\nb.mp4,driving,3,4\n")
    assert exchange.import_file(project, upper).segments == 1


def test_a_json_export_of_one_video_holds_that_video_only(project: Project, tmp_path: Path) -> None:
    exchange.export(project, "json", tmp_path / "b.json", video="b.mp4")
    data = json.loads((tmp_path / "b.json").read_text())
    assert [video["name"] for video in data["videos"]] == ["b.mp4"]
    assert [(s["start_frame"], s["end_frame"]) for s in data["segments"]] == [(20, 25)]


@pytest.mark.parametrize("fmt", ["csv", "json", "vtt"])
def test_an_export_of_one_status(project: Project, tmp_path: Path, fmt: str) -> None:
    path = tmp_path / f"out.{fmt}"
    video = "a.mp4" if fmt == "vtt" else None
    assert exchange.export(project, fmt, path, video=video, status="approved") == 1
    assert exchange.export(project, fmt, path, video=video, status="unreviewed") == (0 if fmt == "vtt" else 1)


def test_an_eaf_export_names_its_media_by_url_too(project: Project, tmp_path: Path) -> None:
    path = tmp_path / "a.eaf"
    exchange.export(project, "eaf", path, video="a.mp4")
    (media,) = ET.parse(path).getroot().iter("MEDIA_DESCRIPTOR")
    assert media.get("MEDIA_URL") == (project.directory / "media" / "a.mp4").resolve().as_uri()
    assert media.get("RELATIVE_MEDIA_URL") == "./p/media/a.mp4"


def _eaf(tmp_path: Path, media: str, tier: str = "laughter") -> Path:
    eaf = Eaf(author="someone")
    eaf.remove_tier("default")
    eaf.add_linked_file(media, mimetype="video/mp4")
    eaf.add_tier(tier)
    eaf.add_annotation(tier, 0, 400, tier)
    path = tmp_path / "x.eaf"
    eaf.to_file(str(path))
    return path


def test_an_eaf_goes_to_the_video_named_rather_than_the_one_its_media_names(
    project: Project, tmp_path: Path
) -> None:
    path = _eaf(tmp_path, "b.mp4")
    exchange.import_file(project, path, video="a.mp4")
    a_mp4 = project.video_by_name("a.mp4")
    assert len(project.store.segments(video_id=a_mp4.id)) == 2
    assert exchange.plan_import(project, path, video="a.mp4").segments[0].video_id == a_mp4.id


def test_new_labels_only_when_asked_for(project: Project, tmp_path: Path) -> None:
    path = _eaf(tmp_path, "a.mp4", tier="gesture")
    with pytest.raises(EafImportError, match="no label for the value"):
        exchange.plan_import(project, path)
    with pytest.raises(EafImportError, match="no label for the value"):
        exchange.import_file(project, path)
    assert exchange.import_file(project, path, new_labels=True).labels == 1

"""The selects reel as OpenTimelineIO builds and writes it, without a project: the clips'
media, ranges, names, comments and metadata, the reel names, and a reel of no segments."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import opentimelineio as otio
import pytest
from csv_helpers import CLIP, LABELS, NTSC_CLIP

from annotator.domain.segment import Segment
from annotator.domain.video import Video
from annotator.formats.edit_list import ADAPTERS, save_edit_list, timeline

NTSC_RATE = 30000 / 1001
SEGMENTS = [
    Segment(NTSC_CLIP.id, 11, 300, 330, annotator="ana", note="both  laugh\nloudly"),
    Segment(NTSC_CLIP.id, 10, 60, 119, annotator="ben"),
]


def _media(*videos: Video) -> dict[int, Path]:
    return {video.id: Path("/footage") / video.name for video in videos}


def _written(tmp_path: Path, fmt: str, built: otio.schema.Timeline) -> otio.schema.Timeline:
    target = tmp_path / f"selects.{fmt}"
    assert save_edit_list(target, fmt, built) == len(list(built.find_clips()))
    options = {"rate": NTSC_RATE} if fmt == "edl" else {}
    return otio.adapters.read_from_file(str(target), adapter_name=ADAPTERS[fmt], **options)


def test_the_reel_is_one_video_track_of_clips_in_start_order(tmp_path: Path) -> None:
    read = _written(
        tmp_path, "otio", timeline("selects", SEGMENTS, {2: NTSC_CLIP}, LABELS, _media(NTSC_CLIP))
    )
    assert read.name == "selects"
    assert read.global_start_time == otio.opentime.RationalTime(0, NTSC_RATE)
    (track,) = read.tracks
    assert (track.name, track.kind) == ("V1", otio.schema.TrackKind.Video)
    clips = list(track.find_clips())
    assert [clip.name for clip in clips] == ["ntsc.mp4", "ntsc.mp4"]
    assert [clip.source_range for clip in clips] == [
        otio.opentime.TimeRange(
            otio.opentime.RationalTime(60, NTSC_RATE), otio.opentime.RationalTime(59, NTSC_RATE)
        ),
        otio.opentime.TimeRange(
            otio.opentime.RationalTime(300, NTSC_RATE), otio.opentime.RationalTime(30, NTSC_RATE)
        ),
    ]


def test_each_clip_references_its_whole_video_by_file_url(tmp_path: Path) -> None:
    read = _written(
        tmp_path, "otio", timeline("selects", SEGMENTS, {2: NTSC_CLIP}, LABELS, _media(NTSC_CLIP))
    )
    for clip in read.find_clips():
        reference = clip.media_reference
        assert isinstance(reference, otio.schema.ExternalReference)
        assert reference.target_url == Path("/footage/ntsc.mp4").resolve().as_uri()
        assert reference.available_range == otio.opentime.TimeRange(
            otio.opentime.RationalTime(0, NTSC_RATE), otio.opentime.RationalTime(20_000, NTSC_RATE)
        )


def test_label_and_note_are_comments_and_metadata(tmp_path: Path) -> None:
    read = _written(
        tmp_path, "otio", timeline("selects", SEGMENTS, {2: NTSC_CLIP}, LABELS, _media(NTSC_CLIP))
    )
    plain, noted = read.find_clips()
    assert dict(plain.metadata["annotator"]) == {
        "segment_id": SEGMENTS[1].id,
        "label": "driving",
        "note": "",
        "annotator": "ben",
    }
    assert dict(noted.metadata["annotator"]) == {
        "segment_id": SEGMENTS[0].id,
        "label": "laughter",
        "note": "both  laugh\nloudly",
        "annotator": "ana",
    }
    assert list(plain.metadata["cmx_3600"]["comments"]) == ["LABEL: driving"]
    assert list(noted.metadata["cmx_3600"]["comments"]) == ["LABEL: laughter", "NOTE: both laugh loudly"]


def test_an_edl_comments_a_note_only_when_there_is_one(tmp_path: Path) -> None:
    built = timeline("selects", SEGMENTS, {2: NTSC_CLIP}, LABELS, _media(NTSC_CLIP))
    save_edit_list(tmp_path / "s.edl", "edl", built)
    text = (tmp_path / "s.edl").read_text()
    assert [line for line in text.splitlines() if line.startswith("* ") and ":" in line[:8]] == [
        "* LABEL: driving",
        "* LABEL: laughter",
        "* NOTE: both laugh loudly",
    ]


@pytest.mark.parametrize(
    ("name", "reel"),
    [
        ("clip.mp4", "CLIP"),
        ("my clip-2024_final.mp4", "MYCLIP20"),
        ("Straße 7.mov", "STRASSE7"),
        ("🎬 – ….mp4", "REEL"),
    ],
)
def test_the_reel_name_is_the_videos_letters_and_digits(tmp_path: Path, name: str, reel: str) -> None:
    video = replace(CLIP, path=f"media/{name}")
    built = timeline("selects", [Segment(CLIP.id, 10, 0, 25)], {CLIP.id: video}, LABELS, _media(video))
    save_edit_list(tmp_path / "s.edl", "edl", built)
    (event,) = [line.split() for line in (tmp_path / "s.edl").read_text().splitlines() if line[:3] == "001"]
    assert event[1] == reel


@pytest.mark.parametrize("fmt", ["edl", "fcpxml", "otio"])
def test_a_reel_of_no_segments_is_written_empty(tmp_path: Path, fmt: str) -> None:
    built = timeline("nothing", [], {}, LABELS, {})
    assert built.global_start_time == otio.opentime.RationalTime(0, 25)
    read = _written(tmp_path, fmt, built)
    assert list(read.find_clips()) == []
    if fmt == "edl":
        assert (tmp_path / "selects.edl").read_text() == "TITLE: nothing\n\n"

"""Project JSON: export then import gives the same videos, labels, segments and reviews."""

from __future__ import annotations

import io
import json
import string
from dataclasses import replace
from pathlib import Path

import pytest
from exchange_helpers import CLIP, LABELS, NTSC_CLIP, PHONE, VIDEOS
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.domain.label import Label, LabelKind
from annotator.domain.segment import Review, Segment, Source, Verdict
from annotator.formats.json.reader import ProjectData, read_json
from annotator.formats.json.writer import save_json, write_json


def _round_trip(tmp_path: Path, labels, segments, reviews, videos=VIDEOS) -> tuple[ProjectData, str]:
    path = tmp_path / "project.json"
    save_json(path, videos, labels, segments, reviews)
    return read_json(path), path.read_text(encoding="utf-8")


def test_the_file_names_its_format_and_version_and_stores_exact_numbers(tmp_path: Path) -> None:
    _, text = _round_trip(tmp_path, LABELS, [Segment(2, 10, 0, 5)], [])
    document = json.loads(text)
    assert (document["format"], document["version"]) == ("annotator-project", 1)
    ntsc = document["videos"][1]
    assert (ntsc["fps"], ntsc["frame_count"], ntsc["name"]) == ("30000/1001", 20000, "ntsc.mp4")
    phone = document["videos"][2]["frame_times"]
    assert phone["time_base"] == "1/90000"
    assert phone["start_pts"] == 2970
    assert phone["steps"][:3] == [[3000, 2], [6000, 1], [1500, 2]]
    assert document["segments"][0]["video"] == 1
    assert document["segments"][0]["label"] == "driving"


def test_videos_come_back_with_their_frame_tables(tmp_path: Path) -> None:
    data, _ = _round_trip(tmp_path, LABELS, [], [])
    for index, (read, original) in enumerate(zip(data.videos, VIDEOS, strict=True)):
        assert read.id == index
        assert (read.path, read.fingerprint) == (original.path, original.fingerprint)
        assert read.info == original.info
    assert data.videos[2].info.times().seconds(3) == PHONE.info.times().seconds(3)


def test_reviews_of_segments_not_written_are_left_out(tmp_path: Path) -> None:
    kept, dropped = Segment(1, 10, 0, 5), Segment(1, 10, 5, 9)
    reviews = [Review(kept.id, "rita", Verdict.APPROVED), Review(dropped.id, "rita", Verdict.REJECTED)]
    data, _ = _round_trip(tmp_path, LABELS, [kept], reviews)
    assert data.reviews == (reviews[0],)


def test_a_segment_with_an_unknown_label_is_refused_on_export() -> None:
    with pytest.raises(KeyError, match="label 99"):
        write_json(io.StringIO(), VIDEOS, LABELS, [Segment(1, 99, 0, 5)], [])


def test_a_segment_of_a_video_not_written_is_refused_naming_both() -> None:
    segment = Segment(7, 10, 0, 5)
    with pytest.raises(KeyError) as caught:
        write_json(io.StringIO(), VIDEOS, LABELS, [segment], [])
    assert caught.value.args == (f"segment {segment.id}: video 7 is not among the videos",)


def test_each_entry_has_the_documented_keys(tmp_path: Path) -> None:
    segment = Segment(1, 10, 0, 5)
    _, text = _round_trip(tmp_path, LABELS, [segment], [Review(segment.id, "rita", Verdict.APPROVED)])
    document = json.loads(text)
    assert list(document) == ["format", "version", "videos", "vocabulary", "segments", "reviews"]
    video_keys = "path name fingerprint codec width height fps frame_count duration_s start_time_s"
    video_keys += " has_audio vfr container frame_times"
    assert [list(video) for video in document["videos"]] == [video_keys.split()] * 3
    assert list(document["vocabulary"]["labels"][0]) == [
        "name",
        "colour",
        "key",
        "kind",
        "description",
        "order",
        "archived",
    ]
    segment_keys = (
        "id video label start_frame end_frame annotator note attributes source created_at updated_at"
    )
    assert list(document["segments"][0]) == segment_keys.split()
    assert list(document["reviews"][0]) == ["segment", "reviewer", "verdict", "note", "created_at"]


def test_a_video_with_sound_comes_back_with_sound(tmp_path: Path) -> None:
    loud = replace(CLIP, info=replace(CLIP.info, has_audio=True))
    data, _ = _round_trip(tmp_path, LABELS, [], [], videos=[loud])
    assert data.videos[0].info.has_audio is True


def test_text_is_written_as_utf8_characters_not_escapes(tmp_path: Path) -> None:
    segment = Segment(1, 10, 0, 5, note="Grüße — 東京")
    data, text = _round_trip(tmp_path, LABELS, [segment], [])
    assert '"note": "Grüße — 東京"' in text
    assert data.segments[0].note == segment.note


_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30)
_names = st.text(string.ascii_letters + " éß-_", min_size=1, max_size=12).filter(lambda s: s.strip())
_json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**40), 2**40) | _text,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_text, inner, max_size=3),
    max_leaves=8,
)


@st.composite
def _projects(draw: st.DrawFn) -> tuple[list[Label], list[Segment], list[Review]]:
    names = draw(st.lists(_names, min_size=1, max_size=6, unique_by=lambda s: s.strip().casefold()))
    keys = draw(st.permutations("123456789"))
    labels = [
        Label(
            name=name,
            colour=draw(st.from_regex(r"#[0-9a-fA-F]{6}", fullmatch=True)),
            key=keys[index] if draw(st.booleans()) else "",
            kind=draw(st.sampled_from(LabelKind)),
            description=draw(_text),
            order=draw(st.integers(0, 100)),
            archived=draw(st.booleans()),
            id=100 + index,
        )
        for index, name in enumerate(names)
    ]
    segments = []
    for _ in range(draw(st.integers(0, 12))):
        video = draw(st.sampled_from(VIDEOS))
        start = draw(st.integers(0, video.info.frame_count - 1))
        end = draw(st.integers(start + 1, video.info.frame_count))
        segments.append(
            Segment(
                video_id=video.id,
                label_id=draw(st.sampled_from(labels)).id or 0,
                start_frame=start,
                end_frame=end,
                annotator=draw(_text),
                note=draw(_text),
                attributes=draw(st.dictionaries(_text, _json_values, max_size=3)),
                source=draw(st.sampled_from(Source)),
                created_at=draw(_text),
                updated_at=draw(_text),
            )
        )
    reviews = [
        Review(
            draw(st.sampled_from(segments)).id, draw(_text), draw(st.sampled_from(Verdict)), draw(_text), "t"
        )
        for _ in range(draw(st.integers(0, 6)) if segments else 0)
    ]
    return labels, segments, reviews


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(project=_projects())
def test_write_then_read_gives_the_same_project(tmp_path: Path, project) -> None:
    labels, segments, reviews = project
    data, _ = _round_trip(tmp_path, labels, segments, reviews)
    assert [replace(label, id=None) for label in data.labels] == [replace(label, id=None) for label in labels]
    video_ids = [video.id for video in VIDEOS]
    label_ids = [label.id for label in labels]
    restored = [
        replace(s, video_id=video_ids[s.video_id], label_id=label_ids[s.label_id] or 0) for s in data.segments
    ]
    assert restored == segments
    assert [data.label_of(s).name for s in data.segments] == [
        next(label.name for label in labels if label.id == s.label_id) for s in segments
    ]
    assert list(data.reviews) == reviews


def test_constant_rate_videos_without_a_table_stay_without_one(tmp_path: Path) -> None:
    data, text = _round_trip(tmp_path, LABELS, [], [], videos=(CLIP, NTSC_CLIP))
    assert all(video.info.frame_times is None for video in data.videos)
    assert '"frame_times": null' in text

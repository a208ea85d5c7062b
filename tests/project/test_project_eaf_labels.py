"""Labels an ELAN import makes: named after the tiers, coloured in turn, described as such."""

from __future__ import annotations

import warnings
from fractions import Fraction
from pathlib import Path

from annotator.domain.frame_times import FrameTimes
from annotator.domain.label import Vocabulary
from annotator.domain.video_info import VideoInfo
from annotator.project import exchange
from annotator.project.importers import NEW_LABEL_COLOURS
from annotator.project.project import Project
from annotator.resources import vocabulary_path

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from pympi.Elan import Eaf


def test_each_new_label_gets_the_next_colour_and_says_it_came_from_elan(tmp_path: Path) -> None:
    info = VideoInfo(
        path="clip.mp4", codec="h264", width=320, height=180, fps=Fraction(25), frame_count=250,
        duration_s=Fraction(10), start_time_s=Fraction(0), has_audio=False, is_vfr=False,
        frame_times=FrameTimes.constant(Fraction(25), 250),
    )  # fmt: skip
    eaf = Eaf(author="someone")
    eaf.remove_tier("default")
    tiers = [f"tier {n}" for n in range(len(NEW_LABEL_COLOURS) + 1)]
    for n, tier in enumerate(tiers):
        eaf.add_tier(tier)
        eaf.add_annotation(tier, 40 * n, 40 * n + 40, "x")
    path = tmp_path / "many.eaf"
    eaf.to_file(str(path))
    with Project.create(tmp_path / "p", Vocabulary.load(vocabulary_path("state-tv"))) as project:
        project.store.add_video("clip.mp4", "1-abc", info)
        report = exchange.import_file(project, path, new_labels=True)
        assert (report.segments, report.labels) == (len(tiers), len(tiers))
        made = [project.store.label_by_name(tier) for tier in tiers]
    assert [label.colour for label in made if label] == [*NEW_LABEL_COLOURS, NEW_LABEL_COLOURS[0]]
    assert {(label.description, label.key) for label in made if label} == {("from ELAN", "")}


def _info(name: str) -> VideoInfo:
    return VideoInfo(
        path=name, codec="h264", width=320, height=180, fps=Fraction(25), frame_count=250,
        duration_s=Fraction(10), start_time_s=Fraction(0), has_audio=False, is_vfr=False,
        frame_times=FrameTimes.constant(Fraction(25), 250),
    )  # fmt: skip


def _eaf_for(path: Path, media_url: str) -> Path:
    eaf = Eaf(author="someone")
    eaf.remove_tier("default")
    eaf.add_linked_file(media_url, mimetype="video/mp4")
    eaf.add_tier("laughter")
    eaf.add_annotation("laughter", 0, 400, "laughter")
    eaf.to_file(str(path))
    return path


def test_the_video_an_eaf_belongs_to_is_found_by_the_file_name_its_media_names(tmp_path: Path) -> None:
    import pytest

    from annotator.project.errors import ProjectError

    with Project.create(tmp_path / "p", Vocabulary.load(vocabulary_path("state-tv"))) as project:
        lone = _eaf_for(tmp_path / "lone.eaf", "clip.mp4")
        with pytest.raises(ProjectError) as caught:
            exchange.plan_import(project, lone)
        assert str(caught.value) == (
            f"{lone}: the project has no videos: add the EAF's video first (annotator add-video)"
        )
        project.store.add_video("media/clip.mp4", "1-abc", _info("clip.mp4"))
        other = project.store.add_video("archive/2024/other.mp4", "2-def", _info("other.mp4"))
        for url in ("file:///C:/footage/day%202/other.mp4", "C:\\footage\\other.mp4", "other.mp4"):
            plan = exchange.plan_import(project, _eaf_for(tmp_path / "o.eaf", url))
            assert {segment.video_id for segment in plan.segments} == {other.id}, url
        unknown = _eaf_for(tmp_path / "x.eaf", "file:///footage/third.mp4")
        with pytest.raises(ProjectError) as caught:
            exchange.plan_import(project, unknown)
        assert str(caught.value) == (
            f"{unknown}: name the video the EAF belongs to with --video (videos: clip.mp4, other.mp4)"
        )
        project.store.add_video("elsewhere/other.mp4", "3-ghi", _info("other.mp4"))
        with pytest.raises(ProjectError, match="name the video the EAF belongs to"):  # two of that name
            exchange.plan_import(project, _eaf_for(tmp_path / "o.eaf", "other.mp4"))


def test_a_json_label_keeps_its_key_when_only_an_archived_label_had_it(tmp_path: Path) -> None:
    from dataclasses import replace

    from annotator.domain.label import Label
    from annotator.domain.segment import Segment
    from annotator.formats.json.writer import save_json

    with Project.create(tmp_path / "p", Vocabulary.load(vocabulary_path("state-tv"))) as project:
        video = project.store.add_video("clip.mp4", "1-abc", _info("clip.mp4"))
        laughter = project.store.label_by_name("laughter")
        assert laughter is not None
        project.store.update_label(replace(laughter, archived=True))  # it had key 2
        driving = project.store.label_by_name("driving")
        assert driving is not None
        labels = [
            Label("giggles", colour="#123456", key="2", id=0),
            Label("honks", colour="#654321", key=driving.key, id=1),
        ]
        segments = [Segment(video.id, 0, 0, 5), Segment(video.id, 1, 5, 10)]
        save_json(tmp_path / "in.json", [video], labels, segments, [])
        exchange.import_file(project, tmp_path / "in.json")
        giggles, honks = project.store.label_by_name("giggles"), project.store.label_by_name("honks")
        assert giggles is not None
        assert honks is not None
        assert (giggles.key, honks.key) == ("2", "")  # a key an active label holds is not taken

"""Statistics of a project: a grouping it does not know is refused by name, with the choices."""

from __future__ import annotations

from dataclasses import replace
from fractions import Fraction
from pathlib import Path

import pytest
from merge_helpers import label_id, video_info

from annotator.domain.frame_times import FrameTimes
from annotator.domain.label import Vocabulary
from annotator.domain.segment import Segment, Source
from annotator.project.errors import ProjectError
from annotator.project.project import Project
from annotator.project.statistics import label_spans, project_statistics
from annotator.resources import vocabulary_path


def test_an_unknown_grouping_is_refused_with_the_choices(tmp_path: Path) -> None:
    with Project.create(tmp_path / "p", Vocabulary.load(vocabulary_path("state-tv"))) as project:
        with pytest.raises(ProjectError) as caught:
            project_statistics(project, by="coder")
        assert str(caught.value) == "--by must be one of label, video, annotator, not 'coder'"
        assert project_statistics(project, by="video").groups == []


def test_label_spans_join_overlaps_per_label_in_the_videos_own_seconds(tmp_path: Path) -> None:
    fps = Fraction(30000, 1001)
    info = replace(video_info("news.mp4", 300), fps=fps, frame_times=FrameTimes.constant(fps, 300))
    with Project.create(tmp_path / "p", Vocabulary.load(vocabulary_path("state-tv"))) as project:
        news = project.store.add_video("news.mp4", "1-a", info)
        other = project.store.add_video("other.mp4", "2-b", video_info("other.mp4"))
        laughter, driving = label_id(project, "laughter"), label_id(project, "driving")
        project.store.add_segments([
            Segment(news.id, laughter, 30, 60, annotator="ana"),
            Segment(news.id, laughter, 45, 90, annotator="ben"),  # overlaps: one stretch
            Segment(news.id, laughter, 90, 120, annotator="ana"),  # touches it: still one
            Segment(news.id, laughter, 150, 180, annotator="ana"),
            Segment(news.id, driving, 0, 30, annotator="ana"),
            Segment(news.id, driving, 200, 240, source=Source.PROPOSAL),  # a proposal is left out
            Segment(other.id, driving, 100, 200, annotator="ana"),  # another video
        ])  # fmt: skip
        assert label_spans(project, news.id) == {
            "driving": [(0.0, 1.001)],
            "laughter": [(1.001, 4.004), (5.005, 6.006)],
        }
        assert label_spans(project, other.id) == {"driving": [(4.0, 8.0)]}

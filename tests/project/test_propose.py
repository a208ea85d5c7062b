"""Proposals in a project: shots, sounds and more like this, stored as proposals, never twice,
never bringing back one that was rejected; exports leave them out unless asked."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from analysis_clips import HARD_CUT

from annotator.analysis.results import AnalysisCancelled
from annotator.domain.label import Vocabulary
from annotator.domain.segment import Segment, Source
from annotator.project.analyze import cached_analysis
from annotator.project.errors import ProjectError
from annotator.project.import_plan import write_import
from annotator.project.project import Project
from annotator.project.propose import ProposalRequest, analyses_of, propose
from annotator.resources import vocabulary_path


@pytest.fixture
def project(tmp_path: Path, shot_clip: Path, sound_clip: Path) -> Project:
    created = Project.create(tmp_path / "project", Vocabulary.load(vocabulary_path("state-tv")))
    created.add_video(shot_clip)
    created.add_video(sound_clip)
    return created


def run(project: Project, request: ProposalRequest) -> int:
    plan, _ = propose(project, request, annotator="ana")
    with project.store.transaction():
        write_import(project.store, plan)
    return len(plan.segments)


def proposals(project: Project, label: str) -> list[Segment]:
    found = project.store.label_by_name(label)
    assert found is not None
    return [s for s in project.store.segments() if s.label_id == found.id]


def test_shots_become_proposals_once(project: Project) -> None:
    assert run(project, ProposalRequest("shots.mp4", shots=True)) == 4  # a cut, a dissolve, a fade
    shots = proposals(project, "shot")
    assert [(s.start_frame, s.end_frame) for s in shots][:2] == [
        (0, HARD_CUT),
        (HARD_CUT, shots[1].end_frame),
    ]
    assert all(s.source == Source.PROPOSAL and s.annotator == "ana" for s in shots)
    assert all(s.attributes["proposed_by"] == "shots" and "score" in s.attributes for s in shots)
    assert project.store.label_by_name("shot").description.startswith("Proposed by analysis")  # type: ignore[union-attr]
    assert run(project, ProposalRequest("shots.mp4", shots=True)) == 0
    assert len(proposals(project, "shot")) == 4


def test_a_rejected_proposal_does_not_come_back(project: Project) -> None:
    run(project, ProposalRequest("shots.mp4", shots=True))
    rejected = proposals(project, "shot")[1]
    project.store.delete_segment(rejected.id)
    assert run(project, ProposalRequest("shots.mp4", shots=True)) == 0
    assert rejected.id not in {s.id for s in project.store.segments()}


def test_sounds_get_labels_that_say_what_they_are(project: Project) -> None:
    run(project, ProposalRequest("sounds.mp4", sounds=True))
    assert proposals(project, "silence")
    assert proposals(project, "speech")
    (loud,) = proposals(project, "loud non-speech")
    assert abs(loud.start_frame - 9 * 25) <= 3
    found = proposals(project, "silence") + proposals(project, "speech") + [loud]
    assert {s.attributes["proposed_by"] for s in found} == {"sounds"}
    assert all(isinstance(s.attributes["score"], float) and s.attributes["score"] > 0 for s in found)


def test_more_like_this_needs_examples_and_learns_from_them(project: Project) -> None:
    with pytest.raises(ProjectError, match="no segment is coded 'laughter'"):
        propose(project, ProposalRequest(like="laughter"))
    laughter = project.store.label_by_name("laughter")
    assert laughter is not None
    assert laughter.id is not None
    sounds = project.video_by_name("sounds.mp4")
    project.store.add_segment(Segment(sounds.id, laughter.id, 225, 240, annotator="ana"))  # the burst
    plan, examples = propose(project, ProposalRequest(like="laughter"))
    assert examples == 1
    assert 0 < len(plan.segments) <= 10
    assert all(s.label_id == laughter.id and s.source == Source.PROPOSAL for s in plan.segments)
    assert all(s.end_frame - s.start_frame == 15 for s in plan.segments)  # as long as the example


def test_exports_leave_proposals_out_unless_asked(project: Project) -> None:
    run(project, ProposalRequest("shots.mp4", shots=True))
    laughter = project.store.label_by_name("laughter")
    assert laughter is not None
    assert laughter.id is not None
    shots = project.video_by_name("shots.mp4")
    project.store.add_segment(Segment(shots.id, laughter.id, 10, 20, annotator="ana"))

    def exported(choice: str) -> list[str]:
        out = io.StringIO()
        project.export_csv(out, proposals=choice)
        return [row["label"] for row in csv.DictReader(io.StringIO(out.getvalue()))]

    assert exported("exclude") == ["laughter"]
    assert sorted(exported("include")) == ["laughter", "shot", "shot", "shot", "shot"]
    assert exported("only") == ["shot"] * 4


def test_nothing_asked_is_refused(project: Project) -> None:
    with pytest.raises(ProjectError, match="say what to propose"):
        propose(project, ProposalRequest())


def test_analysing_several_videos_reports_one_bar_and_can_be_cancelled(project: Project) -> None:
    videos = project.store.videos()
    with pytest.raises(AnalysisCancelled):  # asked at once: nothing analysed, nothing cached
        analyses_of(project, videos, cancel=lambda: True)
    assert all(cached_analysis(project.cache, video.fingerprint) is None for video in videos)
    seen: list[float] = []
    found = analyses_of(project, videos, progress=seen.append)
    assert sorted(found) == [video.id for video in videos]
    assert seen == sorted(seen)
    assert seen[-1] == 1.0
    assert 0.5 in seen  # the first of the two videos fills half the bar
    assert all(0 <= fraction <= 1 for fraction in seen)

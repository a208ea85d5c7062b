"""Proposals planned from an analysis: one per shot from frame 0 (a boundary at frame 0 starts
no empty shot), and only those the project has never held, each once."""

from __future__ import annotations

import numpy as np
from merge_helpers import video_info

from annotator.analysis.results import ShotBoundary, ShotKind
from annotator.domain.label import Label
from annotator.domain.video import Video
from annotator.project.analyze import VideoAnalysis
from annotator.project.proposals import SHOT_LABEL, plan_proposals, proposal_id, shot_proposals

VIDEO = Video(1, "clip.mp4", "1-abc", video_info("clip.mp4", 100))


def _analysis(*frames: int) -> VideoAnalysis:
    shots = [ShotBoundary(f, ShotKind.HARD, f, f + 1, f / 100) for f in frames]
    return VideoAnalysis(shots, np.zeros((0, 8), np.float32), None, [])


def test_one_proposal_per_shot_and_a_boundary_at_the_start_adds_none() -> None:
    found = shot_proposals(VIDEO, _analysis(0, 40, 70))
    assert [(p.start_frame, p.end_frame, p.score) for p in found] == [
        (0, 40, 1.0),
        (40, 70, 0.4),
        (70, 100, 0.7),
    ]
    assert {p.label for p in found} == {SHOT_LABEL}


def test_only_proposals_never_held_are_planned_each_once() -> None:
    first, second, third = shot_proposals(VIDEO, _analysis(40, 70))
    plan = plan_proposals(
        [first, second, second, third], [Label(SHOT_LABEL, id=5)], {proposal_id(VIDEO, first)}
    )
    assert [(s.start_frame, s.end_frame, s.label_id) for s in plan.segments] == [(40, 70, 5), (70, 100, 5)]
    assert plan.new_labels == ()

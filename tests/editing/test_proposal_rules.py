"""The rules behind the shot and proposal keys: boundaries, the shot under the playhead,
the next proposal, proposals above a score."""

from __future__ import annotations

from annotator.domain.segment import Segment, Source
from annotator.editing.proposal_rules import (
    boundary_after,
    boundary_before,
    proposal_text,
    proposals_at_or_above,
    shot_at,
    step_proposal,
)

BOUNDARIES = [75, 162, 237]


def proposal(start: int, end: int, score: float | None = 0.5, label_id: int = 1, **extra: object) -> Segment:
    attributes: dict[str, object] = {"proposed_by": "shots", **extra}
    if score is not None:
        attributes["score"] = score
    return Segment(1, label_id, start, end, f"p{start}", attributes=attributes, source=Source.PROPOSAL)


def test_boundaries_either_side_of_a_frame() -> None:
    assert boundary_after(BOUNDARIES, 0) == 75
    assert boundary_after(BOUNDARIES, 75) == 162  # on a boundary: the next one
    assert boundary_after(BOUNDARIES, 237) is None
    assert boundary_before(BOUNDARIES, 100) == 75
    assert boundary_before(BOUNDARIES, 75) is None  # on the first boundary: none before
    assert boundary_before(BOUNDARIES, 238) == 237
    assert boundary_after([], 5) is None


def test_the_shot_under_a_frame() -> None:
    assert shot_at(BOUNDARIES, 0, 300) == (0, 75)
    assert shot_at(BOUNDARIES, 74, 300) == (0, 75)
    assert shot_at(BOUNDARIES, 75, 300) == (75, 162)  # a boundary is the new shot's first frame
    assert shot_at(BOUNDARIES, 299, 300) == (237, 300)
    assert shot_at([], 10, 300) == (0, 300)


def test_next_and_previous_proposal() -> None:
    manual = Segment(1, 1, 20, 30, "m")
    segments = [proposal(50, 60), manual, proposal(10, 20), proposal(50, 55)]
    assert step_proposal(segments, 0, 1).id == "p10"  # type: ignore[union-attr]
    assert step_proposal(segments, 10, 1).start_frame == 10  # type: ignore[union-attr]
    assert step_proposal(segments, 11, 1).end_frame == 55  # type: ignore[union-attr]
    assert step_proposal(segments, 11, -1).id == "p10"  # type: ignore[union-attr]
    assert step_proposal(segments, 10, -1) is None
    first_at_50 = step_proposal(segments, 11, 1)
    assert first_at_50 is not None
    following = step_proposal(segments, first_at_50, 1)  # same start: by end, then id
    assert following is not None
    assert (following.start_frame, following.end_frame) == (50, 60)
    assert step_proposal(segments, following, 1) is None
    assert step_proposal(segments, following, -1) == first_at_50
    assert step_proposal([manual], 0, 1) is None


def test_proposals_at_or_above_a_score() -> None:
    segments = [proposal(0, 5, 0.9), proposal(5, 9, 0.5), proposal(9, 12, None), proposal(12, 20, 0.7, 2)]
    segments.append(Segment(1, 1, 30, 40, "manual", attributes={"score": 1.0}))
    assert proposals_at_or_above(segments, 0.7) == ["p0", "p12"]
    assert proposals_at_or_above(segments, 0.5, label_id=1) == ["p0", "p5"]
    assert proposals_at_or_above(segments, 0.95) == []


def test_tooltip_text() -> None:
    assert proposal_text(proposal(0, 5, 0.873), "shot") == "Proposal: shot (shot), score 0.87"
    like = proposal(0, 5, 0.5, proposed_by="like")
    assert proposal_text(like, "laughter") == "Proposal: laughter (more like this), score 0.50"
    assert proposal_text(proposal(0, 5, None), "shot") == "Proposal: shot (shot)"
    unsigned = Segment(1, 1, 0, 5, "p", attributes={"score": 0.5}, source=Source.PROPOSAL)
    assert proposal_text(unsigned, "laughter") == "Proposal: laughter (analysis), score 0.50"
    other = proposal(0, 5, None, proposed_by="a colleague's script")  # not one of ours: named as given
    assert proposal_text(other, "laughter") == "Proposal: laughter (a colleague's script)"

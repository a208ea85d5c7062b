"""Proposals through the document: added, accepted and rejected as undoable steps that
every view hears of, never mixed into the user's data until accepted."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from annotator.domain.label import Label
from annotator.domain.segment import Segment, Source, Verdict
from annotator.editing.annotation_document import AnnotationDocument
from annotator.editing.review_queue import ReviewFilters
from annotator.editing.review_session import ReviewSession
from annotator.project.import_plan import ImportPlan


def plan(document: AnnotationDocument) -> ImportPlan:
    video_id = document.store.videos()[0].id
    shot = Label("shot", "#9e9e9e", description="Proposed by analysis")
    segments = tuple(
        Segment(video_id, -1, start, start + 25, f"p-{start}", annotator="", source=Source.PROPOSAL,
                attributes={"proposed_by": "shots", "score": float(start)})
        for start in (0, 25, 50)
    )  # fmt: skip
    return ImportPlan(Path("analysis"), segments, new_labels=(shot,))


def snapshot(document: AnnotationDocument) -> list[tuple[str, int, int, str, str]]:
    rows = ((s.id, s.start_frame, s.end_frame, s.source.value, s.annotator) for s in document.segments())
    return sorted(rows)


def test_add_accept_reject_and_undo_every_step(document: AnnotationDocument) -> None:
    resets: list[object] = []
    document.reset.connect(lambda *args: resets.append(args))
    steps = [snapshot(document)]
    document.add_proposals(plan(document))
    assert document.undo_stack.undoText() == "Add 3 proposals"
    assert resets
    steps.append(snapshot(document))
    assert [s[3] for s in steps[-1]] == ["proposal"] * 3
    document.accept_proposals(["p-25"])
    accepted = document.segment("p-25")
    assert (accepted.source, accepted.annotator) == (Source.MANUAL, "ana")
    assert accepted.attributes == {"proposed_by": "shots", "score": 25.0, "accepted_proposal": True}
    assert document.undo_stack.undoText() == "Accept proposal"
    steps.append(snapshot(document))
    document.reject_proposals(["p-0", "p-25"])  # p-25 is no longer a proposal: only p-0 goes
    assert document.undo_stack.undoText() == "Reject proposal"
    assert {s.id for s in document.segments()} == {"p-25", "p-50"}
    steps.append(snapshot(document))
    for expected in reversed(steps[:-1]):
        document.undo_stack.undo()
        assert snapshot(document) == expected
    for expected in steps[1:]:
        document.undo_stack.redo()
        assert snapshot(document) == expected


def test_accepting_or_rejecting_several_proposals_is_one_step_named_for_them(
    document: AnnotationDocument,
) -> None:
    document.add_proposals(plan(document))
    document.accept_proposals(["p-0", "p-25"])
    assert document.undo_stack.undoText() == "Accept 2 proposals"
    assert [s.source for s in document.segments()] == [Source.MANUAL, Source.MANUAL, Source.PROPOSAL]
    document.undo_stack.undo()
    document.reject_proposals(["p-0", "p-25", "p-50"])
    assert document.undo_stack.undoText() == "Reject 3 proposals"
    assert document.segments() == []
    document.undo_stack.undo()
    assert [s.source for s in document.segments()] == [Source.PROPOSAL] * 3


def test_accepting_a_segment_that_is_not_a_proposal_changes_nothing(document: AnnotationDocument) -> None:
    label = document.labels()[0]
    assert label.id is not None
    coded = document.add_segment(document.store.videos()[0].id, label.id, 10, 20)
    depth = document.undo_stack.count()
    document.accept_proposals([coded.id])
    document.reject_proposals([coded.id])
    assert document.undo_stack.count() == depth
    assert document.segment(coded.id) == replace(coded, updated_at=document.segment(coded.id).updated_at)


def test_review_queues_proposals_only_when_asked_and_verdicts_decide_them(document: AnnotationDocument):

    label = document.labels()[0]
    assert label.id is not None
    coded = document.add_segment(document.store.videos()[0].id, label.id, 100, 120)
    document.add_proposals(plan(document))
    session = ReviewSession(document, "rita")
    session.set_filters(ReviewFilters())
    assert session.queue == [coded.id]  # by default, no proposals
    session.set_filters(ReviewFilters(proposals="include"))
    assert session.queue == ["p-0", "p-25", "p-50", coded.id]  # by time, both kinds
    session.set_filters(ReviewFilters.of_segments([coded.id, "p-25"]))  # search results sent to review
    assert session.queue == ["p-25", coded.id]
    session.set_filters(ReviewFilters(proposals="only"))
    assert session.queue == ["p-0", "p-25", "p-50"]
    session.set_note("a clean cut")
    session.judge(Verdict.APPROVED)  # accepted, by the reviewer, and approved: one step
    accepted = document.segment("p-0")
    assert (accepted.source, accepted.annotator) == (Source.MANUAL, "rita")
    reviews = [(r.reviewer, r.verdict, r.note) for r in document.store.reviews("p-0")]
    assert reviews == [("rita", Verdict.APPROVED, "a clean cut")]
    assert document.undo_stack.undoText() == "Review: accept proposal"
    assert session.current().id == "p-25"  # type: ignore[union-attr]
    session.judge(Verdict.REJECTED)  # gone from the project; the queue moves on by itself
    assert "p-25" not in {s.id for s in document.segments()}
    assert document.undo_stack.undoText() == "Review: reject proposal"
    assert session.current().id == "p-50"  # type: ignore[union-attr]
    document.undo_stack.undo()
    assert document.segment("p-25").source == Source.PROPOSAL
    document.undo_stack.undo()
    assert document.segment("p-0").source == Source.PROPOSAL
    assert document.store.reviews("p-0") == []

"""Resolving a disagreement is one undoable edit: push, undo and redo, each compared with a
snapshot of the database; the merged segments are recorded in their attributes."""

from __future__ import annotations

from fractions import Fraction

import pytest
from editing_helpers import label_id

from annotator.analysis.disagreements import Disagreement, DisagreementKind
from annotator.domain.segment import Segment, SegmentError, Source
from annotator.editing.annotation_document import AnnotationDocument
from annotator.editing.disagreement_resolution import Resolution, resolve_disagreement, suggested_bounds
from annotator.editing.review_queue import ReviewFilters, select_queue
from annotator.project.agreement import AgreementRequest, compute_agreement, video_agreement_work
from annotator.project.coder_segments import coder_disagreements, video_coders
from annotator.project.project import Project


def snapshot(document: AnnotationDocument) -> list[tuple]:
    """Every segment row, deleted ones included, with its attributes and deleted flag."""
    store = document.store
    return [
        (s.id, s.start_frame, s.end_frame, s.annotator, sorted(s.attributes.items()), store.is_deleted(s.id))
        for s in store.segments(include_deleted=True)
    ]


@pytest.fixture
def coded(document: AnnotationDocument) -> AnnotationDocument:
    laughter = label_id(document, "laughter")
    document.store.add_segments(
        [
            Segment(1, laughter, 10, 40, id="a-pair", annotator="ana"),
            Segment(1, laughter, 14, 42, id="b-pair", annotator="ben", attributes={"shot": 3}),
            Segment(1, laughter, 100, 120, id="a-alone", annotator="ana"),
            Segment(1, laughter, 200, 220, id="b-alone", annotator="ben"),
        ]
    )
    return document


def listed(document: AnnotationDocument) -> list[Disagreement]:
    return coder_disagreements(document.store, 1, ("ana", "ben"), (), Fraction(1, 2), tolerance_frames=2)


def test_the_list_the_window_shows(coded: AnnotationDocument) -> None:
    found = listed(coded)
    assert [(d.kind, d.start_frame, d.end_frame, d.segment_ids) for d in found] == [
        (DisagreementKind.BOUNDARIES, 10, 42, ("a-pair", "b-pair")),
        (DisagreementKind.ONLY_A, 100, 120, ("a-alone",)),
        (DisagreementKind.ONLY_B, 200, 220, ("b-alone",)),
    ]


@pytest.mark.parametrize(
    ("resolution", "bounds", "kept", "removed", "kept_bounds"),
    [
        (Resolution.KEEP_A, None, "a-pair", "b-pair", (10, 40)),
        (Resolution.KEEP_B, None, "b-pair", "a-pair", (14, 42)),
        (Resolution.ADJUST, (12, 41), "a-pair", "b-pair", (12, 41)),
    ],
)
def test_a_pair_resolved_is_one_step_that_undoes_and_redoes_exactly(
    coded: AnnotationDocument,
    resolution: Resolution,
    bounds: tuple[int, int] | None,
    kept: str,
    removed: str,
    kept_bounds: tuple[int, int],
) -> None:
    before = snapshot(coded)
    result = resolve_disagreement(coded, listed(coded)[0], resolution, bounds, resolved_by="rita")
    after = snapshot(coded)
    assert result is not None
    assert (result.id, result.start_frame, result.end_frame) == (kept, *kept_bounds)
    merged = {"merged_from": ["a-pair", "b-pair"], "resolved_by": "rita", "resolution": resolution.value}
    assert {k: v for k, v in result.attributes.items() if k != "shot"} == merged
    gone = coded.store.segment(removed)
    assert coded.store.is_deleted(removed)
    assert gone.attributes["merged_into"] == kept
    assert coded.undo_stack.count() == 1
    assert coded.undo_stack.undoText().startswith("Resolve disagreement")
    coded.undo_stack.undo()
    assert snapshot(coded) == before
    coded.undo_stack.redo()
    assert snapshot(coded) == after
    assert [d.segment_ids for d in listed(coded)] == [("a-alone",), ("b-alone",)]  # resolved: not listed


def test_keeping_the_side_without_a_segment_deletes_the_other(coded: AnnotationDocument) -> None:
    only_a = listed(coded)[1]
    before = snapshot(coded)
    assert resolve_disagreement(coded, only_a, Resolution.KEEP_B, resolved_by="rita") is None
    assert coded.store.is_deleted("a-alone")
    assert coded.store.segment("a-alone").attributes == {
        "merged_into": None,
        "resolved_by": "rita",
        "resolution": "keep_b",
    }
    coded.undo_stack.undo()
    assert snapshot(coded) == before


def test_keeping_a_lone_segment_records_it_and_adjust_moves_b_when_a_has_none(
    coded: AnnotationDocument,
) -> None:
    only_a, only_b = listed(coded)[1:]
    kept = resolve_disagreement(coded, only_a, Resolution.KEEP_A)
    assert kept is not None
    assert kept.attributes == {"merged_from": ["a-alone"], "resolved_by": "ana", "resolution": "keep_a"}
    moved = resolve_disagreement(coded, only_b, Resolution.ADJUST, (205, 215))
    assert moved is not None
    assert (moved.id, moved.start_frame, moved.end_frame) == ("b-alone", 205, 215)
    assert coded.undo_stack.count() == 2
    assert [d.segment_ids for d in listed(coded)] == [("a-pair", "b-pair")]


def test_refusals_change_nothing(coded: AnnotationDocument) -> None:
    pair = listed(coded)[0]
    before = snapshot(coded)
    with pytest.raises(ValueError, match=r"^bounds are given with 'adjust', and only with it$"):
        resolve_disagreement(coded, pair, Resolution.ADJUST)
    with pytest.raises(ValueError, match=r"^bounds are given with 'adjust', and only with it$"):
        resolve_disagreement(coded, pair, Resolution.KEEP_A, (1, 2))
    with pytest.raises(SegmentError):
        resolve_disagreement(coded, pair, Resolution.ADJUST, (10, 9999))  # past the video's end
    coded.remove_segments(["b-pair"])
    with pytest.raises(LookupError, match="b-pair was deleted"):
        resolve_disagreement(coded, pair, Resolution.KEEP_A)
    coded.undo_stack.undo()
    assert snapshot(coded) == before
    assert coded.undo_stack.count() == 1  # only the removal made here


def test_adjust_starts_from_the_mean_bounds_of_a_pair_or_a_lone_segments_own(
    coded: AnnotationDocument,
) -> None:
    pair, alone, _ = listed(coded)
    assert suggested_bounds(pair) == (12, 41)  # (10 + 14) / 2, (40 + 42) / 2
    assert suggested_bounds(alone) == (100, 120)
    odd = Disagreement(DisagreementKind.BOUNDARIES, 1, 0, 9, Segment(1, 1, 0, 5), Segment(1, 1, 3, 8))
    assert suggested_bounds(odd) == (2, 7)  # halves rounded up: 1.5 -> 2, 6.5 -> 7
    one_frame = Disagreement(DisagreementKind.ONLY_A, 1, 0, 9, Segment(1, 1, 4, 5), None)
    assert suggested_bounds(one_frame) == (4, 5)
    close = Disagreement(DisagreementKind.BOUNDARIES, 1, 0, 9, Segment(1, 1, 4, 5), Segment(1, 1, 5, 6))
    assert suggested_bounds(close) == (5, 6)  # 4.5 -> 5, 5.5 -> 6: still one frame, never empty


def test_the_coders_of_a_video_leave_proposals_out(coded: AnnotationDocument) -> None:
    laughter = label_id(coded, "laughter")
    coded.store.add_segments(
        [
            Segment(1, laughter, 5, 9, annotator="pia", source=Source.PROPOSAL),
            Segment(1, laughter, 5, 9, annotator=""),  # no name: nobody to compare
        ]
    )
    assert video_coders(coded.store, 1) == ["ana", "ben"]


def test_the_window_computes_one_video_as_the_command_does(coded: AnnotationDocument) -> None:
    store = coded.store
    compute = video_agreement_work(store, store.video(1), ["ana", "ben"], (), Fraction(1, 2))
    expected = compute_agreement(Project(store), AgreementRequest(("ana", "ben"), ("1",)))
    assert compute() == expected.videos[0]
    assert compute().labels["laughter"].matched == 1


def test_review_can_queue_only_given_segments(coded: AnnotationDocument) -> None:
    ids = frozenset(listed(coded)[0].segment_ids)
    chosen = select_queue(coded.segments(), {}, ReviewFilters(status=None, segment_ids=ids))
    assert chosen == ["a-pair", "b-pair"]


@pytest.mark.parametrize(("labels", "iou"), [((), Fraction(1, 2)), ((" Laughter",), Fraction(9, 10))])
def test_the_window_computes_what_the_command_does_for_any_labels_and_threshold(
    coded: AnnotationDocument, labels: tuple[str, ...], iou: Fraction
) -> None:
    driving = label_id(coded, "driving")
    coded.store.add_segments(
        [Segment(1, driving, 0, 50, annotator="ana"), Segment(1, driving, 0, 60, annotator="ben")]
    )
    store = coded.store
    compute = video_agreement_work(store, store.video(1), ["ana", "ben"], labels, iou)
    expected = compute_agreement(Project(store), AgreementRequest(("ana", "ben"), ("1",), labels, iou))
    assert compute() == expected.videos[0]
    assert sorted(compute().labels) == (["laughter"] if labels else ["driving", "laughter"])
    # the pair 10-40 / 14-42 overlaps by 26 of 32 frames: matched at 1/2, not at 9/10
    assert compute().labels["laughter"].matched == (1 if iou == Fraction(1, 2) else 0)


def test_the_coders_of_a_video_are_those_of_that_video_only(coded: AnnotationDocument) -> None:
    store = coded.store
    other = store.add_video("other.mp4", "2-def", store.video(1).info)
    laughter = label_id(coded, "laughter")
    store.add_segments([Segment(other.id, laughter, 0, 9, annotator="carl")])
    assert video_coders(store, 1) == ["ana", "ben"]
    assert video_coders(store, other.id) == ["carl"]


def test_the_list_by_default_counts_a_boundary_one_frame_off_and_follows_the_labels(
    coded: AnnotationDocument,
) -> None:
    driving = label_id(coded, "driving")
    coded.store.add_segments(
        [
            Segment(1, driving, 150, 170, id="a-road", annotator="ana"),
            Segment(1, driving, 151, 170, id="b-road", annotator="ben"),
        ]
    )
    found = coder_disagreements(coded.store, 1, ("ana", "ben"), ("driving",))
    assert [(d.kind, d.segment_ids) for d in found] == [(DisagreementKind.BOUNDARIES, ("a-road", "b-road"))]
    assert coder_disagreements(coded.store, 1, ("ana", "ben"), ("driving",), tolerance_frames=1) == []
    assert len(coder_disagreements(coded.store, 1, ("ana", "ben"))) == 4  # every label: the three and this

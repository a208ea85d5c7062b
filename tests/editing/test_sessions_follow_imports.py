"""The review and coding sessions follow an import and its undo (the document's ``reset``),
and what the review panel asks the session: the play range and the latest verdict."""

from __future__ import annotations

from pathlib import Path

import pytest
from editing_helpers import label_id
from import_files import json_with_new_labels

from annotator.domain.segment import Segment, Verdict
from annotator.editing.annotation_document import AnnotationDocument
from annotator.editing.coding_session import CodingSession
from annotator.editing.review_queue import PlayRange, ReviewFilters
from annotator.editing.review_session import ReviewSession
from annotator.project import exchange
from annotator.project.project import Project


def _import(document: AnnotationDocument, path: Path) -> None:
    project = Project(document.store)  # type: ignore[arg-type]
    document.apply_import(exchange.plan_import(project, path))


@pytest.fixture
def coded(document: AnnotationDocument) -> list[Segment]:
    laughter = label_id(document, "laughter")
    return [document.add_segment(1, laughter, start, start + 5) for start in (0, 25, 100)]


def test_an_import_joins_the_review_queue_in_order_and_its_undo_takes_it_out(
    qtbot, document: AnnotationDocument, coded: list[Segment], tmp_path: Path
) -> None:
    session = ReviewSession(document, reviewer="rita")
    session.set_filters(ReviewFilters())
    session.next()  # at the segment starting at 25
    with qtbot.waitSignal(session.queue_changed):
        _import(document, json_with_new_labels(document.store, tmp_path / "p.json"))
    starts = [document.segment(segment_id).start_frame for segment_id in session.queue]
    # The import's segments at 30 and 70 are unreviewed and join; the one at 10 was approved
    # in the file, so the default filter (unreviewed) leaves it out.
    assert starts == [0, 25, 30, 70, 100]
    assert session.current() == coded[1]
    assert session.position == 1
    assert session.latest_review(coded[1].id) is None

    session.go_to(3)  # at 70, an imported segment
    document.undo_stack.undo()
    assert [document.segment(segment_id).start_frame for segment_id in session.queue] == [0, 25, 100]
    assert session.current() == coded[2]  # the current one went: the next in order is current
    document.undo_stack.redo()
    assert [document.segment(segment_id).start_frame for segment_id in session.queue] == [0, 25, 30, 70, 100]


def test_an_undone_import_past_the_end_of_the_queue_leaves_the_summary(
    document: AnnotationDocument, coded: list[Segment], tmp_path: Path
) -> None:
    _import(document, json_with_new_labels(document.store, tmp_path / "p.json"))
    session = ReviewSession(document, reviewer="rita")
    session.set_filters(ReviewFilters())
    session.go_to(len(session.queue))  # the summary, past the last segment
    document.undo_stack.undo()
    assert session.position == len(session.queue) == 3
    assert session.current() is None


def test_the_latest_verdict_is_the_session_s_answer(
    document: AnnotationDocument, coded: list[Segment]
) -> None:
    session = ReviewSession(document, reviewer="rita")
    session.set_filters(ReviewFilters(status=None))
    session.judge(Verdict.REJECTED)
    session.previous()
    session.judge(Verdict.APPROVED)
    latest = session.latest_review(coded[0].id)
    assert latest is not None
    assert (latest.reviewer, latest.verdict) == ("rita", Verdict.APPROVED)
    assert session.latest_review(coded[2].id) is None


def test_the_play_range_comes_from_the_video_s_table(
    document: AnnotationDocument, coded: list[Segment]
) -> None:
    session = ReviewSession(document, reviewer="rita")
    session.set_filters(ReviewFilters())
    session.preroll_s, session.postroll_s = 0.4, 0.2  # 10 and 5 frames at 25 fps
    assert session.play_range() == PlayRange(0, 9)  # [0, 5) cannot start before frame 0
    assert session.play_range(coded[1]) == PlayRange(15, 34)
    assert session.play_range(coded[2]) == PlayRange(90, 109)
    session.go_to(len(session.queue))
    assert session.play_range() is None


def test_a_segment_open_on_a_label_an_undone_import_took_away_is_dropped(
    qtbot, document: AnnotationDocument, tmp_path: Path
) -> None:
    coding = CodingSession(document)
    coding.set_video(1)
    _import(document, json_with_new_labels(document.store, tmp_path / "p.json"))
    horse_ride, laughter = label_id(document, "horse ride"), label_id(document, "laughter")
    coding.press_label(horse_ride, 10)
    coding.press_label(laughter, 12)
    with qtbot.waitSignal(coding.open_labels_changed):
        document.undo_stack.undo()
    assert coding.open_labels == {laughter: 12}
    with qtbot.assertNotEmitted(coding.open_labels_changed):
        document.undo_stack.redo()  # the label is back, but the open segment stays closed
    assert coding.open_labels == {laughter: 12}


def test_label_with_key_is_the_active_label_a_key_codes(document: AnnotationDocument) -> None:
    laughter = document.label_with_key("2")
    assert laughter is not None
    assert laughter.name == "laughter"
    assert document.label_with_key("0") is None
    assert document.label_with_key("") is None

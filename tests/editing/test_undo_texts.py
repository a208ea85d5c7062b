"""Each edit is one undo step named for the user (Edit ▸ Undo "Delete 2 segments"), and
changing a label is undoable like any other edit."""

from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path

import pytest
from editing_helpers import label_id
from import_files import json_with_new_labels

from annotator.domain.label import Label
from annotator.domain.segment import Verdict
from annotator.editing.annotation_document import AnnotationDocument
from annotator.editing.review_queue import ReviewFilters
from annotator.editing.review_session import ReviewSession
from annotator.project import exchange
from annotator.project.project import Project


def test_every_edit_names_its_undo_step(document: AnnotationDocument, tmp_path: Path) -> None:
    laughter, driving = label_id(document, "laughter"), label_id(document, "driving")
    stack = document.undo_stack
    texts = []

    def step() -> None:
        texts.append(stack.undoText())

    first = document.add_segment(1, laughter, 10, 20)
    step()
    second = document.add_segment(1, laughter, 30, 40)
    document.set_bounds(first.id, 11, 20)
    step()
    document.set_many_bounds({first.id: (12, 21), second.id: (31, 41)}, "Move 2 segments")
    step()
    document.nudge([first.id], 0, 1)
    step()
    document.relabel([first.id], driving)
    step()
    document.set_attributes(first.id, {"k": "v"})
    step()
    document.set_note(first.id, "a note")
    step()
    document.add_label(Label("gift", colour="#123456"))
    step()
    gift = document.store.label_by_name("gift")
    assert gift is not None
    document.change_label(replace(gift, colour="#654321"))
    step()
    document.reorder_labels([label.id for label in reversed(document.labels(include_archived=True))])  # type: ignore[misc]
    step()
    document.add_review(first.id, Verdict.NEEDS_FIX)
    step()
    document.remove_segments([second.id])
    step()
    document.remove_segments([first.id, document.add_segment(1, laughter, 50, 60).id])
    step()
    document.apply_import(
        exchange.plan_import(
            Project(document.store), json_with_new_labels(document.store, tmp_path / "p.json")
        )
    )  # type: ignore[arg-type]
    step()
    assert texts == [
        "Add segment 10-20",
        "Change bounds",
        "Move 2 segments",
        "Nudge segment edge",
        "Relabel",
        "Edit attributes",
        "Edit note",
        "Add label gift",
        "Change label gift",
        "Reorder labels",
        "Review: needs_fix",
        "Delete segment",
        "Delete 2 segments",
        "Import p.json",
    ]


def test_a_reviewer_s_fixes_are_one_step_each_named_for_the_review(document: AnnotationDocument) -> None:
    laughter, driving = label_id(document, "laughter"), label_id(document, "driving")
    segment = document.add_segment(1, laughter, 10, 20)
    session = ReviewSession(document, reviewer="rita")
    session.set_filters(ReviewFilters())
    count = document.undo_stack.count()
    session.nudge(-1, 2)
    assert document.undo_stack.undoText() == "Review: fix edge"
    session.relabel(driving)
    assert document.undo_stack.undoText() == "Review: relabel"
    assert document.undo_stack.count() == count + 2
    fixed = document.segment(segment.id)
    assert (fixed.start_frame, fixed.end_frame, fixed.label_id) == (9, 22, driving)
    assert fixed.attributes == {"edited_by": "rita"}
    session.relabel(driving)  # already so: no step
    assert document.undo_stack.count() == count + 2
    document.undo_stack.undo()
    document.undo_stack.undo()
    back = document.segment(segment.id)
    assert (back.start_frame, back.end_frame, back.label_id, back.attributes) == (10, 20, laughter, {})


def test_a_reviewer_nudge_past_the_video_or_emptying_the_segment_does_nothing(
    document: AnnotationDocument,
) -> None:
    laughter = label_id(document, "laughter")
    segment = document.add_segment(1, laughter, 240, 250)  # the video has 250 frames
    session = ReviewSession(document, reviewer="rita")
    session.set_filters(ReviewFilters())
    count = document.undo_stack.count()
    session.nudge(0, 1)  # past the end
    session.nudge(10, 0)  # start == end
    assert document.undo_stack.count() == count
    assert document.segment(segment.id) == segment
    session.nudge(0, -1)
    assert document.segment(segment.id).end_frame == 249


def test_changing_a_label_is_undone_and_redone(document: AnnotationDocument) -> None:
    laughter = document.store.label_by_name("laughter")
    assert laughter is not None
    renamed = replace(laughter, name="giggles", colour="#000000", key="")
    document.change_label(renamed)
    assert document.store.label(laughter.id or 0) == renamed
    document.undo_stack.undo()
    assert document.store.label(laughter.id or 0) == laughter
    document.undo_stack.redo()
    assert document.store.label(laughter.id or 0) == renamed
    count = document.undo_stack.count()
    document.change_label(renamed)  # no change: no step
    document.change_label(replace(renamed, id=None))  # not a stored label: nothing to change
    assert document.undo_stack.count() == count
    assert document.store.label_by_name("giggles") == renamed


def test_a_refused_undo_says_what_and_why(
    document: AnnotationDocument, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    refused: list[str] = []
    document.command_refused.connect(refused.append)
    laughter = label_id(document, "laughter")
    segment = document.add_segment(1, laughter, 10, 20)
    document.store.purge_segments([segment.id])  # another program erased it
    document.undo_stack.undo()
    why = f"{document.store.db_path}: no segment with id {segment.id}"
    assert refused == [
        f"Cannot undo “Add segment 10-20”: {why}. "
        "It was changed elsewhere; the data is left as it is and this step is dropped."
    ]
    assert [(r.levelno, r.getMessage()) for r in caplog.records] == [
        (logging.WARNING, f"cannot undo 'Add segment 10-20': {why}")
    ]


def test_a_refused_redo_says_so_and_the_step_is_dropped(document: AnnotationDocument) -> None:
    refused: list[str] = []
    document.command_refused.connect(refused.append)
    laughter = label_id(document, "laughter")
    kept = document.add_segment(1, laughter, 30, 40)
    segment = document.add_segment(1, laughter, 10, 20)
    document.undo_stack.undo()
    document.store.purge_segments([segment.id])  # erased for good by another program
    document.undo_stack.redo()
    assert len(refused) == 1
    assert refused[0].startswith("Cannot redo “Add segment 10-20”: ")
    assert refused[0].endswith("the data is left as it is and this step is dropped.")
    assert [s.id for s in document.segments()] == [kept.id]
    assert not document.undo_stack.canRedo()
    assert document.undo_stack.undoText() == "Add segment 30-40"


def test_a_bug_in_an_undo_is_logged_with_its_traceback_and_never_raised(
    document: AnnotationDocument, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    refused: list[str] = []
    document.command_refused.connect(refused.append)
    segment = document.add_segment(1, label_id(document, "laughter"), 10, 20)

    def broken(segment_id: str) -> None:
        raise RuntimeError("a bug")

    monkeypatch.setattr(document.store, "delete_segment", broken)
    document.undo_stack.undo()  # no exception reaches Qt
    assert refused == [  # not blamed on another client
        "Cannot undo “Add segment 10-20”: a bug. This is a fault in Annotator (the log has the details); "
        "the data is left as it is and this step is dropped."
    ]
    assert [s.id for s in document.segments()] == [segment.id]
    assert not document.undo_stack.canUndo()
    [record] = caplog.records
    assert (record.levelno, record.getMessage()) == (logging.ERROR, "cannot undo 'Add segment 10-20'")
    assert record.exc_info is not None
    assert isinstance(record.exc_info[1], RuntimeError)
    caplog.clear()  # the ERROR was expected here (tests/conftest.py fails a test on one)

"""Imports through the document: one undoable step, one reset signal, all or nothing; and
undo/redo that never raise when a change made elsewhere makes an old command impossible."""

from __future__ import annotations

from pathlib import Path

import pytest
from import_files import csv_using, json_with_new_labels

from annotator.domain.label import Label
from annotator.editing.annotation_document import AnnotationDocument
from annotator.project import exchange
from annotator.project.project import Project


def snapshot(document: AnnotationDocument) -> tuple[list[tuple], list[tuple], list[tuple]]:
    """Segments, labels and reviews as the database holds them."""
    store = document.store
    segments = [(s.id, s.label_id, s.start_frame, s.end_frame, s.note) for s in store.segments()]
    labels = [(lab.id, lab.name, lab.key, lab.order) for lab in store.labels(include_archived=True)]
    reviews = [(r.segment_id, r.reviewer, r.verdict.value, r.note) for r in store.reviews()]
    return segments, labels, reviews


@pytest.fixture
def project(document: AnnotationDocument) -> Project:
    return Project(document.store)  # type: ignore[arg-type]


def _import_in_app(document: AnnotationDocument, project: Project, path: Path) -> exchange.ImportReport:
    return document.apply_import(exchange.plan_import(project, path))


def test_an_import_is_one_undo_step_that_takes_its_segments_labels_and_reviews(
    document: AnnotationDocument, project: Project, tmp_path: Path
) -> None:
    before = snapshot(document)
    resets: list[None] = []
    document.reset.connect(lambda: resets.append(None))
    report = _import_in_app(document, project, json_with_new_labels(document.store, tmp_path / "p.json"))
    assert (report.segments, report.labels, report.reviews) == (3, 2, 1)
    after = snapshot(document)
    assert {name for _, name, _, _ in after[1]} >= {"horse ride", "dogs"}
    assert document.undo_stack.count() == 1
    assert len(resets) == 1
    document.undo_stack.undo()
    assert snapshot(document) == before
    document.undo_stack.redo()
    assert snapshot(document) == after  # the same ids: later commands still find their rows
    assert len(resets) == 3


def test_add_label_import_undo_to_the_start_and_redo_to_the_end(
    document: AnnotationDocument, project: Project, tmp_path: Path
) -> None:
    refused: list[str] = []
    document.command_refused.connect(refused.append)
    states = [snapshot(document)]
    document.add_label(Label("gift", colour="#123456"))
    states.append(snapshot(document))
    ids = [lab.id for lab in document.store.labels(include_archived=True)]
    document.reorder_labels(list(reversed(ids)))
    states.append(snapshot(document))
    _import_in_app(document, project, json_with_new_labels(document.store, tmp_path / "p.json", uses="gift"))
    states.append(snapshot(document))
    stack = document.undo_stack
    for index in range(stack.count(), -1, -1):
        stack.setIndex(index)
        assert snapshot(document) == states[index]
    for index in range(stack.count() + 1):
        stack.setIndex(index)
        assert snapshot(document) == states[index]
    assert refused == []


def test_undoing_an_add_label_that_an_outside_import_used_is_refused_and_the_data_stays_whole(
    document: AnnotationDocument, project: Project, tmp_path: Path
) -> None:
    refused: list[str] = []
    document.command_refused.connect(refused.append)
    document.add_label(Label("gift", colour="#123456"))
    # Another program (the CLI) imports into the same project, using the new label.
    exchange.import_file(project, csv_using(document.store, tmp_path / "in.csv", "gift"))
    whole = snapshot(document)
    document.undo_stack.undo()  # must not raise
    assert snapshot(document) == whole
    assert len(refused) == 1
    assert "gift" in refused[0]
    assert document.undo_stack.count() == 0  # the impossible command is gone
    document.undo_stack.redo()
    assert snapshot(document) == whole


def test_undoing_a_reorder_after_labels_were_added_elsewhere_is_refused(
    document: AnnotationDocument, project: Project, tmp_path: Path
) -> None:
    refused: list[str] = []
    document.command_refused.connect(refused.append)
    laughter = document.store.label_by_name("laughter")
    document.add_segment(1, laughter.id, 0, 5)
    ids = [lab.id for lab in document.store.labels(include_archived=True)]
    document.reorder_labels(list(reversed(ids)))
    exchange.import_file(project, json_with_new_labels(document.store, tmp_path / "p.json"))
    whole = snapshot(document)
    document.undo_stack.undo()  # the reorder no longer names every label
    assert snapshot(document) == whole
    assert len(refused) == 1
    document.undo_stack.undo()  # the older add still undoes
    assert len(document.store.segments()) == len(whole[0]) - 1


def test_a_failed_import_writes_nothing_and_adds_no_step(
    document: AnnotationDocument, project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    plan = exchange.plan_import(project, json_with_new_labels(document.store, tmp_path / "p.json"))
    before = snapshot(document)

    def broken(reviews: object) -> int:
        raise OSError("disk full")

    monkeypatch.setattr(document.store, "add_reviews", broken)
    with pytest.raises(OSError, match="disk full"):
        document.apply_import(plan)
    assert snapshot(document) == before
    assert document.undo_stack.count() == 0


def test_an_import_clashing_with_segments_already_there_is_refused_whole(
    document: AnnotationDocument, project: Project, tmp_path: Path
) -> None:
    path = json_with_new_labels(document.store, tmp_path / "p.json")
    _import_in_app(document, project, path)
    before = snapshot(document)
    with pytest.raises(ValueError, match="already in the project"):
        _import_in_app(document, project, path)
    assert snapshot(document) == before
    assert document.undo_stack.count() == 1

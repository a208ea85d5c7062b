"""``document.apply_import`` is all or nothing even when the disk fills up half-way through
the writing: every table is as it was, no undo step is added and no view is told to reload."""

from __future__ import annotations

from pathlib import Path

import pytest
from db_snapshot import database_snapshot
from import_failures import CASES, DISK_FULL, fail_on_call, import_file_for

from annotator.editing.annotation_document import AnnotationDocument
from annotator.project import exchange
from annotator.project.project import Project
from annotator.storage.errors import StoreError


@pytest.mark.parametrize(("fmt", "method", "call"), CASES)
def test_an_import_failing_while_writing_leaves_the_project_as_it_was(
    document: AnnotationDocument,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    fmt: str,
    method: str,
    call: int,
) -> None:
    project = Project(document.store)  # type: ignore[arg-type]
    path = import_file_for(fmt, project.store, tmp_path)
    plan = exchange.plan_import(project, path, new_labels=fmt == "eaf")
    resets: list[None] = []
    document.reset.connect(lambda: resets.append(None))
    before = database_snapshot(project.store.db_path)

    counter = fail_on_call(monkeypatch, method, call)
    with pytest.raises(StoreError, match=DISK_FULL):
        document.apply_import(plan)
    assert counter.calls == call, "the import never reached its failure point"
    assert database_snapshot(project.store.db_path) == before
    assert document.undo_stack.count() == 0
    assert resets == []

    monkeypatch.undo()  # room on the disk again: the same plan imports whole, and undoes whole
    document.apply_import(plan)
    assert database_snapshot(project.store.db_path) != before
    document.undo_stack.undo()
    undone = database_snapshot(project.store.db_path)
    added_videos = undone.pop("videos")[len(before["videos"]) :]  # adding a video is not undone
    assert [row[1] for row in added_videos] == (["elsewhere/other.mp4"] if fmt == "json" else [])
    assert undone == {table: rows for table, rows in before.items() if table != "videos"}

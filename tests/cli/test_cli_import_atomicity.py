"""``annotator import`` is all or nothing even when the disk fills up half-way through the
writing: every table of the project database is as it was, and the error names the cause."""

from __future__ import annotations

from pathlib import Path

import pytest
from db_snapshot import database_snapshot
from import_failures import CASES, DISK_FULL, fail_on_call, import_file_for

from annotator.project.project import Project


@pytest.mark.parametrize(("fmt", "method", "call"), CASES)
def test_an_import_failing_while_writing_leaves_the_project_as_it_was(
    run, project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str, method: str, call: int
) -> None:
    with Project.open(project) as opened:
        path = import_file_for(fmt, opened.store, tmp_path)
        db_path = opened.store.db_path
    options = ["--new-labels"] if fmt == "eaf" else []
    before = database_snapshot(db_path)

    counter = fail_on_call(monkeypatch, method, call)
    result = run("import", project, path, *options)
    assert counter.calls == call, "the import never reached its failure point"
    assert result.exit_code == 2
    assert DISK_FULL in result.output
    assert "Traceback" not in result.output
    assert database_snapshot(db_path) == before

    monkeypatch.undo()  # room on the disk again: the same file imports whole
    result = run("import", project, path, *options)
    assert result.exit_code == 0, result.output
    assert database_snapshot(db_path) != before

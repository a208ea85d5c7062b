"""``take_copy`` (``annotator copy URL FOLDER``) when the disk or another program gets in the
way: nothing half made is left, a folder the user made stays, a project that appears in the
meantime is not replaced, and a crashed copy's leftovers do not get in the way."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from annotator.domain.label import Label, Vocabulary
from annotator.storage import transfer
from annotator.storage.errors import ProjectExistsError, StoreError
from annotator.storage.project_store import DB_NAME, ProjectStore

pytestmark = pytest.mark.sqlite_only  # local projects on both sides


@pytest.fixture
def source(tmp_path: Path) -> Iterator[ProjectStore]:
    with ProjectStore.create(
        tmp_path / "source", Vocabulary("news", (Label("laughter"),)), name="News"
    ) as store:
        yield store


def test_a_copy_into_new_folders_keeps_the_project_as_it_was(source: ProjectStore, tmp_path: Path) -> None:
    target = tmp_path / "new" / "home"
    transfer.take_copy(source, target)
    with ProjectStore.open(target) as copy:
        for key in ("project_name", "vocabulary", "created_at"):
            assert copy.meta_get(key) == source.meta_get(key), key
        assert [label.name for label in copy.labels()] == ["laughter"]
    assert sorted(p.name for p in (tmp_path / "new").iterdir()) == ["home"]


def test_a_copy_that_cannot_be_written_leaves_nothing_it_made(
    source: ProjectStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def disk_full(*_: Any) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(transfer.os, "replace", disk_full)
    target = tmp_path / "home"
    said = f"^{re.escape(str(target))}: cannot write the copy: No space left on device$"
    with pytest.raises(StoreError, match=said):
        transfer.take_copy(source, target)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["source"]  # neither the folder nor the work
    target.mkdir()  # a folder the user made for it stays, empty
    with pytest.raises(StoreError, match=said):
        transfer.take_copy(source, target)
    assert target.is_dir()
    assert list(target.iterdir()) == []


def test_a_project_that_appears_meanwhile_is_not_replaced(
    source: ProjectStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "home"
    copy_all = transfer._copy_all

    def and_someone_else(*args: Any) -> Any:
        copied = copy_all(*args)
        target.mkdir()
        (target / DB_NAME).write_bytes(b"theirs")
        return copied

    monkeypatch.setattr(transfer, "_copy_all", and_someone_else)
    with pytest.raises(ProjectExistsError) as caught:
        transfer.take_copy(source, target)
    assert str(caught.value) == f"{target}: a project appeared there while copying; nothing was changed"
    assert (target / DB_NAME).read_bytes() == b"theirs"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["home", "source"]


def test_a_crashed_copys_work_folder_is_cleared_first(source: ProjectStore, tmp_path: Path) -> None:
    work = tmp_path / f".home.copying-{os.getpid()}"
    work.mkdir()
    (work / DB_NAME).write_bytes(b"half a copy")
    transfer.take_copy(source, tmp_path / "home")
    with ProjectStore.open(tmp_path / "home") as copy:
        assert copy.meta_get("project_name") == "News"
    assert not work.exists()

"""Creating and opening projects: where the file goes, what it starts with, how it is set."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from annotator.domain.label import Vocabulary
from annotator.storage import DB_NAME, ProjectExistsError, ProjectStore, StoreError, schema
from annotator.storage.pg_store import PgProjectStore


def test_create_writes_the_vocabulary_in_order_and_the_meta(store: ProjectStore) -> None:
    assert isinstance(store, PgProjectStore) or store.db_path == store.directory / DB_NAME
    assert [label.name for label in store.labels()] == ["driver swap", "laughter", "greeting"]
    assert [label.order for label in store.labels()] == [0, 1, 2]
    assert store.meta_get("project_name") == "Test project"
    assert store.meta_get("vocabulary") == "test"
    created = store.meta_get("created_at")
    assert created is not None
    assert created.endswith("Z")
    assert store.meta_get("app_version")
    assert store.meta_get("missing", "default") == "default"


@pytest.mark.sqlite_only
def test_connection_guards_the_data(store: ProjectStore) -> None:
    pragmas = store.pragmas()
    assert pragmas["journal_mode"] == "wal"
    assert pragmas["foreign_keys"] == 1
    assert pragmas["synchronous"] == 1  # NORMAL: with WAL, survives a killed process
    assert pragmas["busy_timeout"] == 5000
    assert pragmas["user_version"] == schema.schema_version() == 2


@pytest.mark.sqlite_only
def test_full_synchronous_can_be_asked_for(store: ProjectStore) -> None:
    with ProjectStore.open(store.directory, synchronous="FULL") as again:
        assert again.pragmas()["synchronous"] == 2


@pytest.mark.sqlite_only
def test_open_by_folder_or_by_file(store: ProjectStore, vocabulary: Vocabulary) -> None:
    store.meta_set("note", "hello")
    for target in (store.directory, store.db_path):
        with ProjectStore.open(target) as again:
            assert again.directory == store.directory
            assert again.meta_get("note") == "hello"
            assert again.backup_made is None
            assert [label.name for label in again.labels()] == [label.name for label in vocabulary.labels]


def test_create_refuses_an_existing_project(store: ProjectStore, vocabulary: Vocabulary) -> None:
    def create_again() -> object:
        if isinstance(store, PgProjectStore):
            return PgProjectStore.create(store.location, vocabulary, media_root=store.directory)
        return ProjectStore.create(store.directory, vocabulary)

    with pytest.raises(ProjectExistsError, match="a project already exists"):
        create_again()


def test_create_reuses_an_empty_file_left_by_an_interrupted_create(
    tmp_path: Path, vocabulary: Vocabulary
) -> None:
    (tmp_path / DB_NAME).write_bytes(b"")
    with ProjectStore.create(tmp_path, vocabulary) as store:
        assert len(store.labels()) == 3
        assert store.meta_get("project_name") == tmp_path.name


def test_open_without_a_project_names_the_place(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match=re.escape(f"{tmp_path}: no Annotator project here")):
        ProjectStore.open(tmp_path)


def test_meta_set_overwrites(store: ProjectStore) -> None:
    store.meta_set("project_name", "Renamed")
    assert store.meta_get("project_name") == "Renamed"


def test_closed_store_raises_a_store_error(tmp_path: Path, vocabulary: Vocabulary) -> None:
    store = ProjectStore.create(tmp_path, vocabulary)
    store.close()
    with pytest.raises(StoreError, match=DB_NAME):
        store.labels()

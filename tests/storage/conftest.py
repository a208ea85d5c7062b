"""Storage fixtures: a fresh project with a video and labels, on each engine.

``store`` is a project in a temporary folder (SQLite) and one in a fresh database of the
session's PostgreSQL server: every test that takes it runs on both. A test (or module)
marked ``sqlite_only`` is about the SQLite file itself (pragmas, WAL, migrations of files).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from storage_helpers import make_info

from annotator.domain.label import Label, LabelKind, Vocabulary
from annotator.domain.video import Video
from annotator.storage import ProjectStore
from annotator.storage.pg_store import PgProjectStore
from annotator.storage.store_base import BaseStore

ENGINES = ("sqlite", "postgresql")


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "engine" in metafunc.fixturenames:
        marked = metafunc.definition.get_closest_marker
        only = "sqlite" if marked("sqlite_only") else "postgresql" if marked("postgresql_only") else None
        metafunc.parametrize("engine", [only] if only else ENGINES)


@pytest.fixture
def vocabulary() -> Vocabulary:
    return Vocabulary(
        "test",
        (
            Label("driver swap", "#ff0000", "1", description="one leader hands the wheel to the other"),
            Label("laughter", "#00ff00", "2"),
            Label("greeting", "#0000ff", "3", LabelKind.POINT),
        ),
    )


@pytest.fixture
def store(
    engine: str, tmp_path: Path, vocabulary: Vocabulary, request: pytest.FixtureRequest
) -> Iterator[BaseStore]:
    if engine == "sqlite":
        with ProjectStore.create(tmp_path / "project", vocabulary, name="Test project") as opened:
            yield opened
        return
    url = request.getfixturevalue("pg_url")
    media_root = tmp_path / "project"
    media_root.mkdir()
    with PgProjectStore.create(url, vocabulary, name="Test project", media_root=media_root) as opened:
        yield opened


@pytest.fixture
def video(store: BaseStore) -> Video:
    return store.add_video(str(store.directory / "media" / "clip.mp4"), "fp-clip", make_info())

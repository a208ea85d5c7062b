"""Schema versions: old files are backed up then migrated; newer or foreign files are refused."""

from __future__ import annotations

import hashlib
import re
import sqlite3
from pathlib import Path

import pytest
from storage_helpers import raw_connection

from annotator.domain.label import Vocabulary
from annotator.storage import DB_NAME, ProjectStore, StoreCorruptError, StoreError, StoreVersionError, schema

CURRENT = schema.schema_version()

pytestmark = pytest.mark.sqlite_only  # the SQLite file itself


def _add_colour_blind_column(conn: sqlite3.Connection) -> None:
    """A stand-in for a future version 2 step."""
    conn.execute("ALTER TABLE labels ADD COLUMN pattern TEXT NOT NULL DEFAULT 'solid'")


def _fingerprint(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


@pytest.fixture
def old_project(tmp_path: Path, vocabulary: Vocabulary) -> Path:
    """A closed project of the current version with one meta value."""
    with ProjectStore.create(tmp_path / "old", vocabulary) as store:
        store.meta_set("marker", "from v1")
    return tmp_path / "old"


def test_an_old_file_is_backed_up_then_migrated(old_project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(schema, "MIGRATIONS", (*schema.MIGRATIONS, _add_colour_blind_column))
    with ProjectStore.open(old_project) as store:
        backup = store.backup_made
        assert store.pragmas()["user_version"] == CURRENT + 1
        assert store.meta_get("marker") == "from v1"
        assert len(store.labels()) == 3
    assert backup is not None
    assert re.fullmatch(rf"{DB_NAME}\.bak-v{CURRENT}-\d{{8}}T\d{{6}}Z", backup.name)
    assert backup.parent == old_project
    copy = raw_connection(backup)
    assert copy.execute("PRAGMA user_version").fetchone()[0] == CURRENT
    assert copy.execute("SELECT value FROM meta WHERE key = 'marker'").fetchone()[0] == "from v1"
    assert "pattern" not in [row[1] for row in copy.execute("PRAGMA table_info(labels)")]
    copy.close()
    live = raw_connection(old_project / DB_NAME)
    assert "pattern" in [row[1] for row in live.execute("PRAGMA table_info(labels)")]
    live.close()


def test_an_up_to_date_file_is_not_backed_up(old_project: Path) -> None:
    with ProjectStore.open(old_project) as store:
        assert store.backup_made is None
    assert not list(old_project.glob("*.bak-*"))


def test_a_failed_migration_changes_nothing_but_leaves_the_backup(
    old_project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(conn: sqlite3.Connection) -> None:
        conn.execute("ALTER TABLE labels ADD COLUMN half TEXT")
        raise sqlite3.OperationalError("step failed half-way")

    monkeypatch.setattr(schema, "MIGRATIONS", (*schema.MIGRATIONS, broken))
    with pytest.raises(StoreError, match="step failed half-way"):
        ProjectStore.open(old_project)
    monkeypatch.undo()
    with ProjectStore.open(old_project) as store:
        assert store.pragmas()["user_version"] == CURRENT
    assert len(list(old_project.glob(f"*.bak-v{CURRENT}-*"))) == 1
    conn = raw_connection(old_project / DB_NAME)
    assert "half" not in [row[1] for row in conn.execute("PRAGMA table_info(labels)")]
    conn.close()


def test_a_newer_file_is_refused_and_left_byte_for_byte(old_project: Path) -> None:
    conn = raw_connection(old_project / DB_NAME)
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    before = _fingerprint(old_project)
    with pytest.raises(
        StoreVersionError, match=rf"newer Annotator \(schema version 99; this one knows up to {CURRENT}\)"
    ):
        ProjectStore.open(old_project)
    assert _fingerprint(old_project) == before  # no -wal, no -shm, no backup, same bytes


def test_a_non_sqlite_file_is_refused_by_name(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_text("these are my notes, not a database\n" * 50)
    with pytest.raises(StoreCorruptError, match=re.escape(f"{path} is not an SQLite database")):
        ProjectStore.open(path)
    assert path.read_text().startswith("these are my notes")


def test_a_damaged_database_is_refused_by_name(old_project: Path) -> None:
    path = old_project / DB_NAME
    data = bytearray(path.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)  # page 1 after the header: the schema table
    path.write_bytes(bytes(data))
    with pytest.raises(StoreCorruptError, match=re.escape(str(path))):
        ProjectStore.open(path)


def test_a_foreign_sqlite_database_is_not_taken_for_a_project(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t (x)")
    conn.close()
    with pytest.raises(StoreError, match="not an Annotator project"):
        ProjectStore.open(path)


def test_backups_are_named_in_utc_and_never_overwrite_one_another(
    old_project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import time
    from datetime import UTC, datetime

    from annotator.storage import migrations

    monkeypatch.setenv("TZ", "Asia/Tokyo")  # nine hours ahead: a local stamp would show it
    time.tzset()
    try:
        before = datetime.now(UTC).replace(microsecond=0)
        first = migrations.backup_path(old_project / DB_NAME, 1)
        after = datetime.now(UTC)
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()
    stamp = datetime.strptime(first.name.rsplit("-", 1)[1], "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
    assert before <= stamp <= after
    first.write_bytes(b"")
    frozen = first.name.removeprefix(f"{DB_NAME}.bak-v1-")

    class Frozen(datetime):
        @classmethod
        def now(cls, tz: object = None) -> Frozen:  # type: ignore[override]
            return cls.strptime(frozen, "%Y%m%dT%H%M%SZ")

    monkeypatch.setattr(migrations, "datetime", Frozen)
    second = migrations.backup_path(old_project / DB_NAME, 1)
    assert second.name == f"{first.name}-2"
    second.write_bytes(b"")
    assert migrations.backup_path(old_project / DB_NAME, 1).name == f"{first.name}-3"


def test_a_backup_that_cannot_be_written_names_the_file(
    old_project: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from annotator.storage import migrations

    target = tmp_path / "no such folder" / "copy.db"
    monkeypatch.setattr(migrations, "backup_path", lambda path, version: target)
    monkeypatch.setattr(schema, "MIGRATIONS", (*schema.MIGRATIONS, _add_colour_blind_column))
    with pytest.raises(StoreError, match=f"^{re.escape(str(target))}: unable to open database file"):
        ProjectStore.open(old_project)

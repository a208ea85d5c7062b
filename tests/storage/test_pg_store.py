"""What only a server project has: its URL, its login errors, its schema version in ``meta``."""

from __future__ import annotations

import itertools
import re
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import psycopg
import pytest
from pg_server import PASSWORD, PASSWORD_USER, PgServer, free_port

from annotator.domain.label import Label, Vocabulary
from annotator.storage import StoreConstraintError, StoreError, StoreVersionError
from annotator.storage.errors import StoreConnectionError
from annotator.storage.pg_database import CONNECT_TIMEOUT_S, PgDatabase, connect_error
from annotator.storage.pg_store import PgProjectStore
from annotator.storage.server_url import is_server_url, parse_server_url


def test_a_url_names_user_host_port_and_database() -> None:
    url = parse_server_url("postgresql://ann@db.example.org:6543/newsroom")
    assert (url.user, url.host, url.port, url.dbname) == ("ann", "db.example.org", 6543, "newsroom")
    assert url.text == "postgresql://ann@db.example.org:6543/newsroom"
    assert parse_server_url("postgres://ann@localhost/x").port is None
    assert is_server_url("postgresql://a@b/c")
    assert not is_server_url("projects/demo")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("postgresql://ann:secret@host/db", "a password does not belong in the URL"),
        ("postgresql://host/db", "the USER part is missing"),
        ("postgresql://ann@host/", "the DBNAME part is missing"),
        ("postgresql://ann@host:99999/db", "the port is not a number"),
        ("postgresql://ann@host/db?sslmode=disable", "options after"),
        ("postgresql://ann@host/news/2026", "DBNAME 'news/2026' cannot contain '/'"),
        ("mysql://ann@host/db", r"not a project URL \(write postgresql://USER@HOST\[:PORT\]/DBNAME\)"),
    ],
)
def test_a_bad_url_is_refused_by_its_part(text: str, message: str) -> None:
    with pytest.raises(StoreError, match=message) as caught:
        parse_server_url(text)
    assert "secret" not in str(caught.value)


def test_a_wrong_password_is_one_clear_message(
    pg_url: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    url = pg_url.replace("annotator@", f"{PASSWORD_USER}@")
    monkeypatch.setenv("PGPASSWORD", "not-" + PASSWORD)
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "none"))
    with pytest.raises(StoreConnectionError, match=f"refused the password for user '{PASSWORD_USER}'"):
        PgProjectStore.open(url, media_root=tmp_path)
    monkeypatch.delenv("PGPASSWORD")
    with pytest.raises(StoreConnectionError, match=r"wants a password .* ~/\.pgpass or PGPASSWORD"):
        PgProjectStore.open(url, media_root=tmp_path)


def test_the_right_password_from_pgpass_opens_it(
    pg_url: str, pg_server: PgServer, vocabulary: Vocabulary, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    with pg_server.admin(pg_url.rsplit("/", 1)[1]) as admin:
        admin.execute(f"GRANT ALL ON SCHEMA public TO {PASSWORD_USER}")
    passfile = tmp_path / "pgpass"
    passfile.write_text(f"127.0.0.1:{pg_server.port}:*:{PASSWORD_USER}:{PASSWORD}\n")
    passfile.chmod(0o600)
    monkeypatch.setenv("PGPASSFILE", str(passfile))
    monkeypatch.delenv("PGPASSWORD", raising=False)
    url = pg_url.replace("annotator@", f"{PASSWORD_USER}@")
    with PgProjectStore.create(url, vocabulary, media_root=tmp_path) as store:
        assert len(store.labels()) == 3
        assert PASSWORD not in store.location


def test_a_missing_database_is_one_clear_message(pg_server: PgServer, tmp_path: Path) -> None:
    with pytest.raises(StoreConnectionError, match="has no database 'nowhere' \\(create it"):
        PgProjectStore.open(pg_server.url("nowhere"), media_root=tmp_path)


def test_a_refused_connection_is_one_clear_message(tmp_path: Path) -> None:
    port = free_port()
    with pytest.raises(StoreConnectionError, match=f"no server answers at 127.0.0.1:{port}"):
        PgProjectStore.open(f"postgresql://ann@127.0.0.1:{port}/db", media_root=tmp_path)


def test_an_empty_database_is_not_a_project(pg_url: str, tmp_path: Path) -> None:
    with pytest.raises(
        StoreError, match=re.escape(f"{pg_url}: no Annotator project here (the database is empty")
    ):
        PgProjectStore.open(pg_url, media_root=tmp_path)


def test_a_newer_schema_is_refused_and_left_alone(
    pg_url: str, vocabulary: Vocabulary, tmp_path: Path
) -> None:
    with PgProjectStore.create(pg_url, vocabulary, media_root=tmp_path) as store:
        store.meta_set("schema_version", "99")
    with pytest.raises(StoreVersionError, match="newer Annotator \\(schema version 99"):
        PgProjectStore.open(pg_url, media_root=tmp_path)


@pytest.mark.postgresql_only
def test_a_restored_label_keeps_its_id_and_new_ones_follow(store: PgProjectStore) -> None:
    extra = store.add_label(Label("extra"))
    store.delete_label(extra.id or 0)
    assert store.restore_label(extra).id == extra.id
    assert (store.add_label(Label("after")).id or 0) > (extra.id or 0)


def test_an_older_schema_is_brought_forward_in_one_transaction(
    pg_url: str, vocabulary: Vocabulary, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from annotator.storage import pg_store

    with PgProjectStore.create(pg_url, vocabulary, media_root=tmp_path):
        pass

    def add_column(conn: object) -> None:
        conn.execute("ALTER TABLE labels ADD COLUMN shortcut_hint TEXT NOT NULL DEFAULT ''")  # type: ignore[attr-defined]

    def fails(conn: object) -> None:
        raise StoreError("step 3 cannot run (a test's failure)")

    monkeypatch.setattr(pg_store, "PG_MIGRATIONS", (*pg_store.PG_MIGRATIONS, add_column, fails))
    with pytest.raises(StoreError, match="step 3 cannot run"):
        PgProjectStore.open(pg_url, media_root=tmp_path)
    monkeypatch.setattr(pg_store, "PG_MIGRATIONS", (*pg_store.PG_MIGRATIONS[:2],))
    with PgProjectStore.open(pg_url, media_root=tmp_path) as store:  # step 2 was rolled back: runs again
        assert store.meta_get("schema_version") == "2"
        assert store.raw_rows("labels", "shortcut_hint")[0] == ("",)


def test_the_listener_waits_longer_between_attempts_while_the_server_is_away() -> None:
    from annotator.storage.pg_listen import PING_S, ChangeListener

    listener = ChangeListener(parse_server_url(f"postgresql://ann@127.0.0.1:{free_port()}/db"), own_pid=1)
    attempts: list[float] = []
    real = listener._connect

    def counted() -> object:
        attempts.append(time.monotonic())
        return real()

    listener._connect = counted  # type: ignore[method-assign]
    deadline = time.monotonic() + 2.5 * PING_S * 4
    while time.monotonic() < deadline:
        assert listener.poll() == set()
        time.sleep(0.02)
    gaps = [b - a for a, b in itertools.pairwise(attempts)]
    assert 2 <= len(attempts) <= 5  # not one per poll (there were ~200 polls)
    assert all(later >= earlier for earlier, later in itertools.pairwise(gaps))
    assert not listener.in_touch


@pytest.mark.parametrize(
    ("libpq_says", "we_say"),
    [
        (
            'connection to server at "db.example", port 5433 failed: FATAL:  role "ann" does not exist',
            "the server at db.example:5433 has no user 'ann'",
        ),
        (
            'connection to server on socket "/run/postgresql/.s.PGSQL.5433" failed: No such file or '
            "directory\n\tIs the server running locally and accepting connections on that socket?",
            "no server answers at db.example:5433 (connection refused; is PostgreSQL running?)",
        ),
        (
            'connection to server at "db.example", port 5433 failed: timeout expired',
            f"the server at db.example:5433 did not answer within {CONNECT_TIMEOUT_S} s",
        ),
        (
            'connection to server at "db.example", port 5433 failed: FATAL:  sorry, too many clients'
            " already\n",
            'cannot connect: connection to server at "db.example", port 5433 failed: FATAL: sorry, too many'
            " clients already",
        ),
    ],
)
def test_each_failed_connection_is_one_line_that_says_why(libpq_says: str, we_say: str) -> None:
    """What libpq 15 writes for the cases a test server cannot show (it asks every unknown
    user for a password; its socket and address always answer)."""
    url = parse_server_url("postgresql://ann@db.example:5433/news")
    error = connect_error(psycopg.OperationalError(libpq_says), url)
    assert str(error) == f"postgresql://ann@db.example:5433/news: {we_say}"
    assert "\n" not in str(error)


def _failing(database: PgDatabase, statement: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """``statement`` fails on the server as if refused (the connection stays up)."""
    connection = database.connection
    real = connection.execute

    def execute(sql: str, parameters: Sequence[Any] = (), /) -> Any:
        if sql == statement:
            raise StoreError(f"refused: {sql}")
        return real(sql, parameters)

    monkeypatch.setattr(connection, "execute", execute)


def test_a_failed_inner_rollback_gives_the_first_error_and_the_outer_one_undoes_all(
    pg_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with PgProjectStore.create(pg_url, Vocabulary("v", (Label("a"),)), media_root=tmp_path) as store:
        database = store.database
        _failing(database, "ROLLBACK TO sp1", monkeypatch)

        def write_both() -> None:
            with database.transaction() as conn:
                conn.execute("INSERT INTO meta (key, value) VALUES ('outer', '1')")
                with database.transaction() as inner:
                    inner.execute("INSERT INTO meta (key, value) VALUES ('inner', '1')")
                    raise ValueError("the cause")

        with pytest.raises(ValueError, match="the cause"):
            write_both()
        assert store.meta_get("outer") is None
        assert store.meta_get("inner") is None
        assert not database.in_transaction


def test_a_failed_outer_rollback_is_said(
    pg_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with PgProjectStore.create(pg_url, Vocabulary("v", (Label("a"),)), media_root=tmp_path) as store:
        database = store.database
        _failing(database, "ROLLBACK", monkeypatch)
        with pytest.raises(StoreError, match="refused: ROLLBACK") as raised, database.transaction():
            raise ValueError("the cause")
        assert isinstance(raised.value.__context__, ValueError)
        assert not database.in_transaction


def test_a_url_without_a_port_is_named_with_the_default_one() -> None:
    url = parse_server_url("postgresql://ann@db.example/news")
    error = connect_error(psycopg.OperationalError("connection refused... Connection refused"), url)
    assert str(error) == (
        "postgresql://ann@db.example/news: no server answers at db.example:5432"
        " (connection refused; is PostgreSQL running?)"
    )


def test_the_servers_refusals_are_one_line_naming_the_project(pg_url: str, tmp_path: Path) -> None:
    with PgProjectStore.create(pg_url, Vocabulary("v", (Label("a"),)), media_root=tmp_path) as store:
        conn = store.database.connection
        with pytest.raises(
            StoreConstraintError
        ) as caught:  # a label the project lacks, past the store's checks
            conn.execute(
                "INSERT INTO segments (id, video_id, label_id, start_frame, end_frame, annotator, note, "
                "attributes, source, created_at, updated_at) VALUES ('s', 1, 99, 0, 1, '', '', '{}', "
                "'manual', 'x', 'x')"
            )
        assert str(caught.value).startswith(
            f'{store.location}: insert or update on table "segments" violates'
        )
        assert str(caught.value).endswith(")")
        assert "review:" not in str(caught.value)
        with pytest.raises(StoreError) as caught:
            conn.execute("SELEC 1")
        assert str(caught.value) == f'{store.location}: syntax error at or near "SELEC"'

"""One PostgreSQL connection (psycopg 3) with the same transactions and errors as ``Database``.

Autocommit, with explicit ``BEGIN``/``COMMIT`` and savepoints inside, as the SQLite side
does: every write method of the store is one transaction, committed when it returns. A
statement that fails gets one :class:`StoreError` naming the project URL; a connection
lost mid-write raises :class:`StoreConnectionError` and nothing of the write is kept.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from typing import Any

import psycopg
from psycopg import errors as pg_errors
from psycopg.conninfo import make_conninfo

from annotator.storage.errors import StoreConnectionError, StoreConstraintError, StoreError
from annotator.storage.server_url import ServerUrl

CONNECT_TIMEOUT_S = 10
_KEY = re.compile(r"Key \((?P<column>[^)]*)\)=\((?P<value>.*)\)")


@lru_cache(maxsize=512)
def to_pg(sql: str) -> str:
    """``?`` placeholders as psycopg's ``%s`` (a literal ``%`` doubled)."""
    return sql.replace("%", "%%").replace("?", "%s")


def connect_error(exc: psycopg.Error, url: ServerUrl) -> StoreConnectionError:
    """One clear line for a failed connection: password, database, role, or no server."""
    text = str(exc)
    where = f"{url.host}:{url.port or 5432}"
    if "password authentication failed" in text:
        why = f"the server refused the password for user {url.user!r} (check ~/.pgpass or PGPASSWORD)"
    elif "no password supplied" in text:
        why = f"the server wants a password for user {url.user!r}; put it in ~/.pgpass or PGPASSWORD"
    elif f'database "{url.dbname}" does not exist' in text:
        why = f"the server at {where} has no database {url.dbname!r} (create it: createdb {url.dbname})"
    elif f'role "{url.user}" does not exist' in text:
        why = f"the server at {where} has no user {url.user!r}"
    elif "Connection refused" in text or "No such file or directory" in text:
        why = f"no server answers at {where} (connection refused; is PostgreSQL running?)"
    elif "timeout" in text.lower():
        why = f"the server at {where} did not answer within {CONNECT_TIMEOUT_S} s"
    else:
        why = "cannot connect: " + " ".join(text.split())
    return StoreConnectionError(f"{url.text}: {why}")


def translate(exc: psycopg.Error, url: ServerUrl, lost: bool = False) -> StoreError:
    """A :class:`StoreError` for a failed statement, naming the row a constraint refused;
    ``lost``: the connection is gone (the server stopped, restarted, or ended it)."""
    if lost:
        return StoreConnectionError(
            f"{url.text}: lost the connection to the server; the change was not saved ({_first_line(exc)})"
        )
    diag = exc.diag
    if isinstance(exc, pg_errors.IntegrityError):
        found = _KEY.search(diag.message_detail or "")
        if isinstance(exc, pg_errors.ForeignKeyViolation) and diag.table_name == "reviews" and found:
            return StoreConstraintError(f"review: segment {found['value']} is not in the project")
        if diag.constraint_name == "segments_pkey" and found:
            return StoreConstraintError(f"a segment id is already in the project: {found['value']}")
        return StoreConstraintError(f"{url.text}: {diag.message_primary} ({diag.message_detail or ''})")
    return StoreError(f"{url.text}: {diag.message_primary or _first_line(exc)}")


def _first_line(exc: BaseException) -> str:
    return str(exc).strip().split("\n", 1)[0]


class PgConnection:
    """psycopg's connection speaking the ``?`` placeholders of the shared SQL."""

    def __init__(self, conn: psycopg.Connection[Any], url: ServerUrl) -> None:
        self.raw = conn
        self._url = url

    @property
    def lost(self) -> bool:
        return bool(self.raw.closed)  # a broken connection is closed too (psycopg)

    def execute(self, sql: str, parameters: Sequence[Any] = (), /) -> psycopg.Cursor[Any]:
        try:
            return self.raw.execute(to_pg(sql), parameters or None, prepare=False)
        except psycopg.Error as exc:
            raise translate(exc, self._url, self.lost) from exc

    def executemany(self, sql: str, parameters: Iterable[Sequence[Any]], /) -> psycopg.Cursor[Any]:
        try:
            cursor = self.raw.cursor()
            cursor.executemany(to_pg(sql), parameters)
        except psycopg.Error as exc:
            raise translate(exc, self._url, self.lost) from exc
        return cursor


def _open(url: ServerUrl, application_name: str) -> psycopg.Connection[Any]:
    try:
        return psycopg.connect(
            make_conninfo(**url.conninfo()),
            autocommit=True,
            connect_timeout=CONNECT_TIMEOUT_S,
            application_name=application_name,
        )
    except psycopg.Error as exc:
        raise connect_error(exc, url) from None


def connect(url: ServerUrl, application_name: str = "annotator") -> PgDatabase:
    """Connect to the project database at ``url``; failures give one clear line."""
    return PgDatabase(PgConnection(_open(url, application_name), url), url, application_name)


class PgDatabase:
    """A connection plus nested transactions (savepoints inside the outermost one).

    A connection the server dropped (restarted, ended it, went away) is made again on its
    own before the next transaction or read; a read that meets the loss is retried once on
    the new connection. A write that meets it raises :class:`StoreConnectionError` and is
    not retried: the caller shows it as not saved."""

    def __init__(self, conn: PgConnection, url: ServerUrl, application_name: str = "annotator") -> None:
        self._conn = conn
        self._url = url
        self._depth = 0
        self._application_name = application_name
        self.reconnects = 0

    def set_application_name(self, name: str) -> None:
        """What ``pg_stat_activity`` shows of this client (kept across reconnections)."""
        self._application_name = name
        self.query("SELECT set_config('application_name', ?, false)", (name,))

    def _reconnect_if_lost(self) -> None:
        if self._depth == 0 and self._conn.lost:
            self._conn.raw.close()
            self._conn.raw = _open(self._url, self._application_name)
            self.reconnects += 1

    @property
    def url(self) -> ServerUrl:
        return self._url

    @property
    def connection(self) -> PgConnection:
        return self._conn

    @property
    def in_transaction(self) -> bool:
        return self._depth > 0

    @property
    def backend_pid(self) -> int:
        return int(self._conn.raw.info.backend_pid)

    @contextmanager
    def transaction(self) -> Iterator[PgConnection]:
        """Commit everything written in the block at once, or nothing if it raises."""
        self._reconnect_if_lost()
        if self._depth == 0:
            begin, commit, rollback = "BEGIN", "COMMIT", "ROLLBACK"
        else:
            name = f"sp{self._depth}"
            begin, commit, rollback = f"SAVEPOINT {name}", f"RELEASE SAVEPOINT {name}", f"ROLLBACK TO {name}"
        self._conn.execute(begin)
        self._depth += 1
        try:
            yield self._conn
            self._commit(commit)
        except BaseException:
            self._roll_back(rollback)
            raise
        finally:
            self._depth -= 1

    def _commit(self, statement: str) -> None:
        try:
            self._conn.execute(statement)
        except StoreConnectionError as exc:
            if self._depth > 1:
                raise
            raise StoreConnectionError(
                f"{self._url.text}: the connection was lost while saving: the server may or may not "
                "have stored the change (the view shows what it holds once it is back)"
            ) from exc

    def _roll_back(self, statement: str) -> None:
        if self._conn.lost:
            return  # the server dropped the transaction with the connection
        try:
            self._conn.execute(statement)
        except StoreError:
            if self._depth == 1:
                raise

    def copy_rows(self, table: str, columns: str, rows: Iterable[Sequence[Any]]) -> None:
        """``COPY table (columns) FROM STDIN``, inside the caller's transaction."""
        raw = self._conn.raw
        try:
            with raw.cursor() as cursor, cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        except psycopg.Error as exc:
            raise translate(exc, self._url, self._conn.lost) from exc

    def query(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        self._reconnect_if_lost()
        try:
            return list(self._conn.execute(sql, params).fetchall())
        except StoreConnectionError:
            if self._depth > 0:
                raise
            self._reconnect_if_lost()  # a read is safe to run again
            return list(self._conn.execute(sql, params).fetchall())

    def scalar(self, sql: str, params: Sequence[Any] = ()) -> Any:
        rows = self.query(sql, params)
        return rows[0][0] if rows else None

    def close(self) -> None:
        self._conn.raw.close()

"""``postgresql://USER@HOST[:PORT]/DBNAME``: how a team project on a server is named.

A project argument is either a folder (or its ``annotations.db``) or such a URL. The URL
never carries a password: libpq finds it in ``PGPASSWORD``, ``~/.pgpass`` or a service
file, so nothing Annotator writes (settings, recent projects, logs) can leak it.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from annotator.storage.errors import StoreError

SCHEMES = ("postgresql://", "postgres://")


def is_server_url(text: object) -> bool:
    """Whether a project argument names a server project rather than a folder."""
    return str(text).lower().startswith(SCHEMES)


@dataclass(frozen=True)
class ServerUrl:
    """A parsed project URL; :attr:`text` is how it is shown (and stored in recent lists)."""

    user: str
    host: str
    port: int | None
    dbname: str

    @property
    def text(self) -> str:
        port = f":{self.port}" if self.port is not None else ""
        return f"postgresql://{self.user}@{self.host}{port}/{self.dbname}"

    def conninfo(self) -> dict[str, str]:
        """Keyword arguments for libpq (the password comes from libpq's own sources)."""
        args = {"user": self.user, "host": self.host, "dbname": self.dbname}
        if self.port is not None:
            args["port"] = str(self.port)
        return args

    def __str__(self) -> str:
        return self.text


def parse_server_url(text: str) -> ServerUrl:
    """Parse ``postgresql://USER@HOST[:PORT]/DBNAME``; refuse anything else by its part."""
    raw = str(text).strip()
    if not is_server_url(raw):
        raise StoreError(f"{raw}: not a project URL (write postgresql://USER@HOST[:PORT]/DBNAME)")
    parts = urlsplit(raw)
    if parts.password is not None:
        raise StoreError(
            f"{parts.scheme}://{parts.username}@{parts.hostname}/...: a password does not belong in the URL "
            "(it would be stored with the project); put it in ~/.pgpass or PGPASSWORD"
        )
    if parts.query or parts.fragment:
        raise StoreError(f"{raw}: options after '?' or '#' are not taken; use a service file for them")
    user, host = unquote(parts.username or ""), parts.hostname or ""
    dbname = unquote(parts.path.lstrip("/"))
    try:
        port = parts.port
    except ValueError:
        raise StoreError(f"{raw}: the port is not a number from 1 to 65535") from None
    for value, part in ((user, "USER"), (host, "HOST"), (dbname, "DBNAME")):
        if not value:
            raise StoreError(
                f"{raw}: the {part} part is missing (write postgresql://USER@HOST[:PORT]/DBNAME)"
            )
    if "/" in dbname:
        raise StoreError(f"{raw}: DBNAME {dbname!r} cannot contain '/'")
    return ServerUrl(user, host, port, dbname)

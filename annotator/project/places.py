"""Where a project is (a folder or a server URL), where its media are, where caches go.

A server project keeps each video's path relative to a media root that every machine sets
for itself: ``--media-root``, else ``ANNOTATOR_MEDIA_ROOT``, else the app's setting, else
the current folder. Caches (probe results, proxies, waveforms, thumbnails) are per user on
each machine, keyed by fingerprint, never on the server.
"""

from __future__ import annotations

import os
from pathlib import Path

from annotator.domain.label import Vocabulary
from annotator.storage.pg_store import PgProjectStore
from annotator.storage.project_store import ProjectStore
from annotator.storage.server_url import is_server_url
from annotator.storage.store_base import BaseStore

MEDIA_ROOT_ENV = "ANNOTATOR_MEDIA_ROOT"
ProjectPlace = str | os.PathLike[str]


def media_root(given: ProjectPlace | None = None, setting: str | None = None) -> Path:
    """This machine's media root: ``given``, else the environment, else ``setting``, else here."""
    chosen = given or os.environ.get(MEDIA_ROOT_ENV) or setting or os.getcwd()
    return Path(os.path.abspath(Path(chosen).expanduser()))


def user_cache_dir() -> Path:
    """The per-user media cache of server projects (``$XDG_CACHE_HOME/annotator/media``)."""
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "annotator" / "media"


def open_store(place: ProjectPlace, media: ProjectPlace | None = None) -> BaseStore:
    """The store of the project at ``place`` (a folder, its ``.db`` file, or a URL)."""
    if is_server_url(place):
        return PgProjectStore.open(str(place), media_root=media_root(media))
    return ProjectStore.open(Path(place))


def create_store(place: ProjectPlace, vocabulary: Vocabulary, media: ProjectPlace | None = None) -> BaseStore:
    """A new project at ``place``: a folder, or an empty database named by a URL."""
    if is_server_url(place):
        return PgProjectStore.create(str(place), vocabulary, media_root=media_root(media))
    return ProjectStore.create(Path(place), vocabulary)

"""Write a text export atomically: a temporary file beside the target is renamed over it
only when complete, so a failure (or a crash) never leaves half a file and an existing file
is never rewritten in place.

The temporary file is created with ``os.open(..., 0o666)`` rather than ``mkstemp`` (which
makes it ``0600``): the operating system then applies the user's umask (and a directory's
default ACL), so the export gets the permissions any new file gets.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO, TextIO, TypeVar

T = TypeVar("T")
_NEW_FILE_MODE = 0o666  # narrowed by the umask, as for any file a program creates
_ATTEMPTS = 100


def save_text(
    path: Path, write: Callable[[TextIO], T], *, newline: str | None = None, encoding: str = "utf-8"
) -> T:
    """Call ``write`` with a text stream that becomes ``path`` once it returns.

    ``newline`` is passed to :func:`open` (``""`` keeps ``\\r\\n`` as written)."""
    handle, temporary = _create_beside(Path(path))
    try:
        with os.fdopen(handle, "w", encoding=encoding, newline=newline) as out:
            result = write(out)
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return result


def save_binary(path: Path, write: Callable[[BinaryIO], T]) -> T:
    """Like :func:`save_text`, for a binary file (a zip)."""
    handle, temporary = _create_beside(Path(path))
    try:
        with os.fdopen(handle, "wb") as out:
            result = write(out)
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return result


def _create_beside(path: Path) -> tuple[int, Path]:
    """A new, empty hidden file in ``path``'s folder, opened for writing."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
    for _ in range(_ATTEMPTS):
        temporary = path.parent / f".{path.name}.{secrets.token_hex(4)}.tmp"
        try:
            return os.open(temporary, flags, _NEW_FILE_MODE), temporary
        except FileExistsError:
            continue
    raise FileExistsError(f"{path.parent}: cannot find a free temporary name for {path.name}")

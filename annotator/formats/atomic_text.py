"""Write a text export atomically: a temporary file beside the target is renamed over it
only when complete, so a failure (or a crash) never leaves half a file."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TextIO, TypeVar

T = TypeVar("T")


def save_text(path: Path, write: Callable[[TextIO], T], *, newline: str | None = None) -> T:
    """Call ``write`` with a UTF-8 text stream that becomes ``path`` once it returns.

    ``newline`` is passed to :func:`open` (``""`` keeps ``\\r\\n`` as written)."""
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline=newline) as out:
            result = write(out)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return result

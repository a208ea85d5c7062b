"""The one error the media layer raises for a file it cannot use."""

from __future__ import annotations

from pathlib import Path


class MediaError(ValueError):
    """A video file that cannot be read: missing, empty, truncated, not a video...

    The message always names the file and the reason, so callers (the CLI, the import
    dialog) can show it as one clear line.
    """

    def __init__(self, path: Path | str, reason: str) -> None:
        self.path = Path(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


def check_readable_file(path: Path) -> None:
    """Raise a ``MediaError`` unless ``path`` is an existing, non-empty, readable file."""
    if not path.exists():
        raise MediaError(path, "no such file")
    if not path.is_file():
        raise MediaError(path, "not a regular file")
    try:
        with path.open("rb") as handle:
            first = handle.read(1)
    except OSError as error:
        raise MediaError(path, f"cannot be read ({error.strerror or error})") from error
    if not first:
        raise MediaError(path, "the file is empty")


class Cancelled(Exception):
    """A long media job (proxy, waveform, filmstrip) was cancelled by its caller."""

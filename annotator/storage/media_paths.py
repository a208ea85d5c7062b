"""How a video's path is stored: relative to the project when inside it, else absolute.

Relative paths use POSIX separators so a project folder copied between machines (or
between Windows and Linux) still finds the media it carries.
"""

from __future__ import annotations

import os
from pathlib import Path, PurePosixPath, PureWindowsPath


def to_stored(path: str | os.PathLike[str], project_dir: Path) -> str:
    """The text to store for ``path`` (absolute, or relative to the project directory)."""
    given = Path(path).expanduser()
    if not given.is_absolute():
        given = Path(os.path.abspath(project_dir)) / given
    absolute = Path(os.path.normpath(given))
    for base in _bases(project_dir):
        try:
            return absolute.relative_to(base).as_posix()
        except ValueError:
            continue
    return str(absolute)


def _bases(project_dir: Path) -> list[Path]:
    """The project directory as written and with symlinks resolved."""
    written = Path(os.path.abspath(project_dir))
    resolved = project_dir.resolve()
    return [written] if written == resolved else [written, resolved]


def from_stored(stored: str, project_dir: Path) -> Path:
    """Where a stored path points on this machine."""
    if Path(stored).is_absolute() or PureWindowsPath(stored).is_absolute():
        return Path(stored)
    return Path(os.path.abspath(project_dir)).joinpath(*PurePosixPath(stored).parts)

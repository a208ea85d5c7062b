"""What every command of the command line shares: opening a project, and turning the
errors a user can cause into one line on stderr and exit status 2 (never a traceback)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import wraps
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

from annotator.domain.frame_times import FrameTimesError
from annotator.domain.label import VocabularyError
from annotator.domain.search_query import SearchQueryError
from annotator.domain.segment import SegmentError
from annotator.domain.timecode import TimecodeError
from annotator.formats.csv.errors import CsvImportError
from annotator.formats.errors import FormatImportError
from annotator.media.errors import MediaError
from annotator.project.errors import ProjectError
from annotator.storage.errors import StoreError

USER_ERRORS: tuple[type[Exception], ...] = (
    MediaError,
    StoreError,
    ProjectError,
    CsvImportError,
    FormatImportError,
    VocabularyError,
    SearchQueryError,
    TimecodeError,
    SegmentError,
    FrameTimesError,
    FileNotFoundError,
    PermissionError,
    IsADirectoryError,
)
F = TypeVar("F", bound=Callable[..., Any])

if TYPE_CHECKING:
    from annotator.project.project import Project


class ProjectArgument(click.ParamType):
    """A PROJECT argument: a folder (or its ``.db``) as a Path, or a ``postgresql://`` URL as
    text (a Path would fold its ``//``)."""

    name = "PROJECT"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Path | str:
        text = str(value)
        return text if text.lower().startswith(("postgresql://", "postgres://")) else Path(text)


PROJECT = ProjectArgument()


def media_root_option() -> str | None:
    """``annotator --media-root DIR ...``: where this machine keeps a server project's media."""
    context = click.get_current_context(silent=True)
    if context is None:
        return None
    value = context.find_root().params.get("media_root")
    return str(value) if value else None


def open_project(path: Path | str) -> Project:
    """Open a project; imported here so ``annotator gui`` starts without the CLI's weight."""
    from annotator.project.project import Project

    return Project.open(path, media_root_option())


class UserError(click.ClickException):
    """Bad input from the user: one line on stderr, exit status 2."""

    exit_code = 2


def fails_cleanly(command: F) -> F:
    """Turn the errors a user can cause into one line on stderr and exit status 2."""

    @wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except USER_ERRORS as error:
            raise UserError(str(error)) from error

    return wrapper  # type: ignore[return-value]


@contextmanager
def interruptible() -> Iterator[None]:
    """Ctrl+C inside the block: one line on stderr and exit status 130 (the block's outputs
    are written whole or not at all, so nothing is left half-written)."""
    try:
        yield
    except KeyboardInterrupt as interrupt:
        click.echo("cancelled: nothing was written", err=True)
        raise SystemExit(130) from interrupt


def progress_on_stderr(what: str) -> Callable[[float], None]:
    """A progress callback reporting every tenth on stderr."""
    shown = [-1]

    def report(fraction: float) -> None:
        tenth = int(fraction * 10)
        if tenth > shown[0]:
            shown[0] = tenth
            click.echo(f"{what}: {tenth * 10}%", err=True)

    return report

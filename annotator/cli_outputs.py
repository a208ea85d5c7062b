"""Commands that turn segments into pictures and video: ``sheet`` (a contact sheet) and
``clips`` (one frame-exact MP4 per segment)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from annotator.cli_support import PROJECT, fails_cleanly, interruptible, open_project, progress_on_stderr

F = TypeVar("F", bound=Callable[..., Any])


def selection_options(command: F) -> F:
    """The options that choose segments, as ``export`` has them, plus a search query."""
    for option in reversed(
        (
            click.option(
                "--query", help='Search language: words, "phrases", label:, video:, status:, annotator:.'
            ),
            click.option("--video", help="Only this video (file name, path or id)."),
            click.option("--status", type=click.Choice(["unreviewed", "approved", "rejected", "needs_fix"])),
            click.option(
                "--proposals",
                type=click.Choice(["exclude", "include", "only"]),
                default="exclude",
                show_default=True,
            ),
        )
    ):
        command = option(command)
    return command


@click.command()
@click.argument("project", type=PROJECT)
@selection_options
@click.option("--group-by", type=click.Choice(["video", "label"]), default="video", show_default=True)
@click.option(
    "--images",
    type=click.Choice(["inline", "folder"]),
    default="inline",
    show_default=True,
    help="Inside the HTML file, or in NAME_files/ beside it.",
)
@click.option("-o", "--output", type=click.Path(path_type=Path), required=True, help="HTML file to write.")
@fails_cleanly
def sheet(
    project: Path | str,
    query: str | None,
    video: str | None,
    status: str | None,
    proposals: str,
    group_by: str,
    images: str,
    output: Path,
) -> None:
    """A contact sheet of PROJECT's segments: first, middle and last frame of each, with
    label, video, timecodes, duration, note, coder and status; prints cleanly to PDF."""
    from annotator.project.contact_sheet import make_sheet
    from annotator.project.selection import select_segments

    with open_project(project) as opened, interruptible():
        segments = select_segments(opened, query, video, status, proposals)
        subtitle = f"query: {query}" if query else ""
        count = make_sheet(
            opened,
            segments,
            output,
            group_by=group_by,
            images=images,
            subtitle=subtitle,
            progress=progress_on_stderr("stills"),
        )
    click.echo(f"contact sheet of {count} segments written to {output}", err=True)

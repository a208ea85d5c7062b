"""Commands that turn segments into pictures and video: ``sheet`` (a contact sheet) and
``clips`` (one frame-exact MP4 per segment)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from annotator.cli_support import (
    PROJECT,
    UserError,
    fails_cleanly,
    interruptible,
    open_project,
    progress_on_stderr,
)

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


@click.command()
@click.argument("project", type=PROJECT)
@selection_options
@click.option("--preroll", type=float, default=0.0, show_default=True, help="Seconds before each segment.")
@click.option("--postroll", type=float, default=0.0, show_default=True, help="Seconds after each segment.")
@click.option("--burn-in", is_flag=True, help="Draw the label, note and a running timecode.")
@click.option("--jobs", type=click.IntRange(1, 16), default=2, show_default=True, help="Clips made at once.")
@click.option("-o", "--output", type=click.Path(path_type=Path), required=True, help="Folder for the clips.")
@fails_cleanly
def clips(
    project: Path | str,
    query: str | None,
    video: str | None,
    status: str | None,
    proposals: str,
    preroll: float,
    postroll: float,
    burn_in: bool,
    jobs: int,
    output: Path,
) -> None:
    """One frame-exact H.264/AAC MP4 per segment of PROJECT, cut from the original video,
    and a CSV manifest (clips.csv) listing them. Ctrl+C stops: no partial file is left."""
    from annotator.project.clips import MANIFEST, make_clips, plan_clips
    from annotator.project.selection import select_segments

    with open_project(project) as opened:
        segments = select_segments(opened, query, video, status, proposals)
        if not segments:
            raise UserError("no segment matches: no clip was made")
        planned = plan_clips(opened, segments, output, preroll=preroll, postroll=postroll)
        try:
            made = make_clips(
                opened, planned, output, burn_in=burn_in, workers=jobs, progress=progress_on_stderr("clips")
            )
        except KeyboardInterrupt as interrupt:
            finished = sum(1 for job in planned if job.target.exists())
            listed = f"; the {finished} finished are listed in {output / MANIFEST}" if finished else ""
            click.echo(f"cancelled: no partial clip was left{listed}", err=True)
            raise SystemExit(130) from interrupt
    click.echo(f"{len(made)} clips written to {output}, listed in {output / MANIFEST}", err=True)

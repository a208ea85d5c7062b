"""The analysis commands: ``shots``, ``sounds`` and ``propose``.

They run offline, on a video's proxy where a project has one, with progress on stderr.
Ctrl+C stops them with nothing half-written: an output file is written only when complete
(under a temporary name, then renamed), and proposals in one transaction at the end.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Callable, Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

import click

from annotator.cli_support import PROJECT, fails_cleanly, interruptible, open_project, progress_on_stderr

SHOT_COLUMNS = ("frame", "kind", "start_frame", "end_frame", "score")
SOUND_COLUMNS = ("start_frame", "end_frame", "kind", "score")


def _rows_text(rows: Sequence[dict[str, Any]], columns: Sequence[str], fmt: str) -> str:
    if fmt == "json":
        return json.dumps(list(rows), indent=1) + "\n"
    out = io.StringIO()
    writer = csv.DictWriter(out, columns, lineterminator="\r\n", extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def _write(rows: Sequence[dict[str, Any]], columns: Sequence[str], fmt: str, output: Path | None) -> None:
    text = _rows_text(rows, columns, fmt)
    if output is None:
        sys.stdout.write(text)
        return
    from annotator.formats.atomic_text import save_text

    save_text(output, lambda out: out.write(text), newline="")


def _analysed(video: Path, shots: bool, sounds: bool) -> Any:
    from annotator.media.probe import probe_with_index
    from annotator.project.analyze import analyze_file

    info, index = probe_with_index(video)
    report = progress_on_stderr(f"analysing {video.name}")
    return analyze_file(video, info, pictures=shots, sound=sounds, progress=report, index=index)


def video_table_command(function: Callable[..., None]) -> click.Command:
    """A command reading VIDEO and writing rows as CSV or JSON (``shots``, ``sounds``)."""
    for option in (
        fails_cleanly,
        click.option(
            "-o", "--output", type=click.Path(path_type=Path), help="File to write (default: stdout)."
        ),
        click.option("--format", "fmt", type=click.Choice(["csv", "json"]), default="csv", show_default=True),
        click.argument("video", type=click.Path(path_type=Path)),
    ):
        function = option(function)
    return click.command()(function)


@video_table_command
def shots(video: Path, fmt: str, output: Path | None) -> None:
    """Shot boundaries of VIDEO: frame, kind (hard or gradual), the transition's frames, score."""
    with interruptible():
        found = _analysed(video, shots=True, sounds=False).shots
    _write([{**asdict(b), "kind": b.kind.value} for b in found], SHOT_COLUMNS, fmt, output)
    click.echo(f"{len(found)} shot boundaries", err=True)


@video_table_command
def sounds(video: Path, fmt: str, output: Path | None) -> None:
    """Speech, loud non-speech and silence in VIDEO's sound, in frames of the video."""
    with interruptible():
        found = _analysed(video, shots=False, sounds=True).sounds
    _write([{**asdict(e), "kind": e.kind.value} for e in found], SOUND_COLUMNS, fmt, output)
    click.echo(f"{len(found)} sound events", err=True)


@click.command()
@click.argument("project", type=PROJECT)
@click.option("--video", help="Only this video (file name, path or id); default: every video.")
@click.option("--shots", "with_shots", is_flag=True, help="Propose each shot (cut to cut).")
@click.option("--sounds", "with_sounds", is_flag=True, help="Propose speech, loud non-speech and silence.")
@click.option("--like", metavar="LABEL", help="Propose the 10 stretches most like the segments coded LABEL.")
@fails_cleanly
def propose(
    project: Path | str, video: str | None, with_shots: bool, with_sounds: bool, like: str | None
) -> None:
    """Store proposals (source = proposal) in PROJECT; proposing again adds nothing twice."""
    from annotator.project.import_plan import write_import
    from annotator.project.propose import ProposalRequest
    from annotator.project.propose import propose as plan

    request = ProposalRequest(video, with_shots, with_sounds, like)
    with open_project(project) as opened, interruptible():
        proposals, examples = plan(opened, request, progress=progress_on_stderr("analysing"))
        with opened.store.transaction():
            write_import(opened.store, proposals)
    learned = f" (more like this learned from {examples} examples)" if like else ""
    click.echo(f"proposed {len(proposals.segments)} new segments{learned}", err=True)

"""The report commands: ``search`` (segments by words and filters) and ``stats`` (airtime
by label, video or annotator)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from annotator.cli_support import PROJECT, UserError, fails_cleanly, open_project


@click.command()
@click.argument("project", type=PROJECT)
@click.option("--by", type=click.Choice(["label", "video", "annotator"]), default="label", show_default=True)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "csv", "json", "svg", "png"]),
    default="text",
    show_default=True,
)
@click.option(
    "-o", "--output", type=click.Path(path_type=Path), help="File to write (default: stdout; png needs one)."
)
@click.option("--video", help="Only this video (file name, path or id).")
@click.option("--status", type=click.Choice(["unreviewed", "approved", "rejected", "needs_fix"]))
@click.option(
    "--proposals", type=click.Choice(["exclude", "include", "only"]), default="exclude", show_default=True
)
@fails_cleanly
def stats(
    project: Path | str,
    by: str,
    fmt: str,
    output: Path | None,
    video: str | None,
    status: str | None,
    proposals: str,
) -> None:
    """Airtime of PROJECT's segments by label, video or annotator: segments, seconds, mean,
    share of the footage; and the seconds each pair of labels is on screen together."""
    from annotator.formats.atomic_text import save_text
    from annotator.formats.reports.statistics import TEXT_WRITERS, as_svg
    from annotator.project.statistics import project_statistics

    if fmt == "png" and output is None:
        raise UserError("--format png needs -o FILE")
    with open_project(project) as opened:
        computed = project_statistics(opened, by, video, status, proposals)
    if fmt == "png":
        from annotator.ui.svg_image import svg_to_png

        assert output is not None
        svg_to_png(as_svg(computed), output)
    else:
        text = TEXT_WRITERS[fmt](computed)
        if output is None:
            sys.stdout.write(text)
        else:
            save_text(output, lambda out: out.write(text), newline="")
    where = f" written to {output}" if output else ""
    click.echo(f"statistics of {len(computed.groups)} groups by {by}{where}", err=True)


SEARCH_HELP = """Find PROJECT's segments: words (prefixes) and "quoted phrases" in labels, notes,
annotators and video names, and filters: label:NAME video:NAME status:STATUS annotator:NAME
(a * matches any text; filters of one field are alternatives). Best matches first.

\b
Example: annotator search proj 'laugh video:kim* status:approved'"""


@click.command(help=SEARCH_HELP)
@click.argument("project", type=PROJECT)
@click.argument("query")
@click.option(
    "--format", "fmt", type=click.Choice(["text", "csv", "json"]), default="text", show_default=True
)
@click.option("--limit", type=int, default=200, show_default=True, help="At most this many results.")
@click.option(
    "--proposals", type=click.Choice(["exclude", "include", "only"]), default="exclude", show_default=True
)
@fails_cleanly
def search(project: Path | str, query: str, fmt: str, limit: int, proposals: str) -> None:
    from annotator.formats.reports.search_results import SEARCH_WRITERS
    from annotator.project.search import search as find

    with open_project(project) as opened:
        found = find(opened, query, proposals, limit)
        if fmt == "csv":
            opened.write_segments_csv(sys.stdout, [item.segment for item in found])
        else:
            sys.stdout.write(SEARCH_WRITERS[fmt](found))
    click.echo(
        f"{len(found)} segments found" + (" (--limit reached)" if len(found) == limit else ""), err=True
    )

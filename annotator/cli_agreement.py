"""``annotator agreement``: how far coders agree, per label, per video and pooled.

The definitions are the contract (``docs/formats.md``, "Agreement"); the computation is in
``annotator.analysis`` and its wiring in ``annotator.project.agreement``.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from annotator.cli_support import PROJECT, fails_cleanly, open_project

FORMATS = ("text", "json", "csv")


@click.command()
@click.argument("project", type=PROJECT)
@click.option(
    "--coders", required=True, metavar="A,B[,C...]", help="Annotators to compare; A is the reference."
)
@click.option(
    "--video", "videos", multiple=True, help="A video (name, path or id); repeatable. Default: all."
)
@click.option("--labels", metavar="L1,L2", help="Labels to compare (default: every label the coders used).")
@click.option("--iou", default="0.5", show_default=True, help="Least IoU for two segments to match.")
@click.option("--format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True)
@click.option("-o", "--output", type=click.Path(path_type=Path), help="File to write (default: stdout).")
@fails_cleanly
def agreement(
    project: Path | str,
    coders: str,
    videos: tuple[str, ...],
    labels: str | None,
    iou: str,
    fmt: str,
    output: Path | None,
) -> None:
    """Cohen's kappa, Krippendorff's alpha (over frames), segment F1 and boundary
    differences between the coders' segments (proposals left out)."""
    from annotator.project.agreement import AgreementRequest, compute_agreement, parse_iou
    from annotator.project.agreement_output import report_csv, report_json, report_text

    request = AgreementRequest(
        coders=tuple(coders.split(",")),
        videos=videos,
        labels=tuple(name for name in (labels or "").split(",") if name.strip()),
        min_iou=parse_iou(iou),
    )
    with open_project(project) as opened:
        report = compute_agreement(opened, request)
    render = {"json": report_json, "csv": report_csv, "text": report_text}[fmt]
    text = render(report)
    if output is None:
        sys.stdout.write(text)
        return
    from annotator.formats.atomic_text import save_text

    save_text(output, lambda out: out.write(text), newline="")
    click.echo(f"wrote agreement of {', '.join(request.coders)} to {output}", err=True)

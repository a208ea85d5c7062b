"""``annotator merge``: work done apart brought into one project, all or nothing.

The rules (segments by id, conflicts, labels by folded name, videos by fingerprint,
reviews as history) are in ``docs/formats.md``, "Merging"; the code in
``annotator.project.merge``.
"""

from __future__ import annotations

from pathlib import Path

import click

from annotator.cli_support import PROJECT, UserError, fails_cleanly, open_project

PREFER = ("newer", "ours", "theirs")


@click.command()
@click.argument("project", type=PROJECT)
@click.argument("others", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--prefer",
    type=click.Choice(PREFER),
    help="Which version of a segment changed on both sides stays (newer: by updated_at).",
)
@click.option("--dry-run", is_flag=True, help="Say what would happen; write nothing.")
@fails_cleanly
def merge(project: Path | str, others: tuple[Path, ...], prefer: str | None, dry_run: bool) -> None:
    """Merge OTHERS (project folders or project JSON exports) into PROJECT: segments by id,
    labels by name, videos by fingerprint, reviews as history."""
    from annotator.project.merge import merge_files
    from annotator.project.merge_plan import Prefer
    from annotator.project.merge_report import describe

    with open_project(project) as opened:
        result = merge_files(opened, others, Prefer(prefer) if prefer else None, dry_run)
        names = {label.id: label.name for label in opened.store.labels() if label.id is not None}
    for line in describe(result, names):
        click.echo(line)
    if result.unresolved:
        raise UserError(
            f"{result.unresolved} conflicts (segments changed on both sides): nothing was merged; "
            f"choose --prefer {'|'.join(PREFER)}"
        )
    click.echo("dry run: nothing was written" if dry_run else f"merged into {project}", err=True)

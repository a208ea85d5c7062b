"""The command line: a thin click layer over ``annotator.project``.

Bad input gives one clear line on stderr and exit status 2, never a traceback, and
nothing half-written (imports are all or nothing).
"""

from __future__ import annotations

import os
import sys
from fractions import Fraction
from pathlib import Path

import click

from annotator.cli_agreement import agreement
from annotator.cli_analysis import propose, shots, sounds
from annotator.cli_merge import merge
from annotator.cli_outputs import clips, sheet
from annotator.cli_reports import search, stats
from annotator.cli_support import PROJECT, UserError, fails_cleanly, media_root_option, open_project
from annotator.cli_team import copy, share
from annotator.domain.label import Vocabulary
from annotator.domain.timecode import format_smpte
from annotator.project.errors import EXPORT_FORMATS, IMPORT_FORMATS
from annotator.resources import vocabulary_path


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="annotator")
@click.option(
    "--media-root",
    type=click.Path(file_okay=False, path_type=Path),
    help="Where this machine keeps a server project's videos (default: $ANNOTATOR_MEDIA_ROOT, else here).",
)
def cli(media_root: Path | None) -> None:
    """Annotator: frame-exact labelling and review of news footage.

    Run `annotator PROJECT` (or `annotator gui PROJECT`) to open the window. PROJECT is a
    folder or a team project on PostgreSQL, postgresql://USER@HOST[:PORT]/DBNAME (the
    password comes from ~/.pgpass or PGPASSWORD, never the URL).
    """


@cli.command()
@click.argument("project", type=PROJECT, required=False)
def gui(project: Path | str | None) -> None:
    """Open the annotation window, on PROJECT if given."""
    from annotator.app import run_app
    from annotator.project.places import MEDIA_ROOT_ENV

    if media_root_option():  # it outranks the app's setting, as the environment does
        os.environ[MEDIA_ROOT_ENV] = str(media_root_option())

    sys.exit(run_app(project))


@cli.command()
@click.argument("project", type=PROJECT)
@click.option(
    "--vocabulary", default="state-tv", show_default=True, help="A bundled vocabulary or a JSON file."
)
@fails_cleanly
def new(project: Path | str, vocabulary: str) -> None:
    """Create an empty project in the folder PROJECT, or in the empty database a URL names."""
    from annotator.project.project import Project

    vocab = Vocabulary.load(vocabulary_path(vocabulary))
    with Project.create(project, vocab, media_root_option()) as created:
        click.echo(f"created {created.store.location}")


@cli.command("add-video")
@click.argument("project", type=PROJECT)
@click.argument("videos", nargs=-1, required=True, type=click.Path(path_type=Path))
@fails_cleanly
def add_video(project: Path | str, videos: tuple[Path, ...]) -> None:
    """Probe VIDEOS and add them to PROJECT (each one fully or not at all)."""
    with open_project(project) as opened:
        for path in videos:
            video = opened.add_video(path)
            info = video.info
            click.echo(f"added {video.path}: {info.frame_count} frames at {_fps(info.fps)} fps")


@cli.command()
@click.argument("video", type=click.Path(path_type=Path))
@fails_cleanly
def info(video: Path) -> None:
    """Probe VIDEO: codec, size, exact fps, frames, duration, start, VFR, audio, and a
    note for anything odd the probe found (frames skipped, missing timestamps...)."""
    from annotator.media.probe import probe

    facts = probe(video)
    rows = [
        ("file", str(video)),
        ("container", facts.container),
        ("codec", facts.codec),
        ("size", f"{facts.width}x{facts.height}"),
        ("fps", f"{facts.fps} ({_fps(facts.fps)})"),
        ("frames", str(facts.frame_count)),
        ("duration", f"{float(facts.duration_s):.3f} s ({format_smpte(facts.frame_count, facts.fps)})"),
        ("start", f"{float(facts.start_time_s):.3f} s"),
        ("variable frame rate", "yes" if facts.is_vfr else "no"),
        ("audio", "yes" if facts.has_audio else "no"),
        *(("note", note) for note in facts.notes),
    ]
    for key, value in rows:
        click.echo(f"{key + ':':<21}{value}")


@cli.command()
@click.argument("video", type=click.Path(path_type=Path))
@click.argument("n", type=int)
@click.option("-o", "--output", type=click.Path(path_type=Path), required=True, help="PNG to write.")
@fails_cleanly
def frame(video: Path, n: int, output: Path) -> None:
    """Write the exact frame N (0-based) of VIDEO as a PNG."""
    from annotator.media.frame_source import open_frame_source
    from annotator.media.image_file import write_png
    from annotator.media.probe import probe

    facts = probe(video)
    if not 0 <= n < facts.frame_count:
        raise UserError(f"{video}: frame {n} is outside 0..{facts.frame_count - 1}")
    with open_frame_source(video) as source:
        write_png(source.frame(n), output)
    click.echo(f"wrote frame {n} ({format_smpte(n, facts.fps)}) to {output}")


@cli.command()
@click.argument("project", type=PROJECT)
@fails_cleanly
def labels(project: Path | str) -> None:
    """List PROJECT's vocabulary: key, name, kind, colour, description."""
    with open_project(project) as opened:
        for label in opened.store.labels():
            state = " (archived)" if label.archived else ""
            click.echo(
                f"{label.key or '-'}  {label.name:<22}{label.kind.value:<6}{label.colour}  "
                f"{label.description}{state}"
            )


@cli.command()
@click.argument("project", type=PROJECT)
@click.option("--format", "format_", type=click.Choice(EXPORT_FORMATS), default="csv", show_default=True)
@click.option("-o", "--output", type=click.Path(path_type=Path), help="File to write (CSV: default stdout).")
@click.option("--video", help="Only this video (file name, path or id); eaf/vtt/srt need one.")
@click.option("--status", type=click.Choice(["unreviewed", "approved", "rejected", "needs_fix"]))
@click.option(
    "--proposals",
    type=click.Choice(["exclude", "include", "only"]),
    default="exclude",
    show_default=True,
    help="Analysis proposals not yet accepted: leave out, put in, or export only them.",
)
@click.option(
    "--embed-media", is_flag=True, help="qdpx: put the videos inside the .qdpx (default: relative paths)."
)
@fails_cleanly
def export(
    project: Path | str,
    format_: str,
    output: Path | None,
    video: str | None,
    status: str | None,
    proposals: str,
    embed_media: bool,
) -> None:
    """Export PROJECT's segments as csv, json, eaf (ELAN), vtt or srt."""
    with open_project(project) as opened:
        if output is None:
            if format_ != "csv":
                raise UserError(f"--format {format_} needs -o FILE")
            count = opened.export_csv(sys.stdout, video, status, proposals)
        else:
            from annotator.project import exchange

            count = exchange.export(opened, format_, output, video, status, proposals, embed_media)
    click.echo(f"exported {count} segments" + (f" to {output}" if output else ""), err=True)


@cli.command("import")
@click.argument("project", type=PROJECT)
@click.argument("file", type=click.Path(path_type=Path))
@click.option(
    "--format", "format_", type=click.Choice(IMPORT_FORMATS), default=None, help="Default: by extension."
)
@click.option("--video", help="EAF: the project video it belongs to (default: the one its media names).")
@click.option(
    "--map",
    "mappings",
    multiple=True,
    metavar="NAME=LABEL",
    help="EAF: map a tier or value NAME to LABEL (an empty LABEL skips it). Repeatable.",
)
@click.option(
    "--new-labels",
    is_flag=True,
    help="EAF: make a label for each tier (or value) no label matches, instead of refusing the file.",
)
@fails_cleanly
def import_(
    project: Path | str,
    file: Path,
    format_: str | None,
    video: str | None,
    mappings: tuple[str, ...],
    new_labels: bool,
) -> None:
    """Import segments from FILE into PROJECT: all of them or none.

    An ELAN annotation's value is kept in the segment's note when the tier gives the label
    (--map TIER=LABEL, or --new-labels), and the tier in its attributes."""
    from annotator.project import exchange

    mapping = dict(_split_mapping(item) for item in mappings)
    with open_project(project) as opened:
        report = exchange.import_file(opened, file, format_, video, mapping or None, new_labels)
    extra = [f"{report.reviews} reviews"] if report.reviews else []
    extra += [f"{report.labels} new labels"] if report.labels else []
    extra += [f"{report.videos} new videos"] if report.videos else []
    click.echo(
        f"imported {report.segments} segments from {file}" + (f" ({', '.join(extra)})" if extra else "")
    )
    for message in report.skipped:
        click.echo(f"skipped: {message}", err=True)


def _split_mapping(item: str) -> tuple[str, str]:
    name, sep, label = item.partition("=")
    if not sep or not name.strip():
        raise UserError(f"--map {item!r}: write NAME=LABEL")
    return name.strip(), label.strip()


@cli.command()
@click.argument("directory", type=click.Path(path_type=Path), default=Path("projects/demo"))
@fails_cleanly
def demo(directory: Path) -> None:
    """Build the demo project (generated footage, state-tv labels, example segments)."""
    from annotator.project.demo import build_demo

    with build_demo(directory, Vocabulary.load(vocabulary_path("state-tv")), progress=click.echo):
        pass


def _fps(fps: Fraction) -> str:
    return f"{float(fps):.3f}".rstrip("0").rstrip(".")


for _command in (shots, sounds, propose, agreement, merge, search, stats, sheet, clips, share, copy):
    cli.add_command(_command)

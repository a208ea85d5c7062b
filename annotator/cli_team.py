"""``annotator share`` and ``annotator copy``: a project between a folder and a server."""

from __future__ import annotations

from pathlib import Path

import click

from annotator.cli_support import PROJECT, UserError, fails_cleanly, media_root_option, open_project


@click.command()
@click.argument("local", type=click.Path(path_type=Path))
@click.argument("url")
@fails_cleanly
def share(local: Path, url: str) -> None:
    """Copy the project in folder LOCAL to the empty database URL
    (postgresql://USER@HOST[:PORT]/DBNAME): vocabulary, videos with fingerprints and frame
    tables, segments, reviews. All or nothing. Video paths become relative to --media-root."""
    from annotator.project.places import media_root
    from annotator.storage.server_url import is_server_url
    from annotator.storage.transfer import share as share_project

    if is_server_url(local) or not is_server_url(url):
        raise UserError("annotator share LOCAL_PROJECT URL: a folder first, then a postgresql:// URL")
    with open_project(local) as opened:
        copied = share_project(opened.store, url, media_root(media_root_option()))
    click.echo(f"shared {copied} to {url}")


@click.command()
@click.argument("url", type=PROJECT)
@click.argument("local", type=click.Path(path_type=Path))
@fails_cleanly
def copy(url: Path | str, local: Path) -> None:
    """Make a local snapshot of the server project URL in the new folder LOCAL: all or nothing."""
    from annotator.storage.server_url import is_server_url
    from annotator.storage.transfer import take_copy

    if not is_server_url(url):
        raise UserError("annotator copy URL LOCAL_PROJECT: a postgresql:// URL first, then a new folder")
    with open_project(url) as opened:
        copied = take_copy(opened.store, local)
    click.echo(f"copied {copied} to {local}")

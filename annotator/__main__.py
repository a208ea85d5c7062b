"""``annotator`` and ``python -m annotator``: a subcommand, or a project to open."""

from __future__ import annotations

import sys

from annotator.cli import cli


def main(argv: list[str] | None = None) -> None:
    args = list(sys.argv[1:] if argv is None else argv)
    options = _leading_media_root(args)  # ``annotator --media-root DIR PROJECT`` opens it too
    rest = args[len(options) :]
    if not rest or (not rest[0].startswith("-") and rest[0] not in cli.commands):
        args = [*options, "gui", *rest]
    cli.main(args=args, prog_name="annotator")


def _leading_media_root(args: list[str]) -> list[str]:
    if args[:1] == ["--media-root"]:
        return args[:2]
    return args[:1] if args and args[0].startswith("--media-root=") else []


if __name__ == "__main__":
    main()

"""``annotator`` and ``python -m annotator``: a subcommand, or a project to open."""

from __future__ import annotations

import sys

from annotator.cli import cli


def main(argv: list[str] | None = None) -> None:
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or (not args[0].startswith("-") and args[0] not in cli.commands):
        args = ["gui", *args]
    cli.main(args=args, prog_name="annotator")


if __name__ == "__main__":
    main()

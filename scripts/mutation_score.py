"""Killed-mutant scores per package from mutmut's results in mutants/ (scripts/mutation).

    python scripts/mutation_score.py [TARGET...]               a table, one row per package
    python scripts/mutation_score.py --survivors TARGET...     every mutant not killed, with its diff
    python scripts/mutation_score.py --names TARGET...         their names only (scripts/mutation --again)

A TARGET is a package (``formats``) or a module (``formats/csv/writer``); none means the five
packages. The score is killed / (every mutant that ran); a timeout counts as killed (the mutant
made the tests run away), a mutant no test reaches counts as survived.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

PACKAGES = ("domain", "formats", "storage", "editing", "project")
KILLED = {1, 3, 36, -24, 24, 152, 255, -11, -9}  # test failure, pytest error, timeout, crash
SURVIVED = {0, 5, 33}  # tests passed, or no test reached it
ROOT = Path(__file__).resolve().parent.parent


def _prefix(target: str) -> str:
    name = target.removesuffix(".py").removeprefix("annotator/").removeprefix("annotator.")
    return "annotator." + name.replace("/", ".") + "."


def _results() -> dict[str, int | None]:
    """Every mutant's exit code, by name (``annotator.formats.csv.writer.x_write__mutmut_3``)."""
    codes: dict[str, int | None] = {}
    for meta in sorted((ROOT / "mutants" / "annotator").rglob("*.py.meta")):
        codes.update(json.loads(meta.read_text())["exit_code_by_key"])
    return codes


def _row(name: str, codes: list[int | None]) -> str:
    killed = sum(code in KILLED for code in codes)
    survived = sum(code in SURVIVED for code in codes)
    ran = killed + survived
    other = len(codes) - ran
    score = f"{100 * killed / ran:5.1f} %" if ran else "    -  "
    extra = f"  ({other} not run)" if other else ""
    return f"{name:<28} {score} {killed:>6} {survived:>9} {ran:>6}{extra}"


def print_scores(targets: list[str]) -> None:
    results = _results()
    print(f"{'package':<28} {'score':>7} {'killed':>6} {'survived':>9} {'total':>6}")
    for target in targets:
        prefix = _prefix(target)
        codes = [code for name, code in results.items() if name.startswith(prefix)]
        print(_row(prefix.rstrip("."), codes))


def print_survivors(targets: list[str]) -> None:
    names = survivor_names(targets)
    counts = Counter(n.rpartition("__mutmut_")[0] for n in names)
    for name in names:
        shown = subprocess.run(
            [str(ROOT / ".venv/bin/mutmut"), "show", name], cwd=ROOT, capture_output=True, text=True
        )
        print(shown.stdout.rstrip())
        print()
    print(f"{len(names)} survivors in {len(counts)} functions")


def survivor_names(targets: list[str]) -> list[str]:
    prefixes = tuple(_prefix(target) for target in targets)
    return sorted(n for n, c in _results().items() if n.startswith(prefixes) and c in SURVIVED)


def main(argv: list[str]) -> None:
    option = argv[0] if argv[:1] in (["--survivors"], ["--names"]) else ""
    targets = (argv[1:] if option else argv) or list(PACKAGES)
    if option == "--names":
        print("\n".join(survivor_names(targets)))
    else:
        (print_survivors if option else print_scores)(targets)


if __name__ == "__main__":
    main(sys.argv[1:])

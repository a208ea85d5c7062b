"""Killed-mutant scores per package from mutmut's results in mutants/ (scripts/mutation).

    python scripts/mutation_score.py [TARGET...]               a table, one row per package
    python scripts/mutation_score.py --survivors TARGET...     every mutant not killed, with its diff
    python scripts/mutation_score.py --names TARGET...         the names of those not judged equivalent
    python scripts/mutation_score.py --pending TARGET...       the names of mutants with no verdict yet
                                                               (scripts/mutation --again)
    python scripts/mutation_score.py --draw N TARGET...        N of those at random per target, kept in
                                                               mutants/sample.json with all the names
                                                               not run yet (scripts/mutation --sample)

A TARGET is a package (``formats``) or a module (``formats/csv/writer``); none means the five
packages. The score is killed / (mutants run - equivalent ones): a timeout counts as killed
(the mutant made the tests run away), a mutant no test reaches counts as survived. Equivalent
survivors (no input can make them behave differently) are those listed in
``scripts/mutation_equivalents.txt`` with their reason, and every mutant that only changes
the letter case of an SQL statement outside its quoted literals (SQLite reads keywords and
names in any case; PostgreSQL folds unquoted ones). The raw
score, killed / all, is printed beside it.

Where a run could not reach every mutant (mutmut runs the quickest first, so those left are
not like those run), ``--draw`` picks a random sample of the mutants not run yet and keeps
the whole list: the score over all is then estimated as the run mutants' kills plus the
sample's kill rate over the rest, with a 95 % interval (Wilson's, for the sample's rate).
"""

from __future__ import annotations

import json
import math
import random
import re
import sys
import time
from collections import Counter
from pathlib import Path

PACKAGES = ("domain", "formats", "storage", "editing", "project")
KILLED = {1, 3, 36, -24, 24, 152, 255, -11, -9}  # test failure, pytest error, timeout, crash
SURVIVED = {0, 5, 33}  # tests passed, or no test reached it
ROOT = Path(__file__).resolve().parent.parent
EQUIVALENTS_FILE = ROOT / "scripts" / "mutation_equivalents.txt"
SQL = re.compile(
    r"\b(SELECT|INSERT|UPDATE|DELETE|CREATE|PRAGMA|BEGIN|SAVEPOINT|RELEASE|ROLLBACK|WHERE|FROM|JOIN|LIKE|"
    r"ORDER BY|GROUP BY|LIMIT|GLOB)\b"
)
QUOTED = re.compile(r"'[^']*'")
SQL_CASE = "SQL case: keywords and unquoted names are read in any case (SQLite; PostgreSQL folds them)"


def _prefix(target: str) -> str:
    name = target.removesuffix(".py").removeprefix("annotator/").removeprefix("annotator.")
    return "annotator." + name.replace("/", ".") + "."


_SOURCES: dict[str, str] = {}  # mutant name -> its source file, relative to the root


def _read_meta(meta: Path) -> dict[str, int | None]:
    for _ in range(20):  # mutmut may be rewriting it right now
        try:
            codes: dict[str, int | None] = json.loads(meta.read_text())["exit_code_by_key"]
            return codes
        except (json.JSONDecodeError, KeyError):
            time.sleep(0.1)
    return {}


def _results() -> dict[str, int | None]:
    """Every mutant's exit code, by name (``annotator.formats.csv.writer.x_write__mutmut_3``)."""
    codes: dict[str, int | None] = {}
    mutants = ROOT / "mutants"
    for meta in sorted((mutants / "annotator").rglob("*.py.meta")):
        found = _read_meta(meta)
        source = str(meta.relative_to(mutants)).removesuffix(".meta")
        _SOURCES.update(dict.fromkeys(found, source))
        codes.update(found)
    return codes


def listed_equivalents() -> dict[str, str]:
    """Mutant name -> reason, from the file (``name  # reason``; a reason line applies to the
    names below it until the next one)."""
    reasons: dict[str, str] = {}
    reason = ""
    for line in (
        EQUIVALENTS_FILE.read_text(encoding="utf-8").splitlines() if EQUIVALENTS_FILE.exists() else []
    ):
        text = line.strip()
        if text.startswith("#"):
            reason = text.lstrip("# ").strip()
        elif text:
            reasons[text] = reason
    return reasons


def _diff(name: str) -> str:
    from mutmut.mutation.diff_apply import get_diff_for_mutant

    return str(get_diff_for_mutant(name, path=_SOURCES[name]))


def _changed_lines(diff: str) -> tuple[list[str], list[str]]:
    lines = diff.splitlines()
    removed = [line[1:] for line in lines if line.startswith("-") and not line.startswith("---")]
    added = [line[1:] for line in lines if line.startswith("+") and not line.startswith("+++")]
    return removed, added


def equivalence(name: str, listed: dict[str, str]) -> str | None:
    """Why the survivor ``name`` is equivalent, or None."""
    if name in listed:
        return listed[name]
    removed, added = _changed_lines(_diff(name))
    if (
        removed
        and [line.casefold() for line in removed] == [line.casefold() for line in added]
        and all(SQL.search(line) for line in removed)  # as written: SQL keywords in capitals
        and [QUOTED.findall(line) for line in removed] == [QUOTED.findall(line) for line in added]
    ):
        return SQL_CASE
    return None


def _row(name: str, codes: dict[str, int | None], listed: dict[str, str]) -> str:
    killed = sum(code in KILLED for code in codes.values())
    survivors = [n for n, code in codes.items() if code in SURVIVED]
    equivalent = sum(equivalence(n, listed) is not None for n in survivors)
    ran = killed + len(survivors)
    other = len(codes) - ran
    score = f"{100 * killed / (ran - equivalent):5.1f} %" if ran > equivalent else "    -  "
    raw = f"{100 * killed / ran:5.1f} %" if ran else "    -  "
    extra = f"  ({other} not run)" if other else ""
    survived = len(survivors) - equivalent
    return f"{name:<26} {score} {killed:>6} {survived:>8} {equivalent:>10} {ran:>6} {raw}{extra}"


def print_scores(targets: list[str]) -> None:
    results, listed = _results(), listed_equivalents()
    header = ("package", "score", "killed", "survived", "equivalent", "total", "raw")
    print("{:<26} {:>7} {:>6} {:>8} {:>10} {:>6} {:>7}".format(*header))
    estimates = []
    for target in targets:
        prefix = _prefix(target)
        codes = {name: code for name, code in results.items() if name.startswith(prefix)}
        print(_row(prefix.rstrip("."), codes, listed))
        estimate = _estimate(target, codes, listed)
        if estimate:
            estimates.append(f"{prefix.rstrip('.'):<26} {estimate}")
    if estimates:
        print("\nestimated over all mutants, the rest from a random sample (mutants/sample.json):")
        print("\n".join(estimates))


SAMPLE_FILE = ROOT / "mutants" / "sample.json"


def draw(count: int, targets: list[str]) -> list[str]:
    """``count`` mutants drawn at random among each target's not run yet; all is kept."""
    kept = json.loads(SAMPLE_FILE.read_text()) if SAMPLE_FILE.exists() else {}
    drawn = []
    for target in targets:
        pending = pending_names([target])
        sample = sorted(random.Random(f"{target}:{len(pending)}").sample(pending, min(count, len(pending))))
        kept[target] = {"pending": pending, "sample": sample}
        drawn += sample
    SAMPLE_FILE.write_text(json.dumps(kept, indent=1))
    return drawn


def _estimate(target: str, codes: dict[str, int | None], listed: dict[str, str]) -> str:
    """The score over all of ``target``'s mutants: those run before the draw as they are,
    the rest at the rate of the sample drawn from them."""
    kept = json.loads(SAMPLE_FILE.read_text()).get(target) if SAMPLE_FILE.exists() else None
    if not kept:
        return ""
    rest = set(kept["pending"]) & set(codes)

    def tally(names: list[str]) -> tuple[int, int, int]:
        killed = sum(codes[n] in KILLED for n in names)
        survived = [n for n in names if codes[n] in SURVIVED]
        equivalent = sum(equivalence(n, listed) is not None for n in survived)
        return killed, len(survived) - equivalent, equivalent

    before_k, before_s, _ = tally([n for n in codes if n not in rest and codes[n] is not None])
    sample = [n for n in kept["sample"] if n in codes and codes[n] is not None]
    k, s, e = tally(sample)
    if k + s == 0:
        return f"- (none of the {len(kept['sample'])} drawn has run yet)"
    rest_counted = len(rest) * (k + s) / (k + s + e)  # the rest, less its share of equivalent ones

    def overall(rate: float) -> float:
        return 100 * (before_k + rate * rest_counted) / (before_k + before_s + rest_counted)

    low, high = _wilson(k, k + s)
    return (
        f"{overall(k / (k + s)):5.1f} %  (95 %: {overall(low):.1f}-{overall(high):.1f}); sample "
        f"{k}/{k + s} killed ({e} equivalent) of {len(sample)} run, drawn from {len(rest)} not run"
    )


def _wilson(successes: int, trials: int, z: float = 1.96) -> tuple[float, float]:
    p = successes / trials
    centre = (p + z * z / (2 * trials)) / (1 + z * z / trials)
    spread = z * math.sqrt(p * (1 - p) / trials + z * z / (4 * trials * trials)) / (1 + z * z / trials)
    return max(0.0, centre - spread), min(1.0, centre + spread)


def survivor_names(targets: list[str]) -> list[str]:
    prefixes = tuple(_prefix(target) for target in targets)
    return sorted(n for n, c in _results().items() if n.startswith(prefixes) and c in SURVIVED)


def print_survivors(targets: list[str]) -> None:
    listed = listed_equivalents()
    names = survivor_names(targets)
    reasons: Counter[str] = Counter()
    for name in names:
        reason = equivalence(name, listed)
        reasons[reason or "not equivalent"] += 1
        print(f"# {name}" + (f"  [equivalent: {reason}]" if reason else ""))
        print(_diff(name).rstrip())
        print()
    for reason, count in reasons.most_common():
        print(f"{count:>5}  {reason}")


def pending_names(targets: list[str]) -> list[str]:
    prefixes = tuple(_prefix(target) for target in targets)
    return sorted(n for n, c in _results().items() if n.startswith(prefixes) and c is None)


def main(argv: list[str]) -> None:
    if argv[:1] == ["--draw"]:
        print("\n".join(draw(int(argv[1]), argv[2:] or list(PACKAGES))))
        return
    option = argv[0] if argv[:1] in (["--survivors"], ["--names"], ["--pending"]) else ""
    targets = (argv[1:] if option else argv) or list(PACKAGES)
    if option == "--pending":
        print("\n".join(pending_names(targets)))
    elif option == "--names":  # those worth testing again: equivalent ones stay as they are
        listed = listed_equivalents()
        print("\n".join(n for n in survivor_names(targets) if equivalence(n, listed) is None))
    else:
        (print_survivors if option else print_scores)(targets)


if __name__ == "__main__":
    main(sys.argv[1:])

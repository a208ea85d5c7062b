"""The header row of an annotation CSV: which column holds what."""

from __future__ import annotations

from pathlib import Path

from annotator.formats.csv.columns import HEADER, normalise_column_name
from annotator.formats.csv.errors import CsvImportError, CsvProblem

_SIDES = ("start", "end")


def read_header(cells: list[str], path: Path, line: int) -> dict[str, int]:
    """Column index by normalised name; refuses a header the rows cannot be read with."""
    columns: dict[str, int] = {}
    problems: list[CsvProblem] = []
    for index, cell in enumerate(cells):
        name = normalise_column_name(cell)
        if not name:
            continue
        if name in columns and name in HEADER:
            reason = f"column {name} appears twice (columns {columns[name] + 1} and {index + 1})"
            problems.append(CsvProblem(line, name, reason))
        columns.setdefault(name, index)
    if not set(columns) & set(HEADER):
        reason = f"not an annotation CSV: the header names none of the columns {', '.join(HEADER)}"
        raise CsvImportError(path, [CsvProblem(line, "", reason)])
    problems.extend(CsvProblem(line, "", reason) for reason in _missing(columns))
    if problems:
        raise CsvImportError(path, problems)
    return columns


def _missing(columns: dict[str, int]) -> list[str]:
    reasons = []
    if "video" not in columns and "video_path" not in columns:
        reasons.append("missing column video (the video's file name, path or id)")
    if "label" not in columns:
        reasons.append("missing column label")
    for side in _SIDES:
        options = [f"{side}_frame", f"{side}_tc", f"{side}_s"]
        if not any(option in columns for option in options):
            reasons.append(f"missing column for the {side}: {', '.join(options[:2])} or {options[2]}")
    return reasons

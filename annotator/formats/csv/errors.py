"""What goes wrong while importing a CSV, said with the file, the line and the field."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class CsvProblem:
    """One reason a file cannot be imported. ``line`` is the physical line in the file
    (the header is line 1; 0 means the whole file); ``field`` is a column name or ``""``."""

    line: int
    field: str
    reason: str

    def describe(self, file_name: str) -> str:
        where = file_name if self.line <= 0 else f"{file_name} line {self.line}"
        if self.field:
            where += f", field {self.field}"
        return f"{where}: {self.reason}"


class CsvImportError(ValueError):
    """A CSV file that cannot be imported; nothing from it was taken.

    The message names the first problem; ``problems`` holds every problem found (the whole
    file is checked, so one round of fixes in the spreadsheet can cover them all)."""

    def __init__(self, path: Path, problems: Sequence[CsvProblem]) -> None:
        if not problems:
            raise ValueError("a CsvImportError needs at least one problem")
        self.path = path
        self.problems = tuple(problems)
        message = self.problems[0].describe(path.name)
        more = len(self.problems) - 1
        if more:
            message += f" (and {more} more problem{'s' if more > 1 else ''})"
        super().__init__(message)


class FieldError(ValueError):
    """A bad cell, raised while a row is read and turned into a ``CsvProblem``."""

    def __init__(self, field: str, reason: str) -> None:
        super().__init__(reason)
        self.field = field
        self.reason = reason

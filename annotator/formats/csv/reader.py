"""Reading an annotation CSV: all or nothing, every problem named by line and field.

What is accepted:

* UTF-8 with or without a BOM; ``\\r\\n``, ``\\n`` or ``\\r`` line ends; RFC 4180
  quoting (notes may hold commas, quotes and line breaks);
* ``,``, ``;`` (European Excel) or tab as the delimiter: whichever occurs most often in
  the header line (ties go to the comma); decimal commas in seconds (``1,5``);
* columns in any order, header names regardless of case, spaces and hyphens
  (``Start Frame`` is ``start_frame``); unknown columns are ignored, and so are
  ``duration_s`` and ``source`` (derived / informational; imported segments get
  ``source=import``);
* bounds as described in :mod:`annotator.formats.csv.bounds`; videos and labels as in
  :mod:`annotator.formats.csv.lookup`; ``segment_id`` kept when it is a UUID, a new one
  when empty; ``status`` ``unreviewed`` (or empty) or a verdict, which becomes a
  :class:`Review` by ``reviewer`` with ``review_note``; ``attributes`` a JSON object;
* text cells are unescaped (:func:`unescape_cell`), so our own export comes back exactly.

Everything else is refused with :class:`CsvImportError`, after the whole file is read, so
the message can say how many problems there are.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Sequence
from pathlib import Path

from annotator.domain.label import Label
from annotator.domain.video import Video
from annotator.formats.bulk import without_gc
from annotator.formats.csv.errors import CsvImportError, CsvProblem
from annotator.formats.csv.header import read_header
from annotator.formats.csv.row_reader import ImportedSegment, RowReader

_DELIMITERS = ",;\t"


@without_gc
def read_csv(path: Path, videos: Sequence[Video], labels: Sequence[Label]) -> list[ImportedSegment]:
    """Every segment of the CSV file at ``path``, or :class:`CsvImportError` and nothing.

    ``videos`` and ``labels`` are the project's (labels need their ids)."""
    text = _read_text(path)
    records = _records(text, path)
    try:
        header_line, header = next(records)
    except StopIteration:
        raise CsvImportError(path, [CsvProblem(0, "", "the file is empty")]) from None
    columns = read_header(header, path, header_line)
    imported, problems = RowReader(columns, len(header), videos, labels).read_all(records)
    if problems:
        raise CsvImportError(path, problems)
    return imported


def _read_text(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as exc:
        reason = f"cannot read the file: {exc.strerror or exc}"
        raise CsvImportError(path, [CsvProblem(0, "", reason)]) from None
    if not data.strip(b" \t\r\n\xef\xbb\xbf"):
        raise CsvImportError(path, [CsvProblem(0, "", "the file is empty")])
    if b"\x00" in data:
        reason = "not a CSV text file (it holds NUL bytes: binary, or UTF-16); save it as CSV UTF-8"
        raise CsvImportError(path, [CsvProblem(0, "", reason)])
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        reason = f"not UTF-8 text (byte 0x{data[exc.start]:02x}); save the file as CSV UTF-8"
        raise CsvImportError(path, [CsvProblem(line, "", reason)]) from None


def _delimiter(text: str) -> str:
    """The delimiter used most in the header line (ties and none go to the comma)."""
    header = text.partition("\n")[0]
    return max(_DELIMITERS, key=header.count)


def _records(text: str, path: Path) -> Iterator[tuple[int, list[str]]]:
    """``(first physical line, cells)`` of each record that is not blank."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text), strict=True)
    consumed = 0
    try:
        for cells in reader:
            line, consumed = consumed + 1, reader.line_num
            if cells and (cells[0] or any(cell.strip() for cell in cells)):
                yield line, cells
    except csv.Error as exc:
        raise CsvImportError(path, [CsvProblem(reader.line_num, "", f"not valid CSV: {exc}")]) from None

"""Spreadsheet formula-injection escaping for text cells (OWASP "CSV injection").

A cell that starts with ``= + - @``, a tab or a carriage return is read by Excel,
LibreOffice and Google Sheets as a formula; prefixing a single quote makes it text. A cell
that already starts with a quote is quoted too, so that :func:`unescape_cell` can undo the
escaping exactly: ``"-5 dB"`` -> ``"'-5 dB"`` -> ``"-5 dB"`` and ``"'x"`` -> ``"''x"`` -> ``"'x"``.
A quote typed by hand before an ordinary character (``'tis``) is left alone on import.
"""

from __future__ import annotations

FORMULA_STARTS = frozenset("=+-@\t\r")
_QUOTE = "'"
ESCAPED_STARTS = FORMULA_STARTS | {_QUOTE}


def escape_cell(text: str) -> str:
    """The text as a cell no spreadsheet will evaluate."""
    if text and text[0] in ESCAPED_STARTS:
        return _QUOTE + text
    return text


def unescape_cell(text: str) -> str:
    """Undo :func:`escape_cell` (and the quote spreadsheets use to mark text)."""
    if len(text) > 1 and text[0] == _QUOTE and text[1] in ESCAPED_STARTS:
        return text[1:]
    return text

"""The search box's language: free words and phrases, and filters by field.

``laugh "state visit" label:laughter video:kim* status:approved annotator:ana`` finds the
segments whose label, note, annotator or video name hold words starting with ``laugh`` and
the phrase ``state visit``, of label ``laughter``, on a video whose name starts with
``kim``, approved, by ``ana``. Filters of one field are alternatives (``label:a label:b``:
either); different fields must all hold. A filter's value is a pattern: ``*`` any text,
``?`` one character, matched without regard to case; a video also matches by its name
without the extension (``video:kim_visit`` finds ``kim_visit.mp4``). Quote a value that
has spaces: ``label:"driver swap"``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

FIELDS = ("label", "video", "status", "annotator")
STATUSES = ("unreviewed", "approved", "rejected", "needs_fix")
_TOKEN = re.compile(r'\s*(?:(-?)([A-Za-z_]+):)?(?:"((?:[^"]|"")*)"?|(\S+))')


class SearchQueryError(ValueError):
    """A query that cannot be read; the message names the part at fault."""


@dataclass(frozen=True)
class SearchQuery:
    words: tuple[str, ...] = ()  # matched as word prefixes
    phrases: tuple[str, ...] = ()  # matched as consecutive words
    labels: tuple[str, ...] = ()  # patterns, lower case
    videos: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    annotators: tuple[str, ...] = ()

    @property
    def has_text(self) -> bool:
        return bool(self.words or self.phrases)

    def fts_expression(self) -> str:
        """The words and phrases as an FTS5 query: every one must match; a word as a prefix.
        Each is quoted, so no character a user types is FTS5 syntax."""
        parts = [f"{_quoted(word)}*" for word in self.words]
        parts += [_quoted(phrase) for phrase in self.phrases]
        return " AND ".join(parts)


def _quoted(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def parse_query(text: str) -> SearchQuery:
    """Read a query; a field no filter has, or a status no segment can have, is refused."""
    found: dict[str, list[str]] = {name: [] for name in (*FIELDS, "words", "phrases")}
    for match in _TOKEN.finditer(text):
        negated, field, quoted, bare = match.groups()
        if quoted is None and bare is None:
            continue
        value = quoted.replace('""', '"') if quoted is not None else bare
        if field is None:
            if bare is not None and bare.endswith(":") and bare[:-1].lower() in FIELDS:
                raise SearchQueryError(f"{bare} needs a value right after it (for example {bare}laughter)")
            _add_text(found, value)
            continue
        name = field.lower()
        if name not in FIELDS:
            raise SearchQueryError(f"unknown filter {field}: (filters: {', '.join(f + ':' for f in FIELDS)})")
        if negated:
            raise SearchQueryError(f"-{field}: excluding is not supported; write the values wanted")
        if not value.strip():
            raise SearchQueryError(f"{field}: needs a value")
        found[name].append(_status(value) if name == "status" else value.strip().lower())
    return SearchQuery(
        tuple(found["words"]),
        tuple(found["phrases"]),
        *(tuple(dict.fromkeys(found[name])) for name in FIELDS),
    )


def _add_text(found: dict[str, list[str]], value: str) -> None:
    """One word is a prefix; several (quoted, or joined like ``kim's``) a phrase."""
    words = re.findall(r"\w+", value)
    if len(words) > 1:
        found["phrases"].append(" ".join(words))
    else:
        found["words"].extend(words)


def _status(value: str) -> str:
    status = value.strip().lower().replace("-", "_").replace(" ", "_")
    if status not in STATUSES:
        raise SearchQueryError(f"status:{value}: not a status (statuses: {', '.join(STATUSES)})")
    return status

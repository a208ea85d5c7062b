"""Search on a server project: the query language of ``domain/search_query.py`` in SQL.

SQLite has FTS5 with BM25 (``search_index.py``); here the words and phrases are matched
with PostgreSQL's case-insensitive regular expressions at word starts over the
label name, the video's file name, the annotator and the note, every one required, and
hits are ranked by where they matched, with FTS5's weights (label 8, video and annotator 2,
note 1; BM25's term frequencies aside); ties by video and start frame. Filters are the same
patterns (``*``, ``?``, no case) on the same fields, and the status is the latest verdict.
No index serves the text match: a scan of the project's live segments (fine for the
hundred thousand rows of a project; ``docs/architecture.md``).
"""

from __future__ import annotations

import re
from typing import Any

from annotator.domain.search_query import SearchQuery
from annotator.storage.connection import StoreDatabase
from annotator.storage.search_index import SearchHit

_FILE_NAME = r"regexp_replace(v.path, '^.*[/\\]', '')"
_FIELDS = {"label": "l.name", "video": _FILE_NAME, "annotator": "s.annotator", "note": "s.note"}
_ALL = "(l.name || ' ' || " + _FILE_NAME + " || ' ' || s.annotator || ' ' || s.note)"
_LATEST = (
    "coalesce((SELECT r.verdict FROM reviews AS r WHERE r.segment_id = s.id ORDER BY r.id DESC LIMIT 1), "
    "'unreviewed')"
)


def _like(pattern: str) -> str:
    """A filter's pattern (``*``, ``?``) as a LIKE pattern, other characters literal."""
    escaped = pattern.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return escaped.replace("*", "%").replace("?", "_")


_WORD_BREAK = re.compile(r"[\W_]+")  # FTS5's tokenizer: runs of letters and digits (``_`` separates)


def _word_regex(text: str, prefix: bool) -> str:
    """Words as FTS5's tokenizer sees them."""
    words = [re.escape(word) for word in _WORD_BREAK.split(text) if word]
    return "(^|[^[:alnum:]])" + "[^[:alnum:]]+".join(words) + ("" if prefix else "($|[^[:alnum:]])")


def search(db: StoreDatabase, query: SearchQuery, proposals: str, limit: int) -> list[SearchHit]:
    clauses, params = ["s.deleted = 0"], []
    if proposals != "include":
        clauses.append("s.source " + ("=" if proposals == "only" else "<>") + " 'proposal'")
    for patterns, expression in (
        (query.labels, "lower(l.name) LIKE ?"),
        (query.videos, f"(lower({_FILE_NAME}) LIKE ? OR lower({_FILE_NAME}) LIKE ? || '.%')"),
        (query.annotators, "lower(s.annotator) LIKE ?"),
    ):
        if patterns:
            clauses.append("(" + " OR ".join([expression] * len(patterns)) + ")")
            for pattern in patterns:
                params += [_like(pattern)] * expression.count("?")
    if query.statuses:
        clauses.append(f"{_LATEST} IN ({', '.join('?' * len(query.statuses))})")
        params += list(query.statuses)
    rank: list[str] = []
    rank_params: list[Any] = []
    texts = [_word_regex(w, True) for w in query.words] + [_word_regex(p, False) for p in query.phrases]
    for regex, plain in zip(texts, [*query.words, *query.phrases], strict=True):
        # One cheap substring test over the four fields first (the first word, split as the
        # regular expression splits it); the word-start test after it.
        first = next((word for word in _WORD_BREAK.split(plain) if word), plain)
        substring = f"%{_like(first)}%"
        clauses.append(f"{_ALL} ILIKE ? AND {_ALL} ~* ?")
        params += [substring, regex]
        for weight, column in zip((8, 2, 2, 1), _FIELDS.values(), strict=True):  # FTS5's weights
            rank.append(f"(CASE WHEN {column} ILIKE ? AND {column} ~* ? THEN {weight} ELSE 0 END)")
            rank_params += [substring, regex]
    score = " + ".join(rank) if rank else "0"
    sql = (
        f"SELECT s.id, {score} AS score FROM segments AS s JOIN labels AS l ON l.id = s.label_id "
        f"JOIN videos AS v ON v.id = s.video_id WHERE {' AND '.join(clauses)} "
        "ORDER BY score DESC, s.video_id, s.start_frame LIMIT ?"
    )
    rows = db.query(sql, [*rank_params, *params, limit])
    return [SearchHit(str(row[0]), -float(row[1])) for row in rows]

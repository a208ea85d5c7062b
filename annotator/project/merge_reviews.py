"""Reviews of a merge: the two histories as one, each verdict once, in time order.

A review is the same review when its segment, reviewer, verdict, note and time match (a
review without a time matches any time). The project keeps its latest review (by row id)
as a segment's status, so the order of rows matters: verdicts that are newer than every
verdict a segment has here are appended; when one is older, that segment's history is
rewritten in time order (its rows here are replaced: the same reviews, new row ids). A
review without a time is written as made now, after the others.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from annotator.domain.segment import Review


@dataclass(frozen=True)
class HistoryRewrite:
    """A segment's review rows to drop, and its whole history to write in their place."""

    segment_id: str
    drop_ids: tuple[int, ...]
    reviews: tuple[Review, ...]


def _key(review: Review) -> tuple[str, str, str, str]:
    return (review.segment_id, review.reviewer, review.verdict.value, review.note)


def merge_reviews(
    ours: Iterable[Review], theirs: Iterable[Review], segment_ids: set[str]
) -> tuple[tuple[Review, ...], tuple[HistoryRewrite, ...]]:
    """(reviews to append, histories to rewrite) to bring ``theirs`` in; reviews of segments
    outside ``segment_ids`` (not in the merged project) are left out."""
    history: dict[str, list[Review]] = defaultdict(list)
    for review in ours:
        history[review.segment_id].append(review)
    seen = {(*_key(r), r.created_at) for reviews in history.values() for r in reviews}
    undated = {_key(r) for reviews in history.values() for r in reviews}
    incoming: dict[str, list[Review]] = defaultdict(list)
    for review in theirs:
        known = undated if not review.created_at else seen
        wanted = _key(review) if not review.created_at else (*_key(review), review.created_at)
        if review.segment_id in segment_ids and wanted not in known:
            seen.add((*_key(review), review.created_at))
            undated.add(_key(review))
            incoming[review.segment_id].append(review)
    appended: list[Review] = []
    rewrites: list[HistoryRewrite] = []
    for segment_id, new in incoming.items():
        here = history.get(segment_id, [])
        latest = max((r.created_at for r in here), default="")
        if all(not r.created_at or r.created_at >= latest for r in new):
            appended += sorted(new, key=_when)
            continue
        merged = sorted([*here, *new], key=_when)  # stable: ours first on a tie
        drop = tuple(r.id for r in here if r.id is not None)
        rewrites.append(HistoryRewrite(segment_id, drop, tuple(_without_id(r) for r in merged)))
    return tuple(appended), tuple(rewrites)


def _when(review: Review) -> str:
    """Sort key: its time; a review without one is stamped now when written, so last."""
    return review.created_at or "\uffff"


def _without_id(review: Review) -> Review:
    return Review(review.segment_id, review.reviewer, review.verdict, review.note, review.created_at)

"""Planning a merge: what another copy adds, changes or leaves, keyed by segment id.

There is no common ancestor, so a segment is judged by its two versions alone:
- only the other copy has it: it is added (unless it is deleted there);
- both have it with the same content (video, label, bounds, annotator, note, attributes,
  source, deleted or not; timestamps are not content): nothing to do;
- both have it with different content: a conflict, reported; ``prefer`` decides which
  version stays (``ours``, ``theirs``, or ``newer`` by ``updated_at``, ours on a tie); with
  no ``prefer`` the conflict is unresolved and the merge is refused.
A segment only this project has is left as it is. Nothing is written here.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum
from pathlib import Path

from annotator.domain.segment import Segment
from annotator.project.import_plan import ImportPlan
from annotator.project.merge_reviews import HistoryRewrite, merge_reviews
from annotator.project.merge_source import MergeSource
from annotator.project.merge_vocabulary import match_vocabulary
from annotator.storage.store_base import BaseStore

CONTENT = ("video_id", "label_id", "start_frame", "end_frame", "annotator", "note", "attributes", "source")


class Prefer(StrEnum):
    NEWER = "newer"
    OURS = "ours"
    THEIRS = "theirs"


@dataclass(frozen=True)
class Conflict:
    """A segment both copies changed: its two versions (theirs with this project's ids)."""

    ours: Segment
    theirs: Segment
    fields: tuple[str, ...]  # the content that differs ("deleted" for a deletion)
    taken: str | None  # "ours", "theirs", or None: undecided


@dataclass(frozen=True)
class MergePlan:
    source: Path
    additions: ImportPlan  # new labels, videos, segments, and reviews appended to histories
    replacements: tuple[tuple[Segment, bool], ...]  # their version taken, and whether deleted
    rewrites: tuple[HistoryRewrite, ...]
    conflicts: tuple[Conflict, ...]
    unchanged: int
    deleted_there_only: int  # segments deleted in the other copy that this one never had
    notes: tuple[str, ...]  # label differences, dropped keys

    @property
    def unresolved(self) -> tuple[Conflict, ...]:
        return tuple(conflict for conflict in self.conflicts if conflict.taken is None)


def plan_merge(store: BaseStore, source: MergeSource, prefer: Prefer | None) -> MergePlan:
    ours = {segment.id: segment for segment in store.segments(include_deleted=True)}
    active = {segment.id for segment in store.segments()}
    match = match_vocabulary(store.labels(), store.videos(), source.labels, source.videos, str(source.path))
    new: list[Segment] = []
    replacements: list[tuple[Segment, bool]] = []
    conflicts: list[Conflict] = []
    unchanged = deleted_there_only = 0
    for theirs in source.segments:
        mapped = replace(
            theirs, video_id=match.video_ids[theirs.video_id], label_id=match.label_ids[theirs.label_id]
        )
        deleted_there = theirs.id in source.deleted
        here = ours.get(theirs.id)
        if here is None:
            deleted_there_only += deleted_there
            new += [] if deleted_there else [mapped]
            continue
        fields = _differences(here, mapped, theirs.id not in active, deleted_there)
        if not fields:
            unchanged += 1
            continue
        taken = _decide(prefer, here, mapped)
        conflicts.append(Conflict(here, mapped, fields, taken))
        if taken == "theirs":
            replacements.append((mapped, deleted_there))
    appended, rewrites = merge_reviews(store.reviews(), source.reviews, set(ours) | {s.id for s in new})
    additions = ImportPlan(source.path, tuple(new), appended, match.new_labels, match.new_videos)
    return MergePlan(
        source.path, additions, tuple(replacements), rewrites, tuple(conflicts), unchanged,
        deleted_there_only, match.notes,
    )  # fmt: skip


def _differences(ours: Segment, theirs: Segment, ours_deleted: bool, theirs_deleted: bool) -> tuple[str, ...]:
    fields = tuple(name for name in CONTENT if getattr(ours, name) != getattr(theirs, name))
    return fields + (("deleted",) if ours_deleted != theirs_deleted else ())


def _decide(prefer: Prefer | None, ours: Segment, theirs: Segment) -> str | None:
    if prefer is None:
        return None
    if prefer == Prefer.NEWER:
        return "theirs" if theirs.updated_at > ours.updated_at else "ours"
    return prefer.value

"""``annotator merge``: other copies' work brought into a project, all of it or nothing.

Every source is read whole first (a bad file stops the merge before anything is written).
Then, inside one transaction, each source is planned against the project as the previous
ones left it (``merge_plan``) and written: its additions through ``write_import`` (the
import path: new labels, videos, segments, appended reviews), the versions taken from it
(``put_segment``), and review histories rewritten in time order. Any error, an unresolved
conflict, or a dry run rolls the whole transaction back: the project is as it was.
Merging the same file again finds everything unchanged and writes nothing new.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from annotator.domain.segment import Segment
from annotator.project.import_plan import WrittenImport, write_import
from annotator.project.merge_plan import MergePlan, Prefer, plan_merge
from annotator.project.merge_source import read_merge_source
from annotator.project.project import Project
from annotator.storage.project_store import ProjectStore
from annotator.storage.store_base import BaseStore


@dataclass(frozen=True)
class MergeResult:
    plans: tuple[MergePlan, ...]
    written: bool

    @property
    def unresolved(self) -> int:
        return sum(len(plan.unresolved) for plan in self.plans)


class _RollBack(Exception):
    """Leave the transaction without committing (a dry run, or conflicts left open)."""


def merge_files(
    project: Project, paths: Sequence[Path], prefer: Prefer | None = None, dry_run: bool = False
) -> MergeResult:
    """Merge ``paths`` (project folders or JSON exports) into ``project``; nothing is written
    on a dry run or while a conflict is unresolved (``prefer`` is ``None``)."""
    own = project.store.db_path if isinstance(project.store, ProjectStore) else None  # a server's: none
    sources = [read_merge_source(Path(path), own) for path in paths]
    plans: list[MergePlan] = []
    try:
        with project.store.transaction():
            for source in sources:
                plan = plan_merge(project.store, source, prefer)
                plans.append(plan)
                write_merge(project.store, plan)
            if dry_run or any(plan.unresolved for plan in plans):
                raise _RollBack
    except _RollBack:
        return MergeResult(tuple(plans), written=False)
    return MergeResult(tuple(plans), written=True)


def write_merge(store: BaseStore, plan: MergePlan) -> None:
    """Write ``plan``; call it inside the store's transaction so it is all or nothing."""
    written = write_import(store, plan.additions)
    for segment, deleted in plan.replacements:
        store.put_segment(_resolved(segment, written), deleted)
    for rewrite in plan.rewrites:
        for review_id in rewrite.drop_ids:
            store.delete_review(review_id)
        store.add_reviews(rewrite.reviews)


def _resolved(segment: Segment, written: WrittenImport) -> Segment:
    """``segment`` with placeholder ids (labels, videos the merge added) made real."""
    label_id, video_id = segment.label_id, segment.video_id
    if label_id < 0:
        added = written.labels[-label_id - 1].id
        assert added is not None
        label_id = added
    if video_id < 0:
        video_id = written.videos[-video_id - 1].id
    return replace(segment, label_id=label_id, video_id=video_id)

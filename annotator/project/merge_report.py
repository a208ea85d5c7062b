"""What a merge did (or would do), as lines for the command line."""

from __future__ import annotations

from collections.abc import Mapping

from annotator.project.merge import MergeResult
from annotator.project.merge_plan import Conflict, MergePlan

_TAKEN = {"ours": "kept this project's", "theirs": "took theirs", None: "undecided"}


def describe(result: MergeResult, label_names: Mapping[int, str]) -> list[str]:
    lines: list[str] = []
    for plan in result.plans:
        lines.append(_summary(plan))
        lines += [_conflict(conflict, label_names) for conflict in plan.conflicts]
        lines += [f"  note: {note}" for note in plan.notes]
        if plan.deleted_there_only:
            lines.append(f"  {plan.deleted_there_only} segments deleted there and never here: left out")
    return lines


def _summary(plan: MergePlan) -> str:
    added = plan.additions
    reviews = len(added.reviews) + sum(len(r.reviews) - len(r.drop_ids) for r in plan.rewrites)
    parts = [
        f"{len(added.segments)} new segments",
        f"{len(plan.replacements)} replaced by their version",
        f"{plan.unchanged} unchanged",
        f"{len(plan.conflicts)} conflicts",
        f"{len(added.new_labels)} new labels",
        f"{len(added.new_videos)} new videos",
        f"{reviews} reviews added",
    ]
    if plan.rewrites:
        parts.append(f"review history of {len(plan.rewrites)} segments put in time order")
    return f"{plan.source}: " + ", ".join(parts)


def _conflict(conflict: Conflict, label_names: Mapping[int, str]) -> str:
    ours = conflict.ours
    label = label_names.get(ours.label_id, str(ours.label_id))
    return (
        f"  conflict: segment {ours.id} ({label} {ours.start_frame}-{ours.end_frame} by "
        f"{ours.annotator or '?'}): {', '.join(conflict.fields)} differ; updated here "
        f"{ours.updated_at or '?'}, there {conflict.theirs.updated_at or '?'}: {_TAKEN[conflict.taken]}"
    )

"""Coders' segments as agreement and the disagreement list see them.

A coder is a segment's ``annotator``. Proposals (``source = proposal``) and deleted
segments are left out. Labels are named as the project names them; a name given by the
user matches after case and whitespace folding.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from fractions import Fraction
from typing import Protocol

from annotator.analysis.disagreements import Disagreement, find_disagreements
from annotator.domain.label import Label
from annotator.domain.segment import Segment, Source
from annotator.project.errors import ProjectError

RESOLUTION_KEY = "resolution"  # in a segment's attributes once a disagreement about it is resolved


class CodedStore(Protocol):
    """The reads this module needs (``ProjectStore``, or a document's store)."""

    def segments(
        self, video_id: int | None = None, label_id: int | None = None, include_deleted: bool = False
    ) -> list[Segment]: ...
    def labels(self, include_archived: bool = True) -> list[Label]: ...


def fold(name: str) -> str:
    """A name compared without case and with runs of whitespace as one space."""
    return " ".join(name.split()).casefold()


def check_coders(coders: Sequence[str]) -> tuple[str, ...]:
    """At least two coders, each named once."""
    names = tuple(name.strip() for name in coders)
    if len(names) < 2 or any(not name for name in names):
        raise ProjectError(
            f"--coders needs at least two names, separated by commas (got {','.join(coders)!r})"
        )
    repeated = sorted({name for name in names if names.count(name) > 1})
    if repeated:
        raise ProjectError(f"--coders names {repeated[0]!r} more than once")
    return names


def video_coders(store: CodedStore, video_id: int) -> list[str]:
    """The coders of a video: the annotators of its segments (no proposals), sorted; segments
    stored without a name have no coder to compare (``check_coders`` refuses "")."""
    segments = store.segments(video_id=video_id)
    return sorted({s.annotator for s in segments if s.source != Source.PROPOSAL and s.annotator})


def coded_segments(store: CodedStore, video_ids: Iterable[int], coders: Sequence[str]) -> list[Segment]:
    """The coders' own segments (no proposals, none deleted) on the videos; a coder without
    a single segment in the whole project is refused (a misspelt name, most likely)."""
    wanted = set(coders)
    found = [
        segment
        for video_id in video_ids
        for segment in store.segments(video_id=video_id)
        if segment.annotator in wanted and segment.source != Source.PROPOSAL
    ]
    missing = wanted - {segment.annotator for segment in found}
    if missing:
        everyone = {s.annotator for s in store.segments() if s.source != Source.PROPOSAL}
        for coder in coders:
            if coder in missing and coder not in everyone:
                known = ", ".join(sorted(name for name in everyone if name)) or "none"
                raise ProjectError(f"coder {coder!r} has no segments in the project (coders: {known})")
    return found


def chosen_labels(store: CodedStore, names: Sequence[str], segments: Iterable[Segment]) -> list[Label]:
    """The labels asked for by name, or else every label the segments use; display order."""
    labels = store.labels()
    if not names:
        used = {segment.label_id for segment in segments}
        return [label for label in labels if label.id in used]
    by_name = {fold(label.name): label for label in labels}
    chosen = []
    for name in names:
        label = by_name.get(fold(name))
        if label is None:
            known = ", ".join(label.name for label in labels)
            raise ProjectError(f"--labels: no label {name.strip()!r} in the project (labels: {known})")
        chosen.append(label)
    return chosen


def by_label_and_coder(
    segments: Iterable[Segment], labels: Sequence[Label], coders: Sequence[str]
) -> dict[str, list[list[Segment]]]:
    """``result[label name][c]``: coder ``coders[c]``'s segments of that label."""
    slot = {coder: index for index, coder in enumerate(coders)}
    grouped: dict[int | None, list[list[Segment]]] = {label.id: [[] for _ in coders] for label in labels}
    for segment in segments:
        per_coder = grouped.get(segment.label_id)
        if per_coder is not None and segment.annotator in slot:
            per_coder[slot[segment.annotator]].append(segment)
    return {label.name: grouped[label.id] for label in labels}


def coder_disagreements(
    store: CodedStore,
    video_id: int,
    coders: tuple[str, str],
    labels: Sequence[str] = (),
    min_iou: Fraction = Fraction(1, 2),
    tolerance_frames: int = 0,
) -> list[Disagreement]:
    """Where coder A (``coders[0]``, the reference) and coder B disagree on one video, sorted
    by time: what the window lists and jumps to (see ``analysis.disagreements``). Segments
    whose disagreement was resolved already (``RESOLUTION_KEY`` in their attributes, see
    ``editing.disagreement_resolution``) are not listed again."""
    a, b = check_coders(coders)
    segments = coded_segments(store, [video_id], (a, b))
    wanted = {label.id for label in chosen_labels(store, labels, segments)}
    kept = [s for s in segments if s.label_id in wanted and RESOLUTION_KEY not in s.attributes]
    return find_disagreements(
        [s for s in kept if s.annotator == a],
        [s for s in kept if s.annotator == b],
        min_iou,
        tolerance_frames,
    )

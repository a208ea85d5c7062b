"""Lay segments out as EAF tiers: a tier per label, extra tiers for overlaps, note tiers.

Pure bookkeeping for :mod:`annotator.formats.eaf.writer`: ids of time slots, annotations
and vocabulary entries, and which annotation goes on which tier.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from annotator.domain.label import Label
from annotator.domain.segment import Segment


class AnnotationPlan(NamedTuple):
    """An annotation to write. ``ref`` is the ``CVE_REF`` of an alignable annotation or
    the ``ANNOTATION_REF`` of a note; ``slot1``/``slot2`` are empty for notes."""

    id: str
    slot1: str
    slot2: str
    value: str
    ref: str


@dataclass
class TierPlan:
    name: str
    parent: str = ""
    annotations: list[AnnotationPlan] = field(default_factory=list)


@dataclass
class EafPlan:
    slot_ms: list[int]
    tiers: list[TierPlan]
    annotation_count: int
    last_annotation_id: int


Timed = tuple[int, int, Segment]


def plan_tiers(labels: Sequence[Label], timed: list[Timed]) -> EafPlan:
    """Tiers for ``labels`` (in their order) holding ``timed`` ``(start_ms, end_ms, segment)``."""
    by_label: dict[int | None, list[Timed]] = {label.id: [] for label in labels}
    for item in timed:
        bucket = by_label.get(item[2].label_id)
        if bucket is None:
            raise KeyError(f"segment {item[2].id}: label {item[2].label_id} is not among the labels")
        bucket.append(item)
    slot_ms = sorted({ms for start, end, _ in timed for ms in (start, end)})
    slot_of = {ms: f"ts{index}" for index, ms in enumerate(slot_ms, 1)}
    used = {label.name for label in labels}
    counter = _Counter()
    tiers: list[TierPlan] = []
    for index, label in enumerate(labels, 1):
        lanes = _lanes(sorted(by_label[label.id], key=lambda item: (item[0], item[1])))
        for lane, items in enumerate(lanes or [[]]):
            name = label.name if lane == 0 else _unique(f"{label.name} ({lane + 1})", used)
            tier = TierPlan(name)
            notes = TierPlan(_unique(f"{name} notes", used), parent=name)
            for start, end, segment in items:
                annotation_id = counter.next()
                cve = f"cve{index}"
                tier.annotations.append(
                    AnnotationPlan(annotation_id, slot_of[start], slot_of[end], label.name, cve)
                )
                if segment.note:
                    notes.annotations.append(
                        AnnotationPlan(counter.next(), "", "", segment.note, annotation_id)
                    )
            tiers.append(tier)
            if notes.annotations:
                tiers.append(notes)
            else:
                used.discard(notes.name)
    return EafPlan(slot_ms, tiers, len(timed), counter.value)


def _lanes(items: list[Timed]) -> list[list[Timed]]:
    """First-fit: each annotation on the first lane whose last annotation has ended."""
    lanes: list[list[Timed]] = []
    ends: list[int] = []
    for item in items:
        for lane, end in enumerate(ends):
            if end <= item[0]:
                lanes[lane].append(item)
                ends[lane] = item[1]
                break
        else:
            lanes.append([item])
            ends.append(item[1])
    return lanes


def _unique(name: str, used: set[str]) -> str:
    candidate, number = name, 2
    while candidate in used:
        candidate, number = f"{name} {number}", number + 1
    used.add(candidate)
    return candidate


class _Counter:
    def __init__(self) -> None:
        self.value = 0

    def next(self) -> str:
        self.value += 1
        return f"a{self.value}"

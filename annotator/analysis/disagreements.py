"""Where two coders disagree on a video: what the window lists, and review mode can queue.

Per label, coder A's segments are matched to coder B's as for the F1 (one to one, the
highest IoU first, IoU >= ``min_iou``; A is the reference). A disagreement is

- ``only_a`` / ``only_b``: a segment of one coder that the matching left alone;
- ``boundaries``: a matched pair whose starts or ends differ by more than
  ``tolerance_frames`` frames.

Each names its frames (``[start_frame, end_frame)``, spanning both segments of a pair) and
its segments; the list is sorted by time (start, end, label, segment ids).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction

from annotator.analysis.segment_matching import match_segments
from annotator.domain.segment import Segment


class DisagreementKind(StrEnum):
    ONLY_A = "only_a"
    ONLY_B = "only_b"
    BOUNDARIES = "boundaries"


@dataclass(frozen=True)
class Disagreement:
    """One place where the coders differ: ``a`` and/or ``b`` is the segment involved."""

    kind: DisagreementKind
    label_id: int
    start_frame: int
    end_frame: int
    a: Segment | None
    b: Segment | None

    @property
    def segment_ids(self) -> tuple[str, ...]:
        return tuple(segment.id for segment in (self.a, self.b) if segment is not None)

    @property
    def start_diff(self) -> int | None:
        """B's start minus A's (a pair only)."""
        return self.b.start_frame - self.a.start_frame if self.a and self.b else None

    @property
    def end_diff(self) -> int | None:
        return self.b.end_frame - self.a.end_frame if self.a and self.b else None


def find_disagreements(
    coder_a: Iterable[Segment],
    coder_b: Iterable[Segment],
    min_iou: Fraction = Fraction(1, 2),
    tolerance_frames: int = 0,
) -> list[Disagreement]:
    """The disagreements between A's and B's segments (of one video), sorted by time."""
    if tolerance_frames < 0:
        raise ValueError(f"tolerance_frames must be >= 0, got {tolerance_frames}")
    by_label_a, by_label_b = _by_label(coder_a), _by_label(coder_b)
    found: list[Disagreement] = []
    for label_id in sorted(by_label_a.keys() | by_label_b.keys()):
        found += _label_disagreements(
            label_id, by_label_a.get(label_id, []), by_label_b.get(label_id, []), min_iou, tolerance_frames
        )
    return sorted(found, key=lambda d: (d.start_frame, d.end_frame, d.label_id, d.segment_ids))


def _by_label(segments: Iterable[Segment]) -> dict[int, list[Segment]]:
    grouped: dict[int, list[Segment]] = defaultdict(list)
    for segment in segments:
        grouped[segment.label_id].append(segment)
    return grouped


def _label_disagreements(
    label_id: int, a: Sequence[Segment], b: Sequence[Segment], min_iou: Fraction, tolerance: int
) -> list[Disagreement]:
    matches = match_segments(a, b, min_iou)
    paired_a = {m.reference.id for m in matches}
    paired_b = {m.other.id for m in matches}
    found = [
        Disagreement(DisagreementKind.ONLY_A, label_id, s.start_frame, s.end_frame, s, None)
        for s in a
        if s.id not in paired_a
    ]
    found += [
        Disagreement(DisagreementKind.ONLY_B, label_id, s.start_frame, s.end_frame, None, s)
        for s in b
        if s.id not in paired_b
    ]
    for m in matches:
        if abs(m.start_diff) > tolerance or abs(m.end_diff) > tolerance:
            start = min(m.reference.start_frame, m.other.start_frame)
            end = max(m.reference.end_frame, m.other.end_frame)
            kind = DisagreementKind.BOUNDARIES
            found.append(Disagreement(kind, label_id, start, end, m.reference, m.other))
    return found

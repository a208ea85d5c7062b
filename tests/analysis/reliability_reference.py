"""Slow, obviously correct reference implementations, written from the definitions in plain
Python with exact fractions: the fast numpy code in ``annotator.analysis`` is tested
against these."""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Sequence
from fractions import Fraction
from itertools import permutations

from annotator.domain.segment import Segment


def reference_alpha(data: Sequence[Sequence[Hashable | None]]) -> Fraction | None:
    """Krippendorff's nominal alpha by its coincidence matrix (Krippendorff 2011, section C):
    every ordered pair of values from different coders in a unit adds 1 / (m_u - 1)."""
    coincidences: Counter[tuple[Hashable, Hashable]] = Counter()
    units = max(len(row) for row in data)
    for unit in range(units):
        values = [row[unit] for row in data if unit < len(row) and row[unit] is not None]
        if len(values) < 2:
            continue
        for first, second in permutations(range(len(values)), 2):
            coincidences[(values[first], values[second])] += Fraction(1, len(values) - 1)
    totals: Counter[Hashable] = Counter()
    for (c, _k), count in coincidences.items():
        totals[c] += count
    n = sum(totals.values())
    observed = sum(count for (c, k), count in coincidences.items() if c != k)
    expected = sum(totals[c] * totals[k] for c in totals for k in totals if c != k)
    if expected == 0:
        return None
    return 1 - (n - 1) * observed / expected


def reference_kappa(first: Sequence[Hashable], second: Sequence[Hashable]) -> Fraction | None:
    """Cohen's kappa from two coders' values, by p_o and p_e."""
    n = len(first)
    if n == 0:
        return None
    observed = Fraction(sum(a == b for a, b in zip(first, second, strict=True)), n)
    counts_first, counts_second = Counter(first), Counter(second)
    chance = sum(Fraction(counts_first[v] * counts_second[v], n * n) for v in counts_first)
    if chance == 1:
        return None
    return (observed - chance) / (1 - chance)


def reference_frames(segments: Sequence[Segment], frame_count: int) -> list[int]:
    """x[f] = 1 if any segment covers frame f, frame by frame."""
    return [int(any(s.start_frame <= f < s.end_frame for s in segments)) for f in range(frame_count)]


def reference_matching(
    reference: Sequence[Segment], other: Sequence[Segment], min_iou: Fraction
) -> list[tuple[str, str]]:
    """Greedy one-to-one matching over every pair, the highest IoU first (ties: earlier
    reference, then earlier other, by start, end, id)."""

    def order(segments: Sequence[Segment]) -> list[Segment]:
        return sorted(segments, key=lambda s: (s.start_frame, s.end_frame, s.id))

    refs, others = order(reference), order(other)
    pairs = []
    for i, r in enumerate(refs):
        for j, o in enumerate(others):
            overlap = min(r.end_frame, o.end_frame) - max(r.start_frame, o.start_frame)
            if overlap > 0:
                iou = Fraction(overlap, r.frame_count + o.frame_count - overlap)
                if iou >= min_iou:
                    pairs.append((-iou, i, j))
    used_r, used_o, matched = set(), set(), []
    for _, i, j in sorted(pairs):
        if i not in used_r and j not in used_o:
            used_r.add(i)
            used_o.add(j)
            matched.append((refs[i].id, others[j].id))
    return matched

"""Agreement between coders on one video: the additive tallies behind every figure.

For each label and coder the units are the video's frames: ``x[c][f] = 1`` where any of
coder c's segments of the label covers frame f (``coverage.covered_frames``). A
:class:`LabelTally` keeps what the figures are computed from, in a form that adds up:

- ``ones[k]``: frames that exactly ``k`` coders marked (Krippendorff's alpha);
- ``kappa_table``: the 2x2 table of the two coders' frame values (two coders only);
- ``pairs``: per ordered coder pair (reference, other) the matched segment count and both
  segment counts (precision, recall, F1); with two coders only (first, second);
- ``start_diffs``/``end_diffs``: |start difference| and |end difference| in frames of the
  matched pairs whose reference comes first in the coder list.

Pooling videos adds their tallies (:func:`pooled`): exactly the same as concatenating the
videos' frames into one unit list and their matched pairs into one list; segments are
only ever matched within a video. :mod:`annotator.analysis.agreement_figures` turns
tallies into kappa, alpha, precision... .
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from itertools import permutations

import numpy as np

from annotator.analysis.coverage import covered_frames
from annotator.analysis.reliability import binary_kappa_table
from annotator.analysis.segment_matching import match_segments
from annotator.domain.segment import Segment


@dataclass(frozen=True)
class PairTally:
    """One ordered coder pair: ``reference`` and ``other`` index the coder list."""

    reference: int
    other: int
    matched: int
    reference_segments: int
    other_segments: int


@dataclass(frozen=True)
class LabelTally:
    """The additive parts of one label's figures (see the module)."""

    coders: int
    ones: tuple[int, ...]
    kappa_table: tuple[tuple[int, int], tuple[int, int]] | None
    pairs: tuple[PairTally, ...]
    start_diffs: tuple[int, ...]
    end_diffs: tuple[int, ...]

    def __add__(self, other: LabelTally) -> LabelTally:
        if other.coders != self.coders:
            raise ValueError("tallies of different coder lists cannot be added")
        table = None
        if self.kappa_table is not None and other.kappa_table is not None:
            (a, b), (c, d) = self.kappa_table
            (e, f), (g, h) = other.kappa_table
            table = ((a + e, b + f), (c + g, d + h))
        pairs = tuple(
            PairTally(p.reference, p.other, p.matched + q.matched, p.reference_segments +
                      q.reference_segments, p.other_segments + q.other_segments)
            for p, q in zip(self.pairs, other.pairs, strict=True)
        )  # fmt: skip
        return LabelTally(
            self.coders,
            tuple(x + y for x, y in zip(self.ones, other.ones, strict=True)),
            table,
            pairs,
            self.start_diffs + other.start_diffs,
            self.end_diffs + other.end_diffs,
        )


def coder_pairs(coders: int) -> list[tuple[int, int]]:
    """The ordered (reference, other) pairs: with two coders the first is the reference;
    with more, every ordered pair."""
    return [(0, 1)] if coders == 2 else list(permutations(range(coders), 2))


def tally_label(
    coded: Sequence[Sequence[Segment]], frame_count: int, min_iou: Fraction = Fraction(1, 2)
) -> LabelTally:
    """One label on one video: ``coded[c]`` are coder c's segments of the label."""
    coders = len(coded)
    if coders < 2:
        raise ValueError("agreement needs at least two coders")
    frames = [covered_frames(segments, frame_count) for segments in coded]
    marked = np.sum(frames, axis=0, dtype=np.int64) if frame_count else np.zeros(0, dtype=np.int64)
    ones = tuple(int(n) for n in np.bincount(marked, minlength=coders + 1))
    table = None
    if coders == 2:
        (a, b), (c, d) = binary_kappa_table(frames[0], frames[1]).tolist()
        table = ((a, b), (c, d))
    pairs, start_diffs, end_diffs = [], [], []
    for reference, other in coder_pairs(coders):
        matches = match_segments(coded[reference], coded[other], min_iou)
        pairs.append(PairTally(reference, other, len(matches), len(coded[reference]), len(coded[other])))
        if reference < other:
            start_diffs += [abs(m.start_diff) for m in matches]
            end_diffs += [abs(m.end_diff) for m in matches]
    return LabelTally(coders, ones, table, tuple(pairs), tuple(start_diffs), tuple(end_diffs))


def tally_video(
    coded: Mapping[str, Sequence[Sequence[Segment]]], frame_count: int, min_iou: Fraction = Fraction(1, 2)
) -> dict[str, LabelTally]:
    """Every label of one video: ``coded[label][c]`` are coder c's segments of ``label``."""
    return {label: tally_label(per_coder, frame_count, min_iou) for label, per_coder in coded.items()}


def pooled(videos: Iterable[Mapping[str, LabelTally]]) -> dict[str, LabelTally]:
    """Several videos' tallies as one: the sum per label (see the module)."""
    total: dict[str, LabelTally] = {}
    for tallies in videos:
        for label, tally in tallies.items():
            total[label] = total[label] + tally if label in total else tally
    return total

"""The agreement figures of a label (and of all labels together) from their tallies.

- ``kappa``: Cohen's kappa over the frames (two coders only).
- ``alpha``: Krippendorff's alpha, nominal, over the frames; ``overall_alpha`` over the
  units of every label together (one unit per label and frame).
- ``precision``/``recall``/``f1``: per ordered coder pair, ``matched / other's segments``,
  ``matched / reference's segments`` and ``2 * matched / (both segment counts)``; with more
  than two coders the mean over the ordered pairs where the figure is defined.
- ``matched``: matched pairs (over the pairs whose reference comes first in the list).
- boundaries: median and 90th percentile (linear interpolation between the closest ranks,
  numpy's default) of the matched pairs' |start difference| and |end difference| in frames.

A figure that is undefined is ``None``, and ``reasons`` says why.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from annotator.analysis.agreement import LabelTally
from annotator.analysis.reliability import binary_value_counts, kappa_from_table, nominal_alpha

FIELDS = (
    "kappa",
    "alpha",
    "precision",
    "recall",
    "f1",
    "matched",
    "start_diff_median",
    "start_diff_p90",
    "end_diff_median",
    "end_diff_p90",
)
NO_VARIATION = "undefined: every coder gave every frame the same value (no variation to agree on)"


@dataclass(frozen=True)
class LabelAgreement:
    """One label's figures (``None`` where undefined, with the reason in ``reasons``)."""

    kappa: float | None
    alpha: float | None
    precision: float | None
    recall: float | None
    f1: float | None
    matched: int
    start_diff_median: float | None
    start_diff_p90: float | None
    end_diff_median: float | None
    end_diff_p90: float | None
    reasons: Mapping[str, str] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in FIELDS}


def label_agreement(tally: LabelTally) -> LabelAgreement:
    reasons: dict[str, str] = {}
    kappa = _kappa(tally, reasons)
    alpha = nominal_alpha(*binary_value_counts(tally.ones, tally.coders))
    if alpha is None:
        reasons["alpha"] = NO_VARIATION
    precision, recall, f1 = _segment_scores(tally, reasons)
    start_median, start_p90 = _spread(tally.start_diffs, "start_diff", reasons)
    end_median, end_p90 = _spread(tally.end_diffs, "end_diff", reasons)
    matched = sum(p.matched for p in tally.pairs if p.reference < p.other)
    return LabelAgreement(
        kappa, alpha, precision, recall, f1, matched, start_median, start_p90, end_median, end_p90, reasons
    )


def overall_alpha(tallies: Mapping[str, LabelTally]) -> float | None:
    """Alpha over every label's units together (the sum of their ``ones`` histograms)."""
    listed = list(tallies.values())
    if not listed:
        return None
    ones = np.sum([tally.ones for tally in listed], axis=0)
    return nominal_alpha(*binary_value_counts(ones, listed[0].coders))


def _kappa(tally: LabelTally, reasons: dict[str, str]) -> float | None:
    if tally.kappa_table is None:
        reasons["kappa"] = "Cohen's kappa compares exactly two coders (see alpha)"
        return None
    kappa = kappa_from_table(tally.kappa_table)
    if kappa is None:
        reasons["kappa"] = "undefined: both coders gave every frame one and the same value (p_e = 1)"
    return kappa


def _segment_scores(
    tally: LabelTally, reasons: dict[str, str]
) -> tuple[float | None, float | None, float | None]:
    precisions = [p.matched / p.other_segments for p in tally.pairs if p.other_segments]
    recalls = [p.matched / p.reference_segments for p in tally.pairs if p.reference_segments]
    f1s = [
        2 * p.matched / (p.reference_segments + p.other_segments)
        for p in tally.pairs
        if p.reference_segments + p.other_segments
    ]
    if not precisions:
        reasons["precision"] = "undefined: the compared coder has no segments of this label"
    if not recalls:
        reasons["recall"] = "undefined: the reference coder has no segments of this label"
    if not f1s:
        reasons["f1"] = "undefined: no coder has segments of this label"
    return _mean(precisions), _mean(recalls), _mean(f1s)


def _mean(values: Sequence[float]) -> float | None:
    return sum(values) / len(values) if values else None


def _spread(diffs: Sequence[int], name: str, reasons: dict[str, str]) -> tuple[float | None, float | None]:
    if not diffs:
        reasons[f"{name}_median"] = reasons[f"{name}_p90"] = "undefined: no matched segment pairs"
        return None, None
    values = np.asarray(diffs, dtype=np.float64)
    return float(np.median(values)), float(np.percentile(values, 90))

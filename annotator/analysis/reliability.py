"""Cohen's kappa and Krippendorff's alpha (nominal), as their authors define them.

Kappa (Cohen 1960) compares two coders through their agreement table:
``kappa = (p_o - p_e) / (1 - p_e)``, ``p_o`` the share of units on the diagonal and ``p_e``
the sum over categories of the product of the two coders' marginal shares.

Alpha (Krippendorff, "Computing Krippendorff's Alpha-Reliability", 2011) works on value
counts: ``counts[u, v]`` is how many coders gave unit ``u`` the value ``v`` (a coder who
left the unit out adds nothing). Units with fewer than two values are not pairable and
are dropped. The coincidence matrix is ``o[c, k] = sum_u (n_uc * n_uk - [c == k] * n_uc) /
(m_u - 1)``, ``n_c`` its row sums and ``n`` their total; for nominal data
``alpha = 1 - (n - 1) * sum_{c != k} o[c, k] / sum_{c != k} n_c * n_k``.

Both are undefined (``None``) when chance agreement is total: a kappa whose ``p_e`` is 1
(both coders used one and the same category throughout), an alpha with fewer than two
distinct values among the pairable ones, or no units at all.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence

import numpy as np
import numpy.typing as npt

IntArray = npt.NDArray[np.int64]


def kappa_from_table(table: Sequence[Sequence[int]] | IntArray) -> float | None:
    """Cohen's kappa of an agreement table: ``table[i][j]`` units that the first coder put
    in category ``i`` and the second in ``j``. Integer arithmetic until the last division."""
    cells: list[list[int]] = [[int(cell) for cell in row] for row in table]
    n: int = sum(map(sum, cells))
    diagonal = sum(cells[i][i] for i in range(len(cells)))
    rows = [sum(row) for row in cells]
    columns: list[int] = [sum(column) for column in zip(*cells, strict=True)]
    chance = sum(r * c for r, c in zip(rows, columns, strict=True))  # p_e * n^2
    if n == 0 or chance == n * n:
        return None
    return (n * diagonal - chance) / (n * n - chance)


def binary_kappa_table(first: npt.NDArray[np.bool_], second: npt.NDArray[np.bool_]) -> IntArray:
    """The 2x2 agreement table of two coders' per-unit 0/1 values (index 0 = absent)."""
    both = int(np.count_nonzero(first & second))
    only_first = int(np.count_nonzero(first)) - both
    only_second = int(np.count_nonzero(second)) - both
    neither = len(first) - both - only_first - only_second
    return np.array([[neither, only_second], [only_first, both]], dtype=np.int64)


def value_counts(reliability_data: Sequence[Sequence[Hashable | None]]) -> IntArray:
    """Coders x units reliability data (``None`` = missing) as units x values counts; the
    values are ordered as first seen (the order does not change alpha)."""
    values: dict[Hashable, int] = {}
    for row in reliability_data:
        for value in row:
            if value is not None:
                values.setdefault(value, len(values))
    units = max((len(row) for row in reliability_data), default=0)
    counts = np.zeros((units, max(len(values), 1)), dtype=np.int64)
    for row in reliability_data:
        for unit, value in enumerate(row):
            if value is not None:
                counts[unit, values[value]] += 1
    return counts


def binary_value_counts(ones_histogram: Sequence[int] | IntArray, coders: int) -> tuple[IntArray, IntArray]:
    """Units where every one of ``coders`` coders said 0 or 1, given as a histogram
    (``ones_histogram[k]``: units that ``k`` coders marked 1), as distinct value-count rows
    ``[coders - k, k]`` with their multiplicities, for :func:`nominal_alpha`."""
    ones = np.arange(coders + 1, dtype=np.int64)
    counts = np.stack([coders - ones, ones], axis=1)
    return counts, np.asarray(ones_histogram, dtype=np.int64)


def nominal_alpha(counts: IntArray, multiplicity: IntArray | None = None) -> float | None:
    """Krippendorff's alpha for nominal values from units x values counts; ``multiplicity[u]``
    says how many units share row ``u`` (1 each by default)."""
    counts = np.asarray(counts, dtype=np.int64)
    weights = np.ones(len(counts), dtype=np.int64) if multiplicity is None else np.asarray(multiplicity)
    pairable = counts.sum(axis=1)
    keep = (pairable >= 2) & (weights > 0)
    counts, weights, pairable = counts[keep], weights[keep].astype(np.float64), pairable[keep]
    if len(counts) == 0:
        return None
    scale = weights / (pairable - 1)
    coincidences = (counts * scale[:, None]).T @ counts - np.diag((counts * scale[:, None]).sum(axis=0))
    totals = coincidences.sum(axis=1)
    n = float(totals.sum())
    disagreement = n - float(np.trace(coincidences))
    expected = n * n - float((totals * totals).sum())
    if expected <= 0:
        return None
    return 1.0 - (n - 1.0) * disagreement / expected

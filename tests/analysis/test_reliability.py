"""Kappa and alpha against published worked examples and a slow reference implementation."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from reliability_reference import reference_alpha, reference_kappa

from annotator.analysis.reliability import (
    binary_kappa_table,
    binary_value_counts,
    kappa_from_table,
    nominal_alpha,
    value_counts,
)

_ = None  # a value the coder did not give (missing)


def alpha_of(data: list[list[object]]) -> float | None:
    return nominal_alpha(value_counts(data))


# Krippendorff, K. (2011). Computing Krippendorff's Alpha-Reliability. University of
# Pennsylvania, https://repository.upenn.edu/asc_papers/43, section A ("binary or
# dichotomous data, two observers, no missing data"): alpha = 0.095 (= 1 - 19 * 4 / (14 * 6)).
KRIPPENDORFF_2011_A = [
    [0, 1, 0, 0, 0, 0, 0, 0, 1, 0],
    [1, 1, 1, 0, 0, 1, 0, 0, 0, 0],
]
# The same paper, section B ("nominal data, two observers, no missing data"): alpha = 0.692.
KRIPPENDORFF_2011_B = [
    [1, 1, 2, 2, 4, 3, 3, 3, 5, 4, 4, 1],
    [2, 1, 2, 2, 2, 3, 3, 3, 5, 4, 4, 4],
]
# The same paper, section C ("nominal data, any number of observers, missing data"):
# 4 observers x 12 units, alpha = 0.743.
KRIPPENDORFF_2011_C = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, _, _, _],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, _, 3],
    [_, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, _],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, _],
]
# Wikipedia, "Krippendorff's alpha", section "A computational example": 3 coders x 15 units,
# nominal alpha = 0.691.
WIKIPEDIA_ALPHA = [
    [_, _, _, _, _, 3, 4, 1, 2, 1, 1, 3, 3, _, 3],
    [1, _, 2, 1, 3, 3, 4, 3, _, _, _, _, _, _, _],
    [_, _, 2, 1, 3, 4, 4, _, 2, 1, 1, 3, 3, _, 4],
]


@pytest.mark.parametrize(
    ("data", "published"),
    [
        (KRIPPENDORFF_2011_A, 0.095),
        (KRIPPENDORFF_2011_B, 0.692),
        (KRIPPENDORFF_2011_C, 0.743),
        (WIKIPEDIA_ALPHA, 0.691),
    ],
    ids=["krippendorff-2011-A-binary", "krippendorff-2011-B-nominal", "krippendorff-2011-C-missing", "wiki"],
)
def test_alpha_matches_the_published_examples(data: list[list[object]], published: float) -> None:
    alpha = alpha_of(data)
    assert alpha is not None
    assert round(alpha, 3) == published
    assert alpha == pytest.approx(float(reference_alpha(data) or 0), abs=1e-12)


def test_the_binary_example_exactly() -> None:
    assert reference_alpha(KRIPPENDORFF_2011_A) == 1 - Fraction(19 * 4, 14 * 6)
    assert alpha_of(KRIPPENDORFF_2011_A) == pytest.approx(1 - 19 * 4 / (14 * 6), abs=1e-15)


def test_binary_alpha_from_a_histogram_equals_alpha_from_the_matrix() -> None:
    first, second = (np.array(row, dtype=bool) for row in KRIPPENDORFF_2011_A)
    ones = np.bincount(first.astype(int) + second.astype(int), minlength=3)  # [5, 4, 1]
    assert nominal_alpha(*binary_value_counts(ones, 2)) == pytest.approx(alpha_of(KRIPPENDORFF_2011_A))


# The textbook 2x2 example (50 grant proposals, two readers; e.g. Wikipedia, "Cohen's
# kappa", worked example): [[20, 5], [10, 15]], p_o = 0.7, p_e = 0.5, kappa = 0.4. The two
# tables after it there ("same percentages, different numbers") give 0.1304 and 0.2593.
@pytest.mark.parametrize(
    ("table", "published"),
    [([[20, 5], [10, 15]], 0.4), ([[45, 15], [25, 15]], 0.1304), ([[25, 35], [5, 35]], 0.2593)],
)
def test_kappa_matches_the_textbook_tables(table: list[list[int]], published: float) -> None:
    kappa = kappa_from_table(table)
    assert kappa is not None
    assert round(kappa, 4) == published


def test_kappa_is_exactly_0_4_on_the_classic_table() -> None:
    assert kappa_from_table([[20, 5], [10, 15]]) == 0.4


def test_undefined_values_are_none() -> None:
    assert kappa_from_table([[0, 0], [0, 0]]) is None  # no units
    assert kappa_from_table([[7, 0], [0, 0]]) is None  # one category throughout: p_e = 1
    assert alpha_of([[0, 0, 0], [0, 0, 0]]) is None  # one value throughout
    assert alpha_of([[1, _, _], [_, 2, _]]) is None  # no unit with two values
    assert nominal_alpha(np.zeros((0, 2), dtype=np.int64)) is None


def test_binary_kappa_table_counts_the_four_cells() -> None:
    first = np.array([1, 1, 0, 0, 1], dtype=bool)
    second = np.array([1, 0, 1, 0, 1], dtype=bool)
    assert binary_kappa_table(first, second).tolist() == [[1, 1], [1, 2]]


reliability_data = st.integers(2, 5).flatmap(
    lambda coders: st.integers(1, 25).flatmap(
        lambda units: st.lists(
            st.lists(st.one_of(st.none(), st.integers(0, 3)), min_size=units, max_size=units),
            min_size=coders,
            max_size=coders,
        )
    )
)


@settings(max_examples=300, deadline=None)
@given(reliability_data)
def test_alpha_equals_the_coincidence_matrix_reference(data: list[list[int | None]]) -> None:
    expected = reference_alpha(data)
    alpha = alpha_of(data)
    if expected is None:
        assert alpha is None
    else:
        assert alpha == pytest.approx(float(expected), abs=1e-9)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 2), st.integers(0, 2)), max_size=40))
def test_kappa_equals_the_reference(pairs: list[tuple[int, int]]) -> None:
    table = [[0] * 3 for _ in range(3)]
    for a, b in pairs:
        table[a][b] += 1
    expected = reference_kappa([a for a, _ in pairs], [b for _, b in pairs])
    kappa = kappa_from_table(table)
    if expected is None:
        assert kappa is None
    else:
        assert kappa == pytest.approx(float(expected), abs=1e-12)

"""Fades through black, on brightness curves."""

from __future__ import annotations

from annotator.analysis.fades import find_fades
from annotator.analysis.results import ShotKind


def test_a_fade_out_and_in_is_one_transition() -> None:
    levels = (
        [120.0] * 20
        + [120 - 20 * n for n in range(1, 6)]
        + [5.0] * 3
        + [10 * n for n in range(1, 9)]
        + [80.0] * 20
    )
    (fade,) = find_fades(levels)
    assert fade.kind == ShotKind.GRADUAL
    assert (fade.start_frame, fade.end_frame) == (20, 36)
    assert fade.start_frame <= fade.frame < fade.end_frame
    assert fade.score == 115


def test_a_dark_shot_is_not_a_fade() -> None:
    assert find_fades([14.0, 13.0, 12.0] * 30) == []
    assert find_fades([30.0] * 10 + [10.0] * 10 + [30.0] * 10) == []  # a dip of 20 levels


def test_a_long_black_stretch_gives_a_fade_out_and_a_fade_in() -> None:
    levels = [100.0] * 10 + [60.0, 30.0] + [0.0] * 100 + [40.0, 90.0] + [90.0] * 10
    out, back = find_fades(levels)
    assert (out.start_frame, out.end_frame) == (10, 13)
    assert (back.start_frame, back.end_frame) == (111, 114)


def test_black_at_the_very_start_or_end_separates_no_shots() -> None:
    assert find_fades([0.0] * 5 + [50.0, 100.0] + [100.0] * 20) == []
    assert find_fades([100.0] * 20 + [50.0] + [0.0] * 5) == []


def test_a_cut_to_black_and_straight_out_is_a_hard_cut() -> None:
    levels = [120.0] * 20 + [2.0] + [60.0, 110.0] + [110.0] * 20  # 3 frames: one black, two up
    (cut,) = find_fades(levels)
    assert (cut.kind, cut.frame, cut.start_frame, cut.end_frame) == (ShotKind.HARD, 20, 20, 21)

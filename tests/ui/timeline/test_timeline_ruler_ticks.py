"""Ruler steps and labels at several zoom levels and frame rates."""

from __future__ import annotations

from fractions import Fraction

import pytest

from annotator.ui.timeline.ruler_ticks import MIN_LABEL_SPACING_PX, choose_steps, tick_label, ticks

PAL = Fraction(25)
NTSC = Fraction(30000, 1001)


@pytest.mark.parametrize(
    ("pixels_per_frame", "fps", "major"),
    [
        (40.0, PAL, 5),  # single frames wide: a label every 5 frames
        (10.0, PAL, 10),
        (4.0, PAL, 25),  # one second
        (1.0, PAL, 125),  # five seconds
        (0.017, PAL, 5 * 60 * 25),  # a one-hour video fitted: five minutes
        (4.0, NTSC, 30),  # timecode seconds count 30 frames at 29.97
    ],
)
def test_steps_keep_labels_apart(pixels_per_frame: float, fps: Fraction, major: int) -> None:
    steps = choose_steps(pixels_per_frame, fps)
    assert steps.major_frames == major
    assert steps.major_frames * pixels_per_frame >= MIN_LABEL_SPACING_PX
    assert steps.major_frames % steps.minor_frames == 0


def test_labels_show_frames_only_when_ticks_are_frames_apart() -> None:
    frame_steps = choose_steps(40.0, PAL)
    second_steps = choose_steps(1.0, PAL)
    assert tick_label(1630, PAL, frame_steps, with_hours=False) == "01:05:05"
    assert tick_label(1625, PAL, second_steps, with_hours=False) == "01:05"
    assert tick_label(90_000, PAL, second_steps, with_hours=True) == "01:00:00"
    assert tick_label(1800, NTSC, choose_steps(40.0, NTSC), with_hours=True) == "00:01:00;02"


def test_ticks_are_multiples_of_the_step_in_range() -> None:
    assert list(ticks(-30.0, 60.0, 25)) == [0, 25, 50]
    assert list(ticks(26.0, 76.0, 25)) == [25, 50, 75]

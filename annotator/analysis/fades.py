"""Fades through black: the picture darkens to (nearly) black and a new one comes up.

A dip is a run of frames darker than ``black``; the fade begins where the brightness
started falling into it and ends where it stopped rising out of it (at most ``reach``
frames either side). One shorter than ``min_frames`` is a cut to black, reported as a hard
cut at its first black frame (a film excerpt that starts on two black frames). A dark
shot is not a fade: the fall into it, or the rise out of it, must be at least ``depth``
levels. A long dip (a black stretch) gives a fade out and a fade in, one at each end.
Score: the depth of the fall or rise, whichever is larger.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from annotator.analysis.results import ShotBoundary, ShotKind


@dataclass(frozen=True)
class FadeSettings:
    black: float = 16.0  # mean BGR level (0..255)
    depth: float = 30.0
    reach: int = 60
    longest_dip: int = 50  # frames of black that are still one transition
    slope: float = 0.2  # a level change smaller than this per frame is flat
    min_frames: int = 4  # a shorter "fade" is a cut to black: reported as a hard cut


def _dips(levels: Sequence[float], black: float) -> list[tuple[int, int]]:
    runs, start = [], None
    for index, level in enumerate(levels):
        if level < black and start is None:
            start = index
        elif level >= black and start is not None:
            runs.append((start, index))
            start = None
    if start is not None:
        runs.append((start, len(levels)))
    return runs


def _fall_start(levels: Sequence[float], dip_start: int, settings: FadeSettings) -> int:
    """The first frame darker than the one before it, going back from the dip."""
    first = dip_start  # while frame ``first`` is darker than its predecessor, go back
    while first > 0 and dip_start - first < settings.reach and _darker(levels, first, first - 1, settings):
        first -= 1
    return first + 1 if first < dip_start else dip_start


def _rise_end(levels: Sequence[float], dip_end: int, settings: FadeSettings) -> int:
    """One past the last frame brighter than the one before it, going on from the dip."""
    if dip_end >= len(levels):
        return len(levels)
    last = dip_end  # the first frame after the dip
    while (
        last < len(levels) - 1
        and last - dip_end < settings.reach
        and _darker(levels, last, last + 1, settings)
    ):
        last += 1
    return last + 1


def _darker(levels: Sequence[float], frame: int, than: int, settings: FadeSettings) -> bool:
    return levels[frame] + settings.slope < levels[than]


def find_fades(levels: Sequence[float], settings: FadeSettings | None = None) -> list[ShotBoundary]:
    """Fades in a video whose frames have mean levels ``levels`` (one per frame, in order)."""
    settings = settings or FadeSettings()
    found = []
    for dip_start, dip_end in _dips(levels, settings.black):
        start, end = _fall_start(levels, dip_start, settings), _rise_end(levels, dip_end, settings)
        low = min(levels[dip_start:dip_end])
        before = levels[start - 1] if start > 0 else low  # the picture the fade leaves
        fall, rise = before - low, levels[end - 1] - low
        if max(fall, rise) < settings.depth:
            continue  # a dark shot, not a fade
        if dip_end - dip_start > settings.longest_dip:
            if fall >= settings.depth:
                found.append(ShotBoundary(dip_start, ShotKind.GRADUAL, start, dip_start + 1, round(fall, 1)))
            if rise >= settings.depth:
                found.append(ShotBoundary(dip_end, ShotKind.GRADUAL, dip_end - 1, end, round(rise, 1)))
            continue
        if end - start < settings.min_frames:  # a cut to black and straight out of it
            found.append(
                ShotBoundary(dip_start, ShotKind.HARD, dip_start, dip_start + 1, round(max(fall, rise), 1))
            )
            continue
        middle = (start + end) // 2
        found.append(ShotBoundary(middle, ShotKind.GRADUAL, start, end, round(max(fall, rise), 1)))
    # A fade in at the very start, or out at the very end, separates no two shots.
    return [fade for fade in found if fade.start_frame > 0 and fade.end_frame < len(levels)]

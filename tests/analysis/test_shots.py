"""Shot boundaries on footage with a known truth: exact hard cuts, dissolves and fades as
ranges, named through the frame table (a late-starting, variable-rate copy gives the same
frames), and a cancelled pass that stops."""

from __future__ import annotations

from pathlib import Path

import pytest
from analysis_clips import DISSOLVE, FADE, HARD_CUT

from annotator.analysis.results import AnalysisCancelled, ShotBoundary, ShotKind
from annotator.analysis.shots import SCAN_SIZE, detect_shots
from annotator.media.frame_source import scan_frames
from annotator.media.probe import probe


def shots_of(path: Path) -> list[ShotBoundary]:
    info = probe(path)
    width, height = SCAN_SIZE
    return detect_shots(scan_frames(path, width=width, height=height), info.times()).boundaries


def overlap(found: ShotBoundary, truth: tuple[int, int]) -> float:
    """The share of the true transition the found one covers."""
    common = min(found.end_frame, truth[1]) - max(found.start_frame, truth[0])
    return max(0, common) / (truth[1] - truth[0])


def check(found: list[ShotBoundary]) -> None:
    assert [(b.kind, b.frame, b.start_frame, b.end_frame) for b in found if b.kind == ShotKind.HARD] == [
        (ShotKind.HARD, HARD_CUT, HARD_CUT, HARD_CUT + 1)
    ]
    gradual = [b for b in found if b.kind == ShotKind.GRADUAL]
    assert len(gradual) == 2
    dissolve, fade = gradual
    assert overlap(dissolve, DISSOLVE) >= 0.9
    assert overlap(fade, FADE) >= 0.9
    for boundary, truth in ((dissolve, DISSOLVE), (fade, FADE)):
        assert truth[0] - 2 <= boundary.start_frame
        assert boundary.end_frame <= truth[1] + 3
        assert boundary.start_frame <= boundary.frame < boundary.end_frame


def test_cuts_dissolves_and_fades_are_found(shot_clip: Path) -> None:
    check(shots_of(shot_clip))


def test_frames_are_named_by_the_table_not_by_a_rate(shot_clip_vfr_late: Path) -> None:
    info = probe(shot_clip_vfr_late)
    assert info.is_vfr
    assert info.times().start_s >= 1
    check(shots_of(shot_clip_vfr_late))


def test_signatures_describe_every_frame(shot_clip: Path) -> None:
    info = probe(shot_clip)
    width, height = SCAN_SIZE
    signatures = detect_shots(scan_frames(shot_clip, width=width, height=height), info.times()).signatures
    assert signatures.shape == (300, 22)
    assert (abs(signatures[:, :12].sum(axis=1) - 1) < 1e-3)[:HARD_CUT].all()  # hue histograms sum to 1
    bars, pattern = signatures[200], signatures[10]
    assert abs(bars - pattern).sum() > 0.5  # two shots look different


def test_a_cancelled_pass_stops(shot_clip: Path) -> None:
    info = probe(shot_clip)
    width, height = SCAN_SIZE
    asked: list[int] = []

    def cancel() -> bool:
        asked.append(1)
        return len(asked) > 2

    with pytest.raises(AnalysisCancelled):
        detect_shots(scan_frames(shot_clip, width=width, height=height), info.times(), cancel=cancel)

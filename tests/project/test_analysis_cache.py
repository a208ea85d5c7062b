"""The analysis cache gives back exactly what the analysis found (shots, signatures, sound
cells and events), without analysing again; progress stays within 0..1 and ends at 1."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from annotator.analysis.results import ShotKind
from annotator.media.cache import MediaCache
from annotator.media.fingerprint import fingerprint
from annotator.media.probe import probe
from annotator.media.synthetic import make_numbered_clip
from annotator.project import analyze
from annotator.project.analyze import analyze_cached, analyze_file, cached_analysis


def test_the_cache_gives_back_what_was_found_without_analysing_again(
    sound_clip: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache, key, info = MediaCache(tmp_path / "cache"), fingerprint(sound_clip), probe(sound_clip)
    assert cached_analysis(cache, key) is None
    found = analyze_cached(cache, key, sound_clip, info)
    assert found.sounds, "silence, speech and a loud burst are sound events"
    assert found.cells is not None

    def no_second_analysis(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("analysed again instead of reading the cache")

    monkeypatch.setattr(analyze, "analyze_file", no_second_analysis)
    again = analyze_cached(cache, key, sound_clip, info)
    assert again.shots == found.shots
    assert again.sounds == found.sounds
    assert np.array_equal(again.signatures, found.signatures)
    assert again.cells is not None
    assert again.cells.offset_s == found.cells.offset_s
    for name in ("loudness_db", "speech", "flatness", "log_mel"):
        assert np.array_equal(getattr(again.cells, name), getattr(found.cells, name)), name


@pytest.mark.parametrize("with_sound", [True, False])
def test_progress_stays_within_the_bar_and_ends_full(
    tmp_path: Path, sound_clip: Path, with_sound: bool
) -> None:
    # silent: 600 frames, so the pictures' part reports past 512 of them (its whole bar)
    path = sound_clip if with_sound else make_numbered_clip(tmp_path / "silent.mp4", frames=600)
    seen: list[float] = []
    analyze_file(path, probe(path), progress=seen.append)
    assert seen == sorted(seen)
    assert seen[0] >= 0
    assert seen[-1] == 1.0
    assert all(fraction <= 1.0 for fraction in seen)
    if not with_sound:
        assert seen[-2] == pytest.approx(512 / 600)


def test_shots_come_back_from_the_cache_whole(
    shot_clip: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache, key, info = MediaCache(tmp_path / "cache"), fingerprint(shot_clip), probe(shot_clip)
    found = analyze_cached(cache, key, shot_clip, info)
    assert any(shot.kind is ShotKind.GRADUAL and shot.end_frame > shot.start_frame for shot in found.shots)
    monkeypatch.setattr(analyze, "analyze_file", lambda *_a, **_k: pytest.fail("analysed again"))
    assert analyze_cached(cache, key, shot_clip, info).shots == found.shots

"""Waveform peaks: one min/max row per 10 ms of sound, empty without sound, cached."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from annotator.media.cache import MediaCache
from annotator.media.waveform import waveform_peaks


def test_peaks_per_10_ms(clip_25fps: Path) -> None:
    reports: list[float] = []
    peaks = waveform_peaks(clip_25fps, progress=reports.append)
    assert peaks.dtype == np.float32
    assert peaks.ndim == 2
    assert peaks.shape[1] == 2
    assert 400 <= len(peaks) <= 410  # 4 s of video, its sound a little longer
    assert (peaks[:, 0] <= peaks[:, 1]).all()
    assert -1 <= peaks.min() < -0.05
    assert 0.05 < peaks.max() <= 1  # a sine tone, not silence
    assert reports[-1] == 1.0


def test_no_sound_gives_empty_peaks(clip_2997: Path) -> None:
    peaks = waveform_peaks(clip_2997)
    assert peaks.shape == (0, 2)


def test_peaks_are_cached(clip_mkv: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = MediaCache(tmp_path)
    first = waveform_peaks(clip_mkv, cache=cache)
    monkeypatch.setattr("annotator.media.waveform._decode_peaks", lambda *a: pytest.fail("not cached"))
    np.testing.assert_array_equal(waveform_peaks(clip_mkv, cache=cache), first)

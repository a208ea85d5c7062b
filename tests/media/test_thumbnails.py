"""Thumbnails and filmstrips: right frames, right sizes, cached."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from annotator.media.cache import MediaCache
from annotator.media.frame_source import open_frame_source
from annotator.media.synthetic import read_frame_number
from annotator.media.thumbnails import cached_filmstrip, filmstrip, filmstrip_frames, thumbnail


def test_thumbnail_shape_and_frame(clip_2997: Path) -> None:
    with open_frame_source(clip_2997) as source:
        small = thumbnail(source, 77, height=90)
    assert small.shape == (90, 160, 3)
    assert small.dtype == np.uint8
    assert read_frame_number(small) == 77


def test_filmstrip_frames_are_even() -> None:
    assert filmstrip_frames(100, 4) == [12, 37, 62, 87]
    assert filmstrip_frames(3, 10) == [0, 1, 2]


def test_filmstrip(clip_25fps: Path) -> None:
    reports: list[float] = []
    with open_frame_source(clip_25fps) as source:
        strip = filmstrip(source, 5, height=36, progress=reports.append)
    assert strip.shape == (5, 36, 64, 3)
    assert [read_frame_number(image) for image in strip] == filmstrip_frames(100, 5)
    assert reports == [0.2, 0.4, 0.6, 0.8, 1.0]


def test_filmstrip_is_cached(clip_25fps: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache = MediaCache(tmp_path)
    first = cached_filmstrip(clip_25fps, 4, 36, cache)
    monkeypatch.setattr("annotator.media.thumbnails.filmstrip", lambda *a: pytest.fail("not cached"))
    np.testing.assert_array_equal(cached_filmstrip(clip_25fps, 4, 36, cache), first)

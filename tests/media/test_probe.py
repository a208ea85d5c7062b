"""Probe facts: exact rates, start offsets, VFR, counts, audio, and the cached second probe."""

from __future__ import annotations

import time
from fractions import Fraction
from pathlib import Path

import pytest

from annotator.media.cache import MediaCache
from annotator.media.probe import probe


def test_constant_rate_clip_with_sound(clip_25fps: Path) -> None:
    info = probe(clip_25fps)
    assert (info.codec, info.width, info.height, info.container) == ("h264", 320, 180, "mp4")
    assert info.fps == Fraction(25)
    assert info.frame_count == 100
    assert info.duration_s == 4
    assert info.start_time_s == 0
    assert info.has_audio
    assert not info.is_vfr
    assert info.times().seconds(100) == 4


def test_2997_rate_stays_exact(clip_2997: Path) -> None:
    info = probe(clip_2997)
    assert info.fps == Fraction(30000, 1001)
    assert info.frame_count == 120
    assert info.duration_s == Fraction(120 * 1001, 30000)
    assert not info.has_audio
    assert not info.is_vfr


def test_variable_rate_is_flagged_and_timed(clip_vfr: Path) -> None:
    info = probe(clip_vfr)
    assert info.is_vfr
    assert info.frame_count == 100
    times = info.times()
    assert times.seconds(10) == Fraction(10, 25)
    assert times.seconds(60) == Fraction(60, 25) + Fraction(10 * 2, 100)
    assert info.fps == info.frame_count / info.duration_s


def test_start_offset_is_kept(clip_offset: Path) -> None:
    info = probe(clip_offset)
    assert abs(info.start_time_s - Fraction(33, 1000)) < Fraction(1, 1000)
    assert info.times().seconds(0) == 0
    assert info.duration_s == 4
    assert not info.is_vfr


@pytest.mark.parametrize(
    ("fixture", "container", "codec", "frames"),
    [("clip_avi_mpeg4", "avi", "mpeg4", 90), ("clip_avi_mjpeg", "avi", "mjpeg", 60),
     ("clip_mpg", "mpeg", "mpeg2video", 100), ("clip_mkv", "matroska", "h264", 100)],
)  # fmt: skip
def test_other_containers(
    request: pytest.FixtureRequest, fixture: str, container: str, codec: str, frames: int
) -> None:
    info = probe(request.getfixturevalue(fixture))
    assert (info.container, info.codec, info.frame_count) == (container, codec, frames)
    assert info.fps == 25
    assert info.duration_s == Fraction(frames, 25)


def test_program_stream_starts_late(clip_mpg: Path) -> None:
    assert probe(clip_mpg).start_time_s > 0


def test_second_probe_comes_from_the_cache(
    clip_2997: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = MediaCache(tmp_path)
    first = probe(clip_2997, cache)
    monkeypatch.setattr("annotator.media.probe.read_stream_index", lambda path: pytest.fail("not cached"))
    started = time.perf_counter()
    second = probe(clip_2997, cache)
    assert time.perf_counter() - started < 0.2
    assert second == first

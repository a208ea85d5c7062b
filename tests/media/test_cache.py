"""The media cache: per-fingerprint folders, verified proxies, fingerprints."""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np

from annotator.media.cache import MediaCache
from annotator.media.fingerprint import fingerprint
from annotator.media.probe import probe
from annotator.media.proxy import build_proxy


def test_fingerprint_follows_content_not_name(clip_25fps: Path, clip_2997: Path, tmp_path: Path) -> None:
    moved = tmp_path / "renamed.mp4"
    shutil.copy(clip_25fps, moved)
    assert fingerprint(moved) == fingerprint(clip_25fps)
    assert fingerprint(clip_2997) != fingerprint(clip_25fps)
    assert fingerprint(moved).startswith(f"{clip_25fps.stat().st_size}-")


def test_fingerprint_sees_a_change_at_the_end(tmp_path: Path) -> None:
    big = tmp_path / "big.bin"
    big.write_bytes(b"\\0" * (3 << 20))
    before = fingerprint(big)
    with big.open("r+b") as handle:
        handle.seek(-10, 2)
        handle.write(b"x")
    assert fingerprint(big) != before


def test_ready_proxy_only_when_verified(clip_2997: Path, tmp_path: Path) -> None:
    cache = MediaCache(tmp_path)
    key, info = fingerprint(clip_2997), probe(clip_2997)
    assert cache.ready_proxy(key, info) is None
    build_proxy(clip_2997, info, cache.proxy_path(key))
    assert cache.ready_proxy(key, info) == cache.proxy_path(key)
    assert cache.ready_proxy(key, info) == cache.proxy_path(key)  # from the stamp
    shutil.copy(clip_2997, cache.proxy_path(key))  # replaced by a long-GOP file
    assert cache.ready_proxy(key, info) is None


def test_arrays_round_trip(tmp_path: Path) -> None:
    cache = MediaCache(tmp_path)
    assert cache.load_array("abc", "peaks") is None
    cache.store_array("abc", "peaks", np.ones((3, 2), dtype=np.float32))
    np.testing.assert_array_equal(cache.load_array("abc", "peaks"), np.ones((3, 2)))
    assert [p.name for p in (tmp_path / "abc").iterdir()] == ["peaks.npy"]

"""The media cache: per-fingerprint folders, verified proxies, fingerprints."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np

from annotator.media.cache import PROBE_VERSION, MediaCache
from annotator.media.fingerprint import fingerprint
from annotator.media.probe import probe, probe_with_index
from annotator.media.proxy import build_proxy
from annotator.media.synthetic_containers import OddClip


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


def test_a_cached_probe_keeps_how_frames_are_named_and_the_notes(
    odd_clips: dict[str, OddClip], tmp_path: Path
) -> None:
    """A cached AVI must still be read by decode times (else PyAV is off by a frame), and
    a cached interlaced file must still be refused by OpenCV; an older cache is re-probed."""
    cache = MediaCache(tmp_path)
    for name in ("avi_screen_recording", "ts_interlaced_wrap"):
        path = odd_clips[name].path
        first = probe_with_index(path, cache)
        again = probe_with_index(path, cache)
        assert again == first
        assert again[0].notes == first[0].notes != ()
        assert (again[1].decode_timed, again[1].interlaced) == (name.startswith("avi"), "interlaced" in name)
    stored = next(tmp_path.glob("*/probe.json"))
    stored.write_text(json.dumps({**json.loads(stored.read_text()), "version": PROBE_VERSION - 1}))
    assert cache.load_probe(stored.parent.name, path) is None

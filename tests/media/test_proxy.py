"""Proxies: same frames and times as the original, GOP <= 10, no B-frames, exact by pixels."""

from __future__ import annotations

import itertools
import json
import subprocess
from pathlib import Path

import pytest

from annotator.media.errors import Cancelled
from annotator.media.frame_source import Backend, open_frame_source
from annotator.media.probe import probe
from annotator.media.proxy import audio_codec, build_proxy, proxy_command, verify_proxy
from annotator.media.synthetic import make_numbered_clip, read_frame_number

PROXY_SOURCES = ["clip_25fps", "clip_2997", "clip_vfr", "clip_offset", "clip_mpg", "clip_avi_mpeg4"]


@pytest.fixture(scope="module", params=PROXY_SOURCES)
def built(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, Path, list[float]]:
    """(original, proxy, progress reports) for each source clip."""
    source: Path = request.getfixturevalue(request.param)
    reports: list[float] = []
    proxy = build_proxy(source, probe(source), tmp_path_factory.mktemp("proxy") / "proxy.mp4", reports.append)
    return source, proxy, reports


def _frames(path: Path) -> list[dict[str, str]]:
    result = subprocess.run(
        ["ffprobe", "-v", "error", "-select_streams", "v:0", "-show_entries", "frame=pict_type,key_frame",
         "-of", "json", str(path)],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    frames: list[dict[str, str]] = json.loads(result.stdout)["frames"]
    return frames


def test_same_frames_and_times(built: tuple[Path, Path, list[float]]) -> None:
    source, proxy, _ = built
    original, copy = probe(source), probe(proxy)
    assert copy.frame_count == original.frame_count
    assert verify_proxy(proxy, original)
    half_frame = 1 / (2 * original.fps)
    assert abs(copy.start_time_s - original.start_time_s) < half_frame
    for n in range(original.frame_count + 1):
        assert abs(copy.times().seconds(n) - original.times().seconds(n)) < half_frame
    assert copy.is_vfr == original.is_vfr
    assert copy.has_audio == original.has_audio


def test_short_gop_and_no_b_frames(built: tuple[Path, Path, list[float]]) -> None:
    frames = _frames(built[1])
    assert {f["pict_type"] for f in frames} <= {"I", "P"}
    keys = [i for i, f in enumerate(frames) if str(f["key_frame"]) == "1"]
    assert keys[0] == 0
    edges = [*keys, len(frames)]
    assert max(b - a for a, b in itertools.pairwise(edges)) <= 10


def test_proxy_frames_exact_by_pixels(built: tuple[Path, Path, list[float]], backend: Backend) -> None:
    with open_frame_source(built[1], backend=backend) as source:
        count = source.frame_count
        order = [*range(count), *range(count - 1, -1, -7), count - 1, 0]
        assert [n for n in order if read_frame_number(source.frame(n)) != n] == []


def _audio_packets(path: Path, field: str) -> list[str]:
    result = subprocess.run(
        ["ffprobe", "-v", "error", "-select_streams", "a:0", "-show_entries", f"packet={field}",
         "-of", "csv=p=0", str(path)],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    return [
        value for value in (line.strip(",") for line in result.stdout.split()) if value not in ("", "N/A")
    ]


def _audio_seconds(path: Path) -> float:
    """How much sound the first audio stream carries: the sum of its packets' durations."""
    return sum(float(value) for value in _audio_packets(path, "duration_time"))


def test_aac_audio_is_copied(clip_25fps: Path, tmp_path: Path) -> None:
    proxy = build_proxy(clip_25fps, probe(clip_25fps), tmp_path / "copied.mp4")
    assert audio_codec(proxy) == "aac"
    assert _audio_packets(proxy, "size") == _audio_packets(clip_25fps, "size")  # not re-encoded
    assert abs(_audio_seconds(proxy) - _audio_seconds(clip_25fps)) < 0.01


def test_other_audio_is_encoded_to_aac(clips_dir: Path, tmp_path: Path) -> None:
    source = make_numbered_clip(
        clips_dir / "ac3.mkv", frames=30, audio=True, extra_output_args=("-c:a", "ac3")
    )
    assert audio_codec(source) == "ac3"
    info = probe(source)
    assert "-c:a copy" not in " ".join(proxy_command(source, info, tmp_path / "p.mp4"))
    proxy = build_proxy(source, info, tmp_path / "encoded.mp4")
    assert audio_codec(proxy) == "aac"
    assert abs(_audio_seconds(proxy) - _audio_seconds(source)) < 0.1


def test_progress_rises_to_one(built: tuple[Path, Path, list[float]]) -> None:
    reports = built[2]
    assert reports
    assert reports == sorted(reports)
    assert reports[-1] == 1.0


def test_wide_source_gets_960_px(clip_wide: Path, tmp_path: Path) -> None:
    proxy = build_proxy(clip_wide, probe(clip_wide), tmp_path / "wide.mp4")
    info = probe(proxy)
    assert (info.width, info.height) == (960, 540)
    with open_frame_source(proxy) as source:
        assert [read_frame_number(source.frame(n)) for n in (29, 0, 15)] == [29, 0, 15]


def test_cancel_leaves_nothing(clip_25fps: Path, tmp_path: Path) -> None:
    target = tmp_path / "cancelled.mp4"
    with pytest.raises(Cancelled):
        build_proxy(clip_25fps, probe(clip_25fps), target, cancel=lambda: True)
    assert list(tmp_path.iterdir()) == []


def test_verify_rejects_a_different_video(clip_25fps: Path, clip_vfr: Path, clip_2997: Path) -> None:
    assert not verify_proxy(clip_vfr, probe(clip_25fps))  # same count, other times
    assert not verify_proxy(
        clip_2997, probe(clip_25fps)
    )  # other count and times (each check alone: test_proxy_verification.py)
    assert not verify_proxy(clip_25fps, probe(clip_25fps))  # right times but GOP 50

"""``verify_proxy``: each of its checks refuses a proxy that passes every other check.

One good proxy (30 frames at 25 fps, a keyframe every 10) and, for each check, an original
or a proxy that differs from it in that one respect only: one frame more, one frame late by
more than half a frame, every frame a frame late, a keyframe every 11 frames, a first frame
that is not a keyframe, a last keyframe too far from the end. Beside each, the nearest case
that must still pass."""

from __future__ import annotations

import subprocess
from dataclasses import replace
from fractions import Fraction
from pathlib import Path

import pytest

from annotator.domain.frame_times import FrameTimes
from annotator.domain.video_info import VideoInfo
from annotator.media import proxy as proxy_module
from annotator.media.frame_table import read_stream_index
from annotator.media.probe import probe
from annotator.media.proxy import PROXY_GOP, build_proxy, proxy_command, verify_proxy
from annotator.media.stream_index import StreamIndex
from annotator.media.synthetic import make_numbered_clip

FRAMES = 30


@pytest.fixture(scope="module")
def original(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, VideoInfo]:
    path = make_numbered_clip(tmp_path_factory.mktemp("original") / "clip.mp4", frames=FRAMES)
    return path, probe(path)


@pytest.fixture(scope="module")
def good_proxy(original: tuple[Path, VideoInfo], tmp_path_factory: pytest.TempPathFactory) -> Path:
    path, info = original
    return build_proxy(path, info, tmp_path_factory.mktemp("proxy") / "proxy.mp4")


def _with_times(info: VideoInfo, pts: list[int], end_pts: int) -> VideoInfo:
    times = FrameTimes(info.times().time_base, tuple(pts), end_pts)
    return replace(info, frame_times=times, frame_count=times.frame_count, duration_s=times.duration_s)


def _moved(info: VideoInfo, frame: int, by_frames: Fraction) -> VideoInfo:
    """``info`` with one frame shown ``by_frames`` of a frame later."""
    times = info.times()
    step = times.pts[1] - times.pts[0]
    pts = list(times.pts)
    pts[frame] += round(step * by_frames)
    return _with_times(info, pts, times.end_pts)


def test_the_proxy_as_built_passes(good_proxy: Path, original: tuple[Path, VideoInfo]) -> None:
    index = read_stream_index(good_proxy)
    assert index.frame_times.frame_count == FRAMES
    assert index.keyframes == (0, 10, 20)  # spaced exactly PROXY_GOP apart: the limit is allowed
    assert verify_proxy(good_proxy, original[1])


def test_frame_count_alone(good_proxy: Path, original: tuple[Path, VideoInfo]) -> None:
    times = original[1].times()
    step = times.pts[1] - times.pts[0]
    # The original has one frame more; the 30 frames both have agree in time.
    longer = _with_times(original[1], [*times.pts, times.end_pts], times.end_pts + step)
    assert not verify_proxy(good_proxy, longer)


@pytest.mark.parametrize("frame", [0, 13, FRAMES - 1])
def test_one_frame_more_than_half_a_frame_off_alone(
    good_proxy: Path, original: tuple[Path, VideoInfo], frame: int
) -> None:
    info = original[1]
    # Moving a frame also narrows a gap, and half the narrowest gap is the tolerance.
    assert verify_proxy(good_proxy, _moved(info, frame, Fraction(1, 4)))  # 1/4 < 3/4 / 2
    assert not verify_proxy(good_proxy, _moved(info, frame, Fraction(3, 5)))  # 3/5 > 2/5 / 2


def test_every_frame_a_frame_late_alone(good_proxy: Path, original: tuple[Path, VideoInfo]) -> None:
    """The start offset counts: the same spacing one frame later is another video."""
    times = original[1].times()
    step = times.pts[1] - times.pts[0]
    late = _with_times(original[1], [p + step for p in times.pts], times.end_pts + step)
    assert not verify_proxy(good_proxy, late)


def _proxy_with_gop(source: Path, info: VideoInfo, gop: int, output: Path) -> Path:
    command = proxy_command(source, info, output)
    at = command.index("-g")
    command[at + 1] = str(gop)
    subprocess.run(command, check=True, capture_output=True)
    return output


def test_keyframes_too_far_apart_alone(original: tuple[Path, VideoInfo], tmp_path: Path) -> None:
    source, info = original
    sparse = _proxy_with_gop(source, info, PROXY_GOP + 1, tmp_path / "gop11.mp4")
    index = read_stream_index(sparse)
    assert index.keyframes == (0, 11, 22)
    assert (
        index.frame_times
        == read_stream_index(_proxy_with_gop(source, info, 10, tmp_path / "g.mp4")).frame_times
    )
    assert not verify_proxy(sparse, info)


def _index_with_keyframes(
    monkeypatch: pytest.MonkeyPatch, good_proxy: Path, keyframes: tuple[int, ...]
) -> None:
    """The proxy's real index, but with these keyframes (what a different encode would give)."""
    real = read_stream_index(good_proxy)
    changed: StreamIndex = replace(real, keyframes=keyframes)
    monkeypatch.setattr(proxy_module, "read_stream_index", lambda path: changed)


def test_a_first_frame_that_is_not_a_keyframe_alone(
    good_proxy: Path, original: tuple[Path, VideoInfo], monkeypatch: pytest.MonkeyPatch
) -> None:
    _index_with_keyframes(monkeypatch, good_proxy, (1, 11, 21))  # every gap, the last included, is 10 or 9
    assert not verify_proxy(good_proxy, original[1])


def test_the_last_keyframe_too_far_from_the_end_alone(
    good_proxy: Path, original: tuple[Path, VideoInfo], monkeypatch: pytest.MonkeyPatch
) -> None:
    _index_with_keyframes(monkeypatch, good_proxy, (0, 10, 19))  # 11 frames from 19 to the end
    assert not verify_proxy(good_proxy, original[1])
    _index_with_keyframes(monkeypatch, good_proxy, (0, 10, 20))
    assert verify_proxy(good_proxy, original[1])


def test_a_file_that_is_no_video_is_refused_not_raised(
    original: tuple[Path, VideoInfo], tmp_path: Path
) -> None:
    broken = tmp_path / "broken.mp4"
    broken.write_bytes(b"\x00\x00\x00\x18ftypmp42" + b"\xff" * 4000)
    assert not verify_proxy(broken, original[1])

"""Every frame the source returns is the one asked for, checked by the number in its pixels,
with each backend; and what makes the PyAV backend fast (it decodes from the keyframe, and
converts to RGB only the frames asked for)."""

from __future__ import annotations

import random
from pathlib import Path

import cv2
import numpy as np
import pytest

from annotator.media.cached_source import BACKWARD_RUN
from annotator.media.decoder_source import DecoderFrameSource
from annotator.media.errors import MediaError
from annotator.media.frame_cache import FrameCache
from annotator.media.frame_source import DEFAULT_BACKEND, Backend, FrameSource, open_frame_source
from annotator.media.probe import probe_with_index
from annotator.media.pyav_source import PyAVFrameSource, thread_type_for
from annotator.media.synthetic import read_frame_number


def _check(source: FrameSource, order: list[int]) -> None:
    wrong = [(n, read_frame_number(source.frame(n))) for n in order]
    assert [pair for pair in wrong if pair[0] != pair[1]] == []


def test_every_frame_forward_then_backward(any_clip: Path, backend: Backend) -> None:
    with open_frame_source(any_clip, backend=backend) as source:
        count = source.frame_count
        _check(source, list(range(count)))
        _check(source, list(range(count - 1, -1, -1)))


def test_random_order_and_ends(any_clip: Path, backend: Backend) -> None:
    rng = random.Random(any_clip.name)
    with open_frame_source(any_clip, backend=backend) as source:
        count = source.frame_count
        _check(source, [count - 1, 0, count - 1, *(rng.randrange(count) for _ in range(60)), 0])


def test_across_gop_boundaries(clip_2997: Path, backend: Backend) -> None:
    with open_frame_source(clip_2997, backend=backend) as source:  # keyframes at 0 and 60
        _check(source, [61, 60, 59, 58, 60, 62, 59, 119, 61, 0, 60])


def test_frames_are_rgb_and_read_only(clip_25fps: Path, backend: Backend) -> None:
    with open_frame_source(clip_25fps, backend=backend) as source:
        frame = source.frame(3)
        assert isinstance(source, FrameSource)
        assert frame.shape == (180, 320, 3)
        assert frame.dtype == np.uint8
        assert frame.flags.c_contiguous
        assert not frame.flags.writeable
        with pytest.raises(IndexError):
            source.frame(source.frame_count)
        with pytest.raises(IndexError):
            source.frame(-1)


def test_backend_choice(clip_25fps: Path) -> None:
    with open_frame_source(clip_25fps) as source:
        assert DEFAULT_BACKEND == "pyav"
        assert isinstance(source, PyAVFrameSource)
    with open_frame_source(clip_25fps, backend="opencv") as source:
        assert isinstance(source, DecoderFrameSource)
    with pytest.raises(ValueError, match="unknown frame source backend 'mpv'"):
        open_frame_source(clip_25fps, backend="mpv")  # type: ignore[arg-type]


@pytest.mark.parametrize("kind", [PyAVFrameSource, DecoderFrameSource])
def test_a_file_the_decoder_cannot_open(
    clip_25fps: Path, tmp_path: Path, kind: type[PyAVFrameSource | DecoderFrameSource]
) -> None:
    _, index = probe_with_index(clip_25fps)
    text = tmp_path / "notes.mp4"
    text.write_text("not a video\n" * 100)
    with pytest.raises(MediaError, match=r"notes\.mp4"):
        kind(text, index)


def test_pyav_decodes_from_the_keyframe_before_the_frame(clip_2997: Path) -> None:
    """A random fetch costs the frames from the keyframe at or before it, no more."""
    _, index = probe_with_index(clip_2997)  # keyframes at 0 and 60, B-frames
    with PyAVFrameSource(clip_2997, index) as source:
        for target, cost in [(119, 60), (65, 6), (66, 1), (60, 1), (10, 11), (75, 16)]:
            before = source.frames_decoded
            assert read_frame_number(source.frame(target)) == target
            assert source.frames_decoded - before == cost, target


def test_pyav_one_step_back_fills_a_backward_run(clip_2997: Path) -> None:
    _, index = probe_with_index(clip_2997)
    with PyAVFrameSource(clip_2997, index) as source:
        source.frame(100)
        source.frame(99)  # decodes 60..99, keeps the last BACKWARD_RUN
        before = source.frames_decoded
        _check(source, list(range(98, 99 - BACKWARD_RUN, -1)))
        assert source.frames_decoded == before


def test_pyav_step_back_converts_only_the_frame_asked_for(clip_2997: Path) -> None:
    """A step back that misses decodes a whole run but converts one frame to RGB; the rest
    of the run is converted one by one as it is asked for, and only once."""
    _, index = probe_with_index(clip_2997)
    with PyAVFrameSource(clip_2997, index) as source:
        source.frame(100)
        decoded, converted = source.frames_decoded, source.frames_converted
        assert read_frame_number(source.frame(99)) == 99  # a miss: decodes 60..99
        assert (source.frames_decoded - decoded, source.frames_converted - converted) == (40, 1)
        for target in range(98, 99 - BACKWARD_RUN, -1):
            converted = source.frames_converted
            assert read_frame_number(source.frame(target)) == target
            assert source.frames_converted - converted == 1, target
        decoded, converted = source.frames_decoded, source.frames_converted
        _check(source, [95, 99, 90])  # held as RGB now
        assert (source.frames_decoded, source.frames_converted) == (decoded, converted)


def test_frame_cache_holds_decoded_frames_at_their_size_until_asked_for() -> None:
    rgb = np.arange(300, dtype=np.uint8).reshape(10, 10, 3)  # 300 bytes; its YUV 4:2:0: 150
    converted: list[int] = []

    def convert(n: int) -> np.ndarray:
        converted.append(n)
        return rgb.copy()

    cache = FrameCache(max_frames=10, max_bytes=1000)
    cache.put_decoded(0, 150, lambda: convert(0))
    cache.put_decoded(1, 150, lambda: convert(1))
    assert (len(cache), cache.nbytes, converted) == (2, 300, [])
    frame = cache.get(0)
    assert frame is not None
    assert not frame.flags.writeable
    assert (cache.nbytes, converted) == (450, [0])
    assert cache.get(0) is frame
    assert converted == [0]
    cache.put(2, rgb.copy())
    cache.put(3, rgb.copy())  # 1050 bytes: the least recently used (1, still decoded) goes
    assert (1 in cache, 0 in cache, cache.nbytes, converted) == (False, True, 900, [0])
    assert cache.get(5) is None


def test_pyav_threads_by_gop_length(clip_2997: Path, clip_mpg: Path) -> None:
    assert thread_type_for(probe_with_index(clip_2997)[1]) == "AUTO"  # GOP 60
    assert thread_type_for(probe_with_index(clip_mpg)[1]) == "SLICE"  # GOP 12, like a proxy


@pytest.mark.parametrize("fixture", ["clip_vfr", "clip_mpg"])
def test_plain_opencv_seeking_is_wrong_here(request: pytest.FixtureRequest, fixture: str) -> None:
    """Why the source identifies frames by timestamp: POS_FRAMES misses on these clips."""
    capture = cv2.VideoCapture(str(request.getfixturevalue(fixture)), cv2.CAP_FFMPEG)
    misses = 0
    for target in range(5, 95, 3):
        capture.set(cv2.CAP_PROP_POS_FRAMES, target)
        ok, frame = capture.read()
        misses += not ok or read_frame_number(frame) != target
    capture.release()
    assert misses > 0

"""Every frame the source returns is the one asked for, checked by the number in its pixels,
with each backend (what is particular to each: ``tests/media/backends/``)."""

from __future__ import annotations

import random
from pathlib import Path

import numpy as np
import pytest

from annotator.media.backends.opencv import OpenCVFrameSource
from annotator.media.backends.pyav import PyAVFrameSource
from annotator.media.errors import MediaError
from annotator.media.frame_source import DEFAULT_BACKEND, Backend, FrameSource, open_frame_source
from annotator.media.probe import probe_with_index
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
        assert isinstance(source, OpenCVFrameSource)
    with pytest.raises(ValueError, match="unknown frame source backend 'mpv'"):
        open_frame_source(clip_25fps, backend="mpv")  # type: ignore[arg-type]


@pytest.mark.parametrize("kind", [PyAVFrameSource, OpenCVFrameSource])
def test_a_file_the_decoder_cannot_open(
    clip_25fps: Path, tmp_path: Path, kind: type[PyAVFrameSource | OpenCVFrameSource]
) -> None:
    _, index = probe_with_index(clip_25fps)
    text = tmp_path / "notes.mp4"
    text.write_text("not a video\n" * 100)
    with pytest.raises(MediaError, match=r"notes\.mp4"):
        kind(text, index)

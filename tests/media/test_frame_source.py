"""Every frame the source returns is the one asked for, checked by the number in its pixels."""

from __future__ import annotations

import random
from pathlib import Path

import cv2
import numpy as np
import pytest

from annotator.media.frame_source import FrameSource, open_frame_source
from annotator.media.synthetic import read_frame_number


def _check(source: FrameSource, order: list[int]) -> None:
    wrong = [(n, read_frame_number(source.frame(n))) for n in order]
    assert [pair for pair in wrong if pair[0] != pair[1]] == []


def test_every_frame_forward_then_backward(any_clip: Path) -> None:
    with open_frame_source(any_clip) as source:
        count = source.frame_count
        _check(source, list(range(count)))
        _check(source, list(range(count - 1, -1, -1)))


def test_random_order_and_ends(any_clip: Path) -> None:
    rng = random.Random(any_clip.name)
    with open_frame_source(any_clip) as source:
        count = source.frame_count
        _check(source, [count - 1, 0, count - 1, *(rng.randrange(count) for _ in range(60)), 0])


def test_across_gop_boundaries(clip_2997: Path) -> None:
    with open_frame_source(clip_2997) as source:  # keyframes at 0 and 60
        _check(source, [61, 60, 59, 58, 60, 62, 59, 119, 61, 0, 60])


def test_frames_are_rgb_and_read_only(clip_25fps: Path) -> None:
    with open_frame_source(clip_25fps) as source:
        frame = source.frame(3)
        assert isinstance(source, FrameSource)
        assert frame.shape == (180, 320, 3)
        assert frame.dtype == np.uint8
        assert not frame.flags.writeable
        with pytest.raises(IndexError):
            source.frame(source.frame_count)
        with pytest.raises(IndexError):
            source.frame(-1)


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

"""Why the OpenCV backend identifies frames by timestamp, not by OpenCV's frame counter."""

from __future__ import annotations

import cv2
import pytest

from annotator.media.synthetic import read_frame_number


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

"""The frame sources' cache holds decoded frames at their size and converts them when asked."""

from __future__ import annotations

import numpy as np

from annotator.media.backends.frame_cache import DecodedFrameCache


def test_frame_cache_holds_decoded_frames_at_their_size_until_asked_for() -> None:
    rgb = np.arange(300, dtype=np.uint8).reshape(10, 10, 3)  # 300 bytes; its YUV 4:2:0: 150
    converted: list[int] = []

    def convert(n: int) -> np.ndarray:
        converted.append(n)
        return rgb.copy()

    cache = DecodedFrameCache(max_frames=10, max_bytes=1000)
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

"""A small least-recently-used cache of decoded frames, bounded by count and bytes."""

from __future__ import annotations

from collections import OrderedDict

import numpy as np
import numpy.typing as npt

Frame = npt.NDArray[np.uint8]


class FrameCache:
    """Decoded frames by index; the oldest-used go first when full.

    Frames are stored read-only, so a caller cannot change what the next caller gets.
    """

    def __init__(self, max_frames: int = 64, max_bytes: int = 256 << 20) -> None:
        self.max_frames = max(1, max_frames)
        self.max_bytes = max_bytes
        self._frames: OrderedDict[int, Frame] = OrderedDict()
        self._bytes = 0

    def __len__(self) -> int:
        return len(self._frames)

    def __contains__(self, index: object) -> bool:
        return index in self._frames

    def get(self, index: int) -> Frame | None:
        """The frame if cached (and mark it recently used), else None."""
        frame = self._frames.get(index)
        if frame is not None:
            self._frames.move_to_end(index)
        return frame

    def put(self, index: int, frame: Frame) -> Frame:
        """Store ``frame`` (made read-only) and return it."""
        frame.flags.writeable = False
        old = self._frames.pop(index, None)
        if old is not None:
            self._bytes -= old.nbytes
        self._frames[index] = frame
        self._bytes += frame.nbytes
        while len(self._frames) > 1 and (len(self._frames) > self.max_frames or self._bytes > self.max_bytes):
            _, dropped = self._frames.popitem(last=False)
            self._bytes -= dropped.nbytes
        return frame

    def clear(self) -> None:
        self._frames.clear()
        self._bytes = 0

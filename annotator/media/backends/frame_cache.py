"""The frame sources' cache of decoded frames: least recently used first out, bounded by
count and bytes. (The player's ``PictureCache`` holds ready-to-paint ``QImage``s.)

A frame is held either as RGB or still as the decoder gave it (its planes, e.g. YUV 4:2:0
at 1.5 bytes a pixel, counted at what they really hold); a decoded frame is converted to
RGB only when it is asked for, and then held as RGB.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

Frame = npt.NDArray[np.uint8]


@dataclass(frozen=True, slots=True)
class _Decoded:
    """A frame not converted yet: what holding it costs, and how to convert it."""

    nbytes: int
    convert: Callable[[], Frame]


class DecodedFrameCache:
    """Frames by index; the oldest-used go first when full.

    Frames are returned read-only, so a caller cannot change what the next caller gets.
    """

    def __init__(self, max_frames: int = 64, max_bytes: int = 256 << 20) -> None:
        self.max_frames = max(1, max_frames)
        self.max_bytes = max_bytes
        self._frames: OrderedDict[int, Frame | _Decoded] = OrderedDict()
        self._bytes = 0

    def __len__(self) -> int:
        return len(self._frames)

    def __contains__(self, index: object) -> bool:
        return index in self._frames

    @property
    def nbytes(self) -> int:
        """Bytes held, RGB and decoded frames together."""
        return self._bytes

    def get(self, index: int) -> Frame | None:
        """The frame as RGB if cached (converting it if still decoded, and marking it
        recently used), else None."""
        entry = self._frames.get(index)
        if entry is None:
            return None
        if isinstance(entry, _Decoded):
            return self.put(index, entry.convert())
        self._frames.move_to_end(index)
        return entry

    def put(self, index: int, frame: Frame) -> Frame:
        """Store the RGB ``frame`` (made read-only) and return it."""
        frame.flags.writeable = False
        self._store(index, frame)
        return frame

    def put_decoded(self, index: int, nbytes: int, convert: Callable[[], Frame]) -> None:
        """Store a decoded frame holding ``nbytes``; ``convert`` makes its RGB on first use."""
        self._store(index, _Decoded(max(0, nbytes), convert))

    def clear(self) -> None:
        self._frames.clear()
        self._bytes = 0

    def _store(self, index: int, entry: Frame | _Decoded) -> None:
        old = self._frames.pop(index, None)
        if old is not None:
            self._bytes -= old.nbytes
        self._frames[index] = entry
        self._bytes += entry.nbytes
        while len(self._frames) > 1 and (len(self._frames) > self.max_frames or self._bytes > self.max_bytes):
            _, dropped = self._frames.popitem(last=False)
            self._bytes -= dropped.nbytes

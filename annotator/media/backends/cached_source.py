"""What the exact frame sources share: range checks, the frame cache, stepping back.

A subclass decodes (``_decode_range``) and closes its decoder (``_close_decoder``); this
base answers from the cache first, and when the caller steps back one frame at a time it
decodes a run of ``BACKWARD_RUN`` frames ending at the one asked for, so the next steps
back are instant.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from pathlib import Path
from types import TracebackType
from typing import Self

import numpy as np
import numpy.typing as npt

from annotator.media.backends.frame_cache import DecodedFrameCache, Frame
from annotator.media.frame_table import StreamIndex

BACKWARD_RUN = 12


class CachedFrameSource(ABC):
    """An exact frame source over a decoder, with a cache of recently decoded frames."""

    def __init__(self, path: Path, index: StreamIndex) -> None:
        self.path = Path(path)
        self._index = index
        self._last_request = -1
        self._cache = DecodedFrameCache(max_frames=4 * BACKWARD_RUN, max_bytes=0)

    def _size_cache(self, frame_bytes: int, cache_bytes: int) -> None:
        """Hold up to ``cache_bytes`` of frames, and never fewer than two."""
        self._cache = DecodedFrameCache(
            max_frames=4 * BACKWARD_RUN, max_bytes=max(cache_bytes, 2 * max(1, frame_bytes))
        )

    @property
    def frame_count(self) -> int:
        return self._index.frame_times.frame_count

    def frame(self, index: int) -> npt.NDArray[np.uint8]:
        """The exact frame ``index`` as a read-only HxWx3 RGB array."""
        if not 0 <= index < self.frame_count:
            raise IndexError(f"{self.path}: frame {index} is outside 0..{self.frame_count - 1}")
        cached = self._cache.get(index)
        if cached is None:
            stepping_back = index == self._last_request - 1
            first = max(0, index - BACKWARD_RUN + 1) if stepping_back else index
            cached = self._decode_range(first, index)
        self._last_request = index
        return cached

    def close(self) -> None:
        self._close_decoder()
        self._cache.clear()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()

    @abstractmethod
    def _decode_range(self, first: int, last: int) -> Frame:
        """Decode frames ``first..last`` into the cache and return frame ``last``."""

    @abstractmethod
    def _close_decoder(self) -> None:
        """Release the decoder."""

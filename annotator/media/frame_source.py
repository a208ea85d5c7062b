"""The small protocol the rest of the program reads frames through.

``frame(n)`` returns the exact n-th frame a decoder shows (0-based) as an HxWx3 RGB
``uint8`` array. Backends: ``DecoderFrameSource`` (a persistent OpenCV/FFmpeg decoder that
identifies frames by timestamp) and any fake a test needs.
"""

from __future__ import annotations

from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Protocol, Self, runtime_checkable

import numpy as np
import numpy.typing as npt

from annotator.media.probe import probe_with_index

if TYPE_CHECKING:
    from annotator.media.cache import MediaCache


@runtime_checkable
class FrameSource(Protocol):
    """Random access to the frames of one video."""

    @property
    def frame_count(self) -> int: ...

    def frame(self, index: int) -> npt.NDArray[np.uint8]:
        """The exact frame ``index`` (0-based) as an HxWx3 RGB array; read-only."""
        ...

    def close(self) -> None: ...

    def __enter__(self) -> Self: ...

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None: ...


def open_frame_source(path: Path, cache: MediaCache | None = None) -> FrameSource:
    """Open ``path`` for exact frame access (probing it, through ``cache`` if given)."""
    from annotator.media.decoder_source import DecoderFrameSource  # it implements this protocol

    _, index = probe_with_index(Path(path), cache)
    return DecoderFrameSource(Path(path), index)

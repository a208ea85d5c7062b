"""The small protocol the rest of the program reads frames through.

``frame(n)`` returns the exact n-th frame a decoder shows (0-based) as an HxWx3 RGB
``uint8`` array. Backends (``media/backends/``), both persistent decoders that identify
frames by timestamp: ``PyAVFrameSource`` ("pyav", the default: it seeks straight to the
keyframe before the frame, so a random fetch on a GOP-10 proxy decodes at most 10 frames)
and ``OpenCVFrameSource`` ("opencv": OpenCV's seek backs off >= 16 frames more); plus any
fake a test needs. ``docs/performance.md`` has the figures behind the choice.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Literal, Protocol, Self, get_args, runtime_checkable

import numpy as np
import numpy.typing as npt

from annotator.media.probe import probe_with_index
from annotator.media.stream_index import StreamIndex

if TYPE_CHECKING:
    from annotator.media.cache import MediaCache


Backend = Literal["pyav", "opencv"]
BACKENDS: tuple[Backend, ...] = get_args(Backend)
DEFAULT_BACKEND: Backend = "pyav"


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


def open_frame_source(
    path: Path, cache: MediaCache | None = None, *, backend: Backend = DEFAULT_BACKEND
) -> FrameSource:
    """Open ``path`` for exact frame access (probing it, through ``cache`` if given) with
    the ``backend`` decoder ("pyav" or "opencv")."""
    if backend not in BACKENDS:
        raise ValueError(f"unknown frame source backend {backend!r} (one of {', '.join(BACKENDS)})")
    _, index = probe_with_index(Path(path), cache)
    if backend == "opencv":
        from annotator.media.backends.opencv import OpenCVFrameSource  # it implements this protocol

        return OpenCVFrameSource(Path(path), index)
    from annotator.media.backends.pyav import PyAVFrameSource  # it implements this protocol

    return PyAVFrameSource(Path(path), index)


def scan_frames(
    path: Path,
    cache: MediaCache | None = None,
    *,
    width: int,
    height: int,
    index: StreamIndex | None = None,
) -> Iterator[tuple[int, npt.NDArray[np.uint8]]]:
    """Every frame of ``path`` in order, ``width`` x ``height`` BGR (OpenCV's order), with
    its index in the frame table: one decoder pass, for analysis (``PyAVFrameSource.scan``;
    frame threading, which a sequential pass gains from). ``index``: the stream index if the
    caller has it (else the file is probed, through ``cache`` if given)."""
    if index is None:
        _, index = probe_with_index(Path(path), cache)
    from annotator.media.backends.pyav import PyAVFrameSource

    with PyAVFrameSource(Path(path), index, cache_bytes=0, thread_type="AUTO") as source:
        yield from source.scan(width, height)

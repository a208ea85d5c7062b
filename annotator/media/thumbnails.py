"""Thumbnails and the filmstrip under the timeline, read from the proxy."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import cv2
import numpy as np
import numpy.typing as npt

from annotator.media._progress import Cancel, Progress
from annotator.media.errors import Cancelled
from annotator.media.fingerprint import fingerprint
from annotator.media.frame_source import FrameSource, open_frame_source

if TYPE_CHECKING:
    from annotator.media.cache import MediaCache

Image = npt.NDArray[np.uint8]


def thumbnail(source: FrameSource, index: int, height: int = 72) -> Image:
    """Frame ``index`` scaled to ``height`` pixels high (aspect kept), RGB uint8."""
    frame = source.frame(index)
    width = max(1, round(frame.shape[1] * height / frame.shape[0]))
    small: Image = np.asarray(
        cv2.resize(frame, (width, height), interpolation=cv2.INTER_AREA), dtype=np.uint8
    )
    return small


def filmstrip_frames(frame_count: int, count: int) -> list[int]:
    """``count`` frame indices spread evenly: the middle frame of each equal slice."""
    count = max(1, min(count, frame_count))
    return [min(frame_count - 1, (2 * i + 1) * frame_count // (2 * count)) for i in range(count)]


def filmstrip(
    source: FrameSource,
    count: int,
    height: int = 72,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> Image:
    """Thumbnails at evenly spaced frames, shape (count, height, width, 3)."""
    indices = filmstrip_frames(source.frame_count, count)
    images = []
    for done, index in enumerate(indices, start=1):
        if cancel is not None and cancel():
            raise Cancelled("filmstrip cancelled")
        images.append(thumbnail(source, index, height))
        if progress is not None:
            progress(done / len(indices))
    return np.stack(images)


def cached_filmstrip(
    proxy: Path,
    count: int,
    height: int = 72,
    cache: MediaCache | None = None,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> Image:
    """``filmstrip`` of the video at ``proxy``, stored per fingerprint when ``cache`` is given."""
    name = f"filmstrip-{count}x{height}"
    key = fingerprint(Path(proxy)) if cache is not None else ""
    if cache is not None and (stored := cache.load_array(key, name)) is not None:
        return stored.astype(np.uint8, copy=False)
    with open_frame_source(Path(proxy)) as source:
        strip = filmstrip(source, count, height, progress, cancel)
    if cache is not None:
        cache.store_array(key, name, strip)
    return strip

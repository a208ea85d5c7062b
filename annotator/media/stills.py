"""Stills of chosen frames as JPEG, for contact sheets and the search grid.

Frames are fetched exactly (the frame source names them through the table) in increasing
order, so neighbours share a decode; each still is cached per video, frame and height in
the media cache (``stills-h<height>/<frame>.jpg``), written atomically, so a second sheet
or a search grid of the same segments reads files instead of decoding.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

import cv2
import numpy as np
import numpy.typing as npt

from annotator.media._progress import Cancel
from annotator.media.errors import Cancelled, MediaError
from annotator.media.frame_source import open_frame_source
from annotator.media.thumbnails import thumbnail

if TYPE_CHECKING:
    from annotator.media.cache import MediaCache

JPEG_QUALITY = 85


def still_path(cache: MediaCache, fingerprint: str, frame: int, height: int) -> Path:
    return cache.folder(fingerprint) / f"stills-h{height}" / f"{frame}.jpg"


def stills(
    path: Path,
    fingerprint: str,
    frames: Iterable[int],
    cache: MediaCache,
    *,
    height: int = 180,
    done: Callable[[int], None] | None = None,
    cancel: Cancel | None = None,
) -> dict[int, Path]:
    """The JPEG file of each of ``frames`` of the video at ``path`` (its proxy, or the
    original: the frames are the same), ``height`` pixels high; ``done(n)`` after each of
    them, ``cancel`` polled between frames (raising ``Cancelled``)."""
    wanted = sorted(set(frames))
    made = {frame: still_path(cache, fingerprint, frame, height) for frame in wanted}
    missing = [frame for frame in wanted if not made[frame].is_file()]
    for frame in wanted:
        if frame not in missing and done is not None:
            done(frame)
    if not missing:
        return made
    made[missing[0]].parent.mkdir(parents=True, exist_ok=True)
    with open_frame_source(path, cache) as source:
        for frame in missing:
            if cancel is not None and cancel():
                raise Cancelled(f"{path}: stills cancelled")
            _write_jpeg(thumbnail(source, frame, height), made[frame])
            if done is not None:
                done(frame)
    return made


def _write_jpeg(rgb: npt.NDArray[np.uint8], target: Path) -> None:
    bgr = cv2.cvtColor(rgb, cv2.COLOR_RGB2BGR)
    ok, data = cv2.imencode(".jpg", bgr, [cv2.IMWRITE_JPEG_QUALITY, JPEG_QUALITY])
    if not ok:
        raise MediaError(target, "the still could not be encoded as JPEG")
    temporary = target.with_name(f".{target.stem}.{os.getpid()}.tmp")
    temporary.write_bytes(data.tobytes())
    temporary.replace(target)

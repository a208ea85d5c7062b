"""Exact frames from a persistent OpenCV (FFmpeg) decoder, identified by timestamp.

OpenCV's own frame counter (``CAP_PROP_POS_FRAMES``) is estimated from timestamps and the
nominal rate, so it is off on variable-rate footage, non-zero starts and MPEG program
streams. Here it is only used to seek roughly; every decoded frame is then identified by
its presentation time (``CAP_PROP_POS_MSEC``) looked up in the packet table. A request
just ahead of the decoder decodes forward; anything else seeks to at or before the frame
and decodes forward. One step back fills a backward run of frames into an LRU cache, so
holding Left mostly hits the cache.

Interlaced video is refused: OpenCV 5's bundled FFmpeg 8 cannot convert an interlaced frame
to BGR ("Cannot convert interlaced to progressive frames") and returns one wrong picture for
every frame. Its proxy (progressive) or the PyAV backend read such files exactly.
"""

from __future__ import annotations

import logging
from pathlib import Path

import cv2
import numpy as np

from annotator.media.backends.cached_source import CachedFrameSource
from annotator.media.backends.frame_cache import Frame
from annotator.media.errors import MediaError
from annotator.media.frame_table import StreamIndex

log = logging.getLogger(__name__)

FORWARD_DECODE_LIMIT = 12
"""Decode forward rather than seek when the frame is at most this far ahead."""

START_ATTEMPTS = 8
"""Packets that show no picture (an AVI's parameter sets) make a grab fail; try this often."""


class OpenCVFrameSource(CachedFrameSource):
    """``FrameSource`` over one file; not thread-safe (one decoder, one caller)."""

    def __init__(self, path: Path, index: StreamIndex, *, cache_bytes: int = 256 << 20) -> None:
        super().__init__(path, index)
        if index.interlaced:
            raise MediaError(
                self.path, "OpenCV cannot convert interlaced frames (use the PyAV frame source or the proxy)"
            )
        times = index.frame_times
        ticks = np.array(times.pts, dtype=np.int64) - index.stream_start_pts
        self._times_ms = ticks.astype(np.float64) * float(times.time_base) * 1000.0
        steps = np.diff(np.append(self._times_ms, self._times_ms[-1] + 1e9))
        self._tolerance_ms = float(steps.min()) / 2
        self._capture = cv2.VideoCapture(str(self.path), cv2.CAP_FFMPEG)
        if not self._capture.isOpened():
            raise MediaError(self.path, "the decoder cannot open it")
        self._fps = self._capture.get(cv2.CAP_PROP_FPS) or float(times.average_fps())
        self._position = -1  # index of the frame last grabbed (retrievable); -1: none yet
        self._offset_ms = 0.0
        frame_bytes = max(
            1,
            int(
                self._capture.get(cv2.CAP_PROP_FRAME_WIDTH) * self._capture.get(cv2.CAP_PROP_FRAME_HEIGHT) * 3
            ),
        )
        self._size_cache(frame_bytes, cache_bytes)
        self._calibrate()

    def _close_decoder(self) -> None:
        self._capture.release()

    # decoding

    def _calibrate(self) -> None:
        """Read frame 0 and line the decoder's clock up with the packet table."""
        if not any(self._capture.grab() for _ in range(START_ATTEMPTS)):
            raise MediaError(self.path, "no frame can be decoded (damaged or not a video)")
        self._offset_ms = self._capture.get(cv2.CAP_PROP_POS_MSEC) - float(self._times_ms[0])
        self._position = 0

    def _identify(self) -> int | None:
        """The table index of the frame just grabbed, by its timestamp (None if unknown)."""
        ms = self._capture.get(cv2.CAP_PROP_POS_MSEC) - self._offset_ms
        slot = int(np.searchsorted(self._times_ms, ms))
        best = min(
            (i for i in (slot - 1, slot) if 0 <= i < len(self._times_ms)),
            key=lambda i: abs(self._times_ms[i] - ms),
        )
        return best if abs(self._times_ms[best] - ms) <= self._tolerance_ms else None

    def _grab(self, *, after_seek: bool = False) -> bool:
        """Decode the next frame and identify it: by timestamp, else by counting.

        Decoding forward never goes back, so a timestamp pointing backwards (the last frame
        of an MPEG program stream comes without one and reads as 0) counts as the next.
        """
        if not self._capture.grab():
            return False
        found = self._identify()
        if after_seek:
            self._position = found if found is not None else -1
        elif found is None or found <= self._position:
            self._position += 1
        else:
            self._position = found
        return True

    def _retrieve(self) -> Frame:
        ok, bgr = self._capture.retrieve()
        if not ok or bgr is None:
            raise MediaError(self.path, f"frame {self._position} cannot be decoded")
        rgb: Frame = np.asarray(cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB), dtype=np.uint8)
        return rgb

    def _needs_seek(self, first: int) -> bool:
        if first <= self._position:
            return True
        ahead = first - self._position
        return ahead > FORWARD_DECODE_LIMIT and self._index.keyframe_at_or_before(first) > self._position

    def _decode_range(self, first: int, last: int) -> Frame:
        """Decode ``first..last``, cache them, and return frame ``last``."""
        if self._needs_seek(first):
            self._seek_at_or_before(first)
        while self._position < first:
            if not self._grab():
                raise MediaError(self.path, f"frame {first} cannot be decoded (file ends early)")
        result = None
        while True:
            frame = self._cache.put(self._position, self._retrieve())
            if self._position >= last:
                result = frame
                break
            if not self._grab():
                break
        if result is None or self._position != last:
            log.warning("%s: decoder presented frame %d for %d", self.path, self._position, last)
        return result if result is not None else frame

    def _seek_at_or_before(self, target: int) -> None:
        """Leave the decoder on a grabbed frame at or before ``target``.

        OpenCV seeks by its own frame estimate; the landing frame is identified by its
        timestamp and, if past the target or unknown, the seek aims earlier. A frame
        reading as 0 after aiming later is taken as unknown (a frame without timestamp).
        """
        aim = target
        for _ in range(4):
            seconds_ms = float(self._times_ms[aim] - self._times_ms[0])
            self._capture.set(cv2.CAP_PROP_POS_FRAMES, round(seconds_ms / 1000.0 * self._fps))
            landed = self._grab(after_seek=True)
            if landed and 0 <= self._position <= target and (self._position > 0 or aim == 0):
                return
            aim = max(0, aim - max(16, 2 * (target - aim) + 16))
        self._rewind()

    def _rewind(self) -> None:
        """Start again from the first frame: slow but always right."""
        self._capture.release()
        self._capture = cv2.VideoCapture(str(self.path), cv2.CAP_FFMPEG)
        self._calibrate()

"""Exact frames from a persistent PyAV (FFmpeg) decoder, identified by timestamp.

The frame table says where the keyframes are, so a seek goes straight to the keyframe at
or before the wanted frame (OpenCV's seek always backs off at least 16 frames more). Every
decoded frame is identified by its timestamp in the frame table, never by counting from
the seek: its ``pts``, or in a container without presentation times (AVI, where FFmpeg
guesses a pts that differs between versions) the decode time of the packet that completed
it (``dts``), which is what the table holds there. Only a frame without a timestamp (the
last of an MPEG program stream, the last few of an AVI with B-frames) counts as the one
after its predecessor. A request just ahead of the decoder decodes
forward; one step back fills a backward run of frames into an LRU cache, so holding Left
mostly hits the cache. Only a frame that is asked for is converted to RGB: the rest of a
backward run is cached as decoded (YUV) frames and converted when, and if, it is asked for.
Frame threading only where GOPs are long (see ``thread_type_for``).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from itertools import pairwise
from pathlib import Path
from typing import Literal

import av
import av.error
import numpy as np
from av.container import InputContainer
from av.video.frame import VideoFrame
from av.video.reformatter import VideoReformatter
from av.video.stream import VideoStream

from annotator.media.backends.cached_source import CachedFrameSource
from annotator.media.backends.frame_cache import Frame
from annotator.media.errors import MediaError
from annotator.media.frame_table import StreamIndex

log = logging.getLogger(__name__)


LANDING_LIMIT = 32
"""Frames decoded after a seek while looking for the keyframe it should have landed on."""

SHORT_GOP = 16
"""Up to this many frames between keyframes (a proxy has 10), decode without frame threads."""

ThreadType = Literal["NONE", "SLICE", "FRAME", "AUTO"]


def thread_type_for(index: StreamIndex) -> ThreadType:
    """Frame threading delays each output by a frame per thread, which a seek followed by a
    few frames of decoding cannot amortise (measured on the GOP-10 proxy: median random
    fetch 6-7 ms with "SLICE" against 10 ms with "AUTO"); long GOPs keep "AUTO"."""
    edges = (*index.keyframes, index.frame_times.frame_count)
    longest = max(b - a for a, b in pairwise(edges))
    return "SLICE" if longest <= SHORT_GOP else "AUTO"


class PyAVFrameSource(CachedFrameSource):
    """``FrameSource`` over one file; not thread-safe (one decoder, one caller)."""

    def __init__(
        self,
        path: Path,
        index: StreamIndex,
        *,
        cache_bytes: int = 256 << 20,
        thread_type: ThreadType | None = None,
    ) -> None:
        super().__init__(path, index)
        times = index.frame_times
        self._pts = np.array(times.pts, dtype=np.int64)
        self._by_pts = {int(pts): n for n, pts in enumerate(times.pts)}
        steps = np.diff(np.append(self._pts, times.end_pts))
        self._tolerance = max(0, int(steps.min()) // 2 - 1)
        self._keyframes = frozenset(index.keyframes)
        self._decode_timed = index.decode_timed
        self._thread_type: ThreadType = thread_type or thread_type_for(index)
        self._container, self._stream = self._open()
        self._frames: Iterator[VideoFrame] = iter(())
        self._current: VideoFrame | None = None
        self._position = -1  # index of self._current; -1: none yet
        self.frames_decoded = 0
        """Frames the decoder has output so far (a measure of what fetching costs)."""
        self.frames_converted = 0
        """Frames converted to RGB so far (the other cost of fetching)."""
        self.frames_repeated = 0
        """Frames ``decoded_run`` gave as the one before, since the decoder never showed them."""
        self.frames_misnamed = 0
        """Frames whose timestamp the table does not know, named by counting (0 on any
        file whose table matches this decoder)."""
        frame_bytes = max(1, self._stream.codec_context.width * self._stream.codec_context.height * 3)
        self._size_cache(frame_bytes, cache_bytes)
        self._start()

    def _close_decoder(self) -> None:
        self._frames = iter(())
        self._current = None
        self._container.close()

    # decoding

    def _open(self) -> tuple[InputContainer, VideoStream]:
        try:
            container = av.open(str(self.path), mode="r")
        except (av.error.FFmpegError, OSError) as error:
            raise MediaError(self.path, f"the decoder cannot open it ({error})") from error
        if not container.streams.video:
            container.close()
            raise MediaError(self.path, "no video stream")
        stream = container.streams.video[0]
        stream.thread_type = self._thread_type
        return container, stream

    def _decoded(self) -> Iterator[VideoFrame]:
        """Frames in presentation order from the demuxer's current position; a packet the
        decoder refuses (damage) is skipped, as ffmpeg itself does."""
        for packet in self._container.demux(self._stream):
            try:
                frames = packet.decode()
            except av.error.InvalidDataError as error:
                log.debug("%s: skipped a damaged packet (%s)", self.path, error)
                continue
            for frame in frames:
                self.frames_decoded += 1
                yield frame

    def _identify(self, pts: int | None) -> int | None:
        """The table index of a frame by its timestamp (None if it has none or is unknown)."""
        if pts is None:
            return None
        found = self._by_pts.get(pts)
        if found is not None or self._tolerance == 0:
            return found
        slot = int(np.searchsorted(self._pts, pts))
        near = [n for n in (slot - 1, slot) if 0 <= n < len(self._pts)]
        best = min(near, key=lambda n: abs(int(self._pts[n]) - pts))
        return best if abs(int(self._pts[best]) - pts) <= self._tolerance else None

    def _next(self) -> bool:
        """Decode the next frame and identify it. Decoding forward never goes back, so a
        frame without a known timestamp, or one pointing backwards, is the next one."""
        frame = self._pull()
        if frame is None:
            return False
        stamp = self._stamp(frame)
        found = self._identify(stamp)
        if found is None or found <= self._position:
            self.frames_misnamed += stamp is not None
            found = self._position + 1
        self._position, self._current = found, frame
        return True

    def _pull(self) -> VideoFrame | None:
        """The next decoded frame, None at the end."""
        try:
            return next(self._frames)
        except StopIteration:
            return None
        except av.error.FFmpegError as error:
            raise MediaError(self.path, f"decoding failed ({error})") from error

    def _stamp(self, frame: VideoFrame) -> int | None:
        """The timestamp the table knows this frame by (see the module docstring)."""
        return frame.dts if self._decode_timed else frame.pts

    def _rgb(self, frame: VideoFrame) -> Frame:
        self.frames_converted += 1
        rgb: Frame = np.ascontiguousarray(frame.to_ndarray(format="rgb24"), dtype=np.uint8)
        return rgb

    def _decoded_frame(self) -> VideoFrame:
        if self._current is None:
            raise MediaError(self.path, f"frame {self._position} cannot be decoded")
        return self._current

    def scan(self, width: int, height: int, pixel_format: str = "bgr24") -> Iterator[tuple[int, Frame]]:
        """Every frame from the first, in order, scaled to ``width`` x ``height`` by the
        decoder's own scaler: ``(index, array)``. One pass, for analysis; frames are named
        through the table exactly as ``frame(n)`` names them. Leaves the source at its end
        (the next ``frame(n)`` seeks)."""
        self._rewind()
        scaler = VideoReformatter()  # one scaler for the pass: 4x faster than one per frame
        while True:
            small = scaler.reformat(
                self._decoded_frame(), width, height, pixel_format, interpolation="FAST_BILINEAR"
            )
            yield self._position, np.ascontiguousarray(small.to_ndarray(), dtype=np.uint8)
            if not self._next() or self._position >= self.frame_count:
                return

    def decoded_run(self, first: int, stop: int) -> Iterator[tuple[int, VideoFrame]]:
        """Frames ``first .. stop - 1`` as the decoder gives them (not converted), in order,
        each named through the table as ``frame(n)`` names it: exactly ``stop - first`` of
        them. A frame the decoder never shows (damage) is given as the one before it, and
        counted in ``frames_repeated``. Leaves the source after the run."""
        if not 0 <= first < stop <= self.frame_count:
            raise MediaError(self.path, f"frames {first}..{stop} are outside 0..{self.frame_count}")
        if self._needs_seek(first):
            self._seek_at_or_before(first)
        while self._position < first:
            if not self._next():
                raise MediaError(self.path, f"frame {first} cannot be decoded (file ends early)")
        shown = self._decoded_frame()
        for wanted in range(first, stop):
            if self._position < wanted and not self._next():
                raise MediaError(self.path, f"frame {wanted} cannot be decoded (file ends early)")
            if self._position == wanted:
                shown = self._decoded_frame()
            else:
                self.frames_repeated += 1
            yield wanted, shown

    def _keep(self) -> None:
        """Cache the current frame as decoded, to be converted only if it is asked for."""
        frame = self._decoded_frame()
        nbytes = sum(plane.buffer_size for plane in frame.planes)
        self._cache.put_decoded(self._position, nbytes, lambda: self._rgb(frame))

    def _needs_seek(self, first: int) -> bool:
        """Seek when the frame is behind the decoder, or when a keyframe after the decoder
        lies at or before it (decoding from there is shorter than decoding forward)."""
        if first < self._position or self._current is None:
            return True
        return self._index.keyframe_at_or_before(first) > self._position + 1

    def _decode_range(self, first: int, last: int) -> Frame:
        """Decode ``first..last``, cache them, and return frame ``last``: the only one
        converted to RGB now; the others are cached as decoded frames."""
        if self._needs_seek(first):
            self._seek_at_or_before(first)
        while self._position < first:
            if not self._next():
                raise MediaError(self.path, f"frame {first} cannot be decoded (file ends early)")
        while self._position < last:
            self._keep()
            if not self._next():
                break
        if self._position != last:
            log.warning("%s: decoder presented frame %d for %d", self.path, self._position, last)
        return self._cache.put(self._position, self._rgb(self._decoded_frame()))

    def _land(self) -> bool:
        """After a seek: decode up to the first frame that is a keyframe of the table,
        skipping any leading frames an open GOP shows before it (they lack references)."""
        self._frames = self._decoded()
        self._current, self._position = None, -1
        for _ in range(LANDING_LIMIT):
            try:
                frame = next(self._frames)
            except (StopIteration, av.error.FFmpegError):
                return False
            found = self._identify(self._stamp(frame))
            if found is not None and self._lands_on(frame, found):
                self._current, self._position = frame, found
                return True
        return False

    def _lands_on(self, frame: VideoFrame, found: int) -> bool:
        """Whether decoding can go on from this frame: the first frame of the video (what
        comes before it is never shown), or a keyframe of the table. Where frames are named
        by decode times, any frame the decoder calls a keyframe: the table places keyframes
        by decode order there, which in an open GOP is early by the B-frames shown before
        the keyframe; a picture left over from the GOP before is never one."""
        if found == 0:
            return True
        return bool(frame.key_frame) if self._decode_timed else found in self._keyframes

    def _seek_at_or_before(self, target: int) -> None:
        """Leave the decoder on a decoded keyframe at or before ``target``; if the demuxer
        lands elsewhere, aim at earlier keyframes, and in the end start from the top."""
        key = self._index.keyframe_at_or_before(target)
        for _ in range(3):
            try:
                self._container.seek(int(self._pts[key]), stream=self._stream, backward=True, any_frame=False)
            except av.error.FFmpegError as error:
                log.debug("%s: seek to frame %d failed (%s)", self.path, key, error)
            else:
                if self._land() and self._position <= target:
                    return
            if key == 0:
                break
            key = self._index.keyframe_at_or_before(key - 1)
        self._rewind()

    def _rewind(self) -> None:
        """Open the file again and decode its first frame: always right (it is frame 0 by
        definition), whatever the demuxer's seeking does."""
        self._container.close()
        self._container, self._stream = self._open()
        self._start()

    def _start(self) -> None:
        """Decode the first frame the table counts: frame 0, unless its timestamp names a
        later one. A leading frame this decoder shows but the table leaves out (it comes
        before the table's first time) is passed over."""
        self._frames = self._decoded()
        first = int(self._pts[0])
        for _ in range(LANDING_LIMIT):
            frame = self._pull()
            if frame is None:
                break
            stamp = self._stamp(frame)
            found = self._identify(stamp)
            if found is None and stamp is not None and stamp < first:
                continue
            self._current, self._position = frame, found or 0
            return
        raise MediaError(self.path, "no frame can be decoded (damaged or not a video)")

"""A thread that decodes a video's sound from a media time on, as PCM for the player.

It decodes with PyAV from the requested time, converts to 16-bit stereo at the output
rate and, at speeds other than 1x, stretches the sound with FFmpeg's ``atempo`` (the pitch
is kept). The first sample out is the one at the requested time exactly (silence fills a
gap before the first audio frame), so the player can map samples back to media time:
``media_s = start_s + speed * samples_heard / rate``.

Like the video decode thread it never calls Qt; the GUI thread takes the PCM with ``read``.
It keeps at most ``ahead_s`` seconds decoded, so a long film is never held in memory.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

import av
import av.error
import numpy as np
import numpy.typing as npt
from av.audio.frame import AudioFrame
from av.audio.resampler import AudioResampler
from av.filter import Graph

log = logging.getLogger(__name__)

CHANNELS = 2
BYTES_PER_FRAME = 2 * CHANNELS  # s16 stereo


@dataclass(frozen=True, slots=True)
class _Job:
    ticket: int
    path: Path
    media_s: float
    video_start_s: float
    speed: float


def atempo_lead_s(speed: float) -> float:
    """Sound ``atempo`` swallows at its start, in seconds of input: half its window (1/24 s)
    per stage, each stage's in the time of its own input (measured: without this lead the
    beeps of a stretched sound came 20-37 ms of input early)."""
    if abs(speed - 1.0) < 1e-6:
        return 0.0
    lead, scale = 0.0, 1.0
    for factor in atempo_chain(speed):
        lead += scale / 48
        scale *= factor
    return lead


def atempo_chain(speed: float) -> list[float]:
    """``atempo`` factors whose product is ``speed``, each within FFmpeg's 0.5..100."""
    factors = []
    while speed < 0.5:
        factors.append(0.5)
        speed /= 0.5
    return [*factors, speed]


class AudioDecodeThread:
    """Decodes the sound of one file at a time, a little ahead of the player."""

    def __init__(self, rate: int = 48_000, ahead_s: float = 0.5) -> None:
        self.rate = rate
        self._ahead_bytes = int(ahead_s * rate) * BYTES_PER_FRAME
        self._lock = threading.Condition()
        self._ticket = 0
        self._job: _Job | None = None
        self._pcm = bytearray()
        self._ended = False
        self._quit = False
        self._thread = threading.Thread(target=self._run, name="annotator-audio", daemon=True)
        self._thread.start()

    def start(self, path: Path, media_s: float, video_start_s: float, speed: float) -> None:
        """Decode ``path``'s sound from ``media_s`` (seconds from the first video frame,
        which is at ``video_start_s`` in the file) at ``speed``; drops what was decoded."""
        with self._lock:
            self._ticket += 1
            self._job = _Job(self._ticket, Path(path), media_s, video_start_s, speed)
            self._pcm.clear()
            self._ended = False
            self._lock.notify_all()

    def stop(self) -> None:
        with self._lock:
            self._ticket += 1
            self._job = None
            self._pcm.clear()
            self._lock.notify_all()

    def read(self, max_bytes: int) -> bytes:
        """Up to ``max_bytes`` of PCM (whole sample frames), oldest first."""
        with self._lock:
            size = min(max_bytes, len(self._pcm)) // BYTES_PER_FRAME * BYTES_PER_FRAME
            chunk = bytes(self._pcm[:size])
            del self._pcm[:size]
            self._lock.notify_all()
        return chunk

    @property
    def ended(self) -> bool:
        """The sound has been decoded to its end and all of it read."""
        with self._lock:
            return self._ended and not self._pcm

    def shutdown(self, timeout_s: float = 5.0) -> bool:
        with self._lock:
            self._quit = True
            self._job = None
            self._lock.notify_all()
        self._thread.join(timeout_s)
        return not self._thread.is_alive()

    # -- the thread -----------------------------------------------------------------------
    def _run(self) -> None:
        while True:
            with self._lock:
                while not self._quit and self._job is None:
                    self._lock.wait()
                if self._quit:
                    return
                job = self._job
            assert job is not None
            try:
                self._decode(job)
            except (av.error.FFmpegError, OSError, ValueError) as error:
                log.warning("%s: the sound cannot be decoded (%s)", job.path, error)
            with self._lock:
                if self._job is job:
                    self._job, self._ended = None, True

    def _current(self, job: _Job) -> bool:
        return self._job is job and not self._quit

    def _decode(self, job: _Job) -> None:
        with av.open(str(job.path)) as container:
            if not container.streams.audio:
                return
            stream = container.streams.audio[0]
            target_s = job.video_start_s + job.media_s - atempo_lead_s(job.speed)
            if stream.time_base is not None:
                offset = int(Fraction(target_s) / stream.time_base)
                container.seek(offset, stream=stream, backward=True, any_frame=False)
            stretch = _Stretch(job.speed, self.rate)
            for frame in _aligned(container.decode(stream), target_s, self.rate):
                for out in stretch.push(frame):
                    if not self._put(job, out):
                        return
            for out in stretch.push(None):
                if not self._put(job, out):
                    return

    def _put(self, job: _Job, frame: AudioFrame) -> bool:
        """Queue ``frame``'s PCM, waiting while enough is decoded; False if the job ended."""
        data = frame.to_ndarray().astype(np.int16, copy=False).tobytes()
        with self._lock:
            while self._current(job) and len(self._pcm) >= self._ahead_bytes:
                self._lock.wait(0.1)
            if not self._current(job):
                return False
            self._pcm += data
        return True


def _aligned(frames: Iterator[AudioFrame], target_s: float, rate: int) -> Iterator[AudioFrame]:
    """s16 stereo frames at ``rate`` whose first sample is the one at ``target_s``."""
    resampler = AudioResampler(format="s16", layout="stereo", rate=rate)
    started = False
    for decoded in frames:
        for frame in resampler.resample(decoded):
            if started:
                yield frame
                continue
            aligned = _trim_or_pad(frame, target_s, rate)
            if aligned is not None:
                started = True
                yield aligned


def _trim_or_pad(frame: AudioFrame, target_s: float, rate: int) -> AudioFrame | None:
    """The part of ``frame`` from ``target_s`` on (silence before it if it starts late);
    None if it ends before ``target_s``."""
    start_s = float(frame.time) if frame.time is not None else target_s
    skip = round((target_s - start_s) * rate)
    samples: npt.NDArray[np.int16] = frame.to_ndarray().astype(np.int16, copy=False).reshape(-1, CHANNELS)
    if skip >= len(samples):
        return None
    if skip >= 0:
        samples = samples[skip:]
    else:
        samples = np.concatenate([np.zeros((-skip, CHANNELS), np.int16), samples])
    out = AudioFrame.from_ndarray(np.ascontiguousarray(samples).reshape(1, -1), format="s16", layout="stereo")
    out.sample_rate = rate
    return out


class _Stretch:
    """``atempo`` through an FFmpeg filter graph; a pass-through at 1x."""

    def __init__(self, speed: float, rate: int) -> None:
        self._graph: Graph | None = None
        self._pts = 0
        if abs(speed - 1.0) < 1e-6:
            return
        graph = Graph()
        source = graph.add("abuffer", sample_rate=str(rate), sample_fmt="s16", channel_layout="stereo",
                           time_base=f"1/{rate}")  # fmt: skip
        nodes = [source, *(graph.add("atempo", str(f)) for f in atempo_chain(speed))]
        nodes.append(graph.add("aformat", "sample_fmts=s16:channel_layouts=stereo:sample_rates=" + str(rate)))
        nodes.append(graph.add("abuffersink"))
        graph.link_nodes(*nodes).configure()
        self._graph = graph

    def push(self, frame: AudioFrame | None) -> list[AudioFrame]:
        """Stretched frames ready after ``frame`` (None flushes the end)."""
        if self._graph is None:
            return [] if frame is None else [frame]
        if frame is not None:
            frame.pts, frame.time_base = self._pts, Fraction(1, frame.sample_rate)
            self._pts += frame.samples
        self._graph.push(frame)
        return list(_pulled(self._graph))


def _pulled(graph: Graph) -> Iterator[AudioFrame]:
    while True:
        try:
            frame = graph.pull()
        except (av.error.BlockingIOError, av.error.EOFError):
            return
        assert isinstance(frame, AudioFrame)
        yield frame

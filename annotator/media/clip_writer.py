"""One frame-exact H.264/AAC MP4 cut from an original video.

The pictures are decoded by our exact frame source (frames named through the frame table,
never by a decoder's counter) and sent to ffmpeg as raw frames in NUT, each with its own
presentation time (so a variable-rate video keeps its rhythm); ffmpeg encodes them
(``-fps_mode passthrough``: no frame added or dropped). The sound is read by ffmpeg from the
original at the first frame's time, for exactly the clip's duration. The ffmpeg graph is
built with ffmpeg-python. ``--burn-in`` draws the label and note (from a text file, so no
character is taken for markup) and a running timecode (ffmpeg counts frames from the first
frame's timecode, as our timecodes do).

The clip is written to ``<target>.part`` and renamed into place when ffmpeg has finished:
a cancelled or failed clip leaves nothing behind.
"""

from __future__ import annotations

import contextlib
import subprocess
import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import IO, Any

import av
import av.error
import ffmpeg
from av.video.frame import VideoFrame

from annotator.media._progress import Cancel
from annotator.media._tools import FFMPEG
from annotator.media.backends.pyav import PyAVFrameSource
from annotator.media.errors import Cancelled, MediaError
from annotator.media.stream_index import StreamIndex

FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
"""Debian's fonts-dejavu-core (installed by scripts/setup); drawtext needs a font file."""

PIXEL_FORMATS = frozenset({"yuv420p", "yuvj420p", "yuv422p", "yuv444p", "nv12", "gray"})
"""Formats sent to ffmpeg as decoded; any other is converted to yuv420p first."""


@dataclass(frozen=True)
class BurnIn:
    """What ``--burn-in`` draws: ``text`` (label and note) and a timecode that starts at
    ``timecode`` and counts at ``rate`` (``;`` in it marks drop-frame)."""

    text: str
    timecode: str
    rate: Fraction


@dataclass(frozen=True)
class ClipResult:
    path: Path
    frames: int
    repeated: int
    """Frames the decoder never showed, given as the frame before (0 on a sound file)."""


def write_clip(
    source: Path,
    index: StreamIndex,
    first: int,
    stop: int,
    target: Path,
    *,
    audio: bool,
    burn_in: BurnIn | None = None,
    done: Callable[[int], None] | None = None,
    cancel: Cancel | None = None,
) -> ClipResult:
    """Write frames ``first .. stop - 1`` of ``source`` (and its sound if ``audio``) to
    ``target``; ``done(n)`` after each frame sent, ``cancel`` polled between frames
    (raising ``Cancelled``). Refuses to replace an existing ``target``."""
    times = index.frame_times
    if not 0 <= first < stop <= times.frame_count:
        raise MediaError(source, f"frames {first}..{stop} are outside 0..{times.frame_count}")
    if target.exists():
        raise MediaError(target, "exists already; a clip never replaces a file")
    part = target.with_name(target.name + ".part")
    with tempfile.TemporaryDirectory(prefix="annotator-clip-") as work:
        text_file = Path(work) / "burn-in.txt"
        if burn_in is not None:
            text_file.write_text(burn_in.text, encoding="utf-8")
        start_s = _container_seconds(source, times.pts[first] * times.time_base)
        duration_s = times.seconds(stop) - times.seconds(first)
        command = _command(source, part, start_s, duration_s, audio, burn_in, text_file)
        process = subprocess.Popen(command, stdin=subprocess.PIPE, stderr=subprocess.PIPE)
        errors = _Collected(process.stderr)
        try:
            assert process.stdin is not None
            repeated = _send(source, index, first, stop, process.stdin, done, cancel)
            process.stdin.close()
            process.wait()
        except (BrokenPipeError, av.error.FFmpegError) as broken:
            _stop(process)  # ffmpeg stopped reading: what it said is the reason
            part.unlink(missing_ok=True)
            raise MediaError(source, f"ffmpeg could not write the clip ({errors.last_line()})") from broken
        except BaseException:
            _stop(process)
            part.unlink(missing_ok=True)
            raise
        if process.returncode != 0:
            part.unlink(missing_ok=True)
            raise MediaError(source, f"ffmpeg could not write the clip ({errors.last_line()})")
    if target.exists():
        part.unlink(missing_ok=True)
        raise MediaError(target, "appeared while the clip was made; it was left as it is")
    part.replace(target)
    return ClipResult(target, stop - first, repeated)


def _container_seconds(source: Path, presented_s: Fraction) -> Fraction:
    """ffmpeg's ``-ss`` counts from the container's start time: the frame's time from there."""
    with av.open(str(source)) as container:
        start = Fraction(container.start_time or 0, 1_000_000)
    return max(Fraction(0), presented_s - start)


def _command(
    source: Path,
    part: Path,
    start_s: Fraction,
    duration_s: Fraction,
    audio: bool,
    burn_in: BurnIn | None,
    text_file: Path,
) -> list[str]:
    pictures = ffmpeg.input("pipe:", format="nut").video
    # H.264 in 4:2:0 needs even sizes: pad odd ones with a black row or column (no scaling,
    # so every pixel of the original stays where it was).
    pictures = pictures.filter("pad", "ceil(iw/2)*2", "ceil(ih/2)*2")
    if burn_in is not None:
        pictures = _draw(pictures, burn_in, text_file)
    streams = [pictures]
    if audio:
        sound = ffmpeg.input(str(source), ss=f"{float(start_s):.6f}", t=f"{float(duration_s):.6f}").audio
        streams.append(sound.filter("aresample", **{"async": 1, "first_pts": 0}))
    output = ffmpeg.output(
        *streams,
        str(part),
        format="mp4",
        vcodec="libx264",
        pix_fmt="yuv420p",
        preset="veryfast",
        crf=18,
        movflags="+faststart",
        fps_mode="passthrough",
        enc_time_base="-1",  # the encoder keeps the source's time base: every time exact
        **({"acodec": "aac", "b:a": "192k"} if audio else {"an": None}),
    )
    return [FFMPEG, "-hide_banner", "-nostats", "-loglevel", "error", *output.get_args()]


def _draw(pictures: Any, burn_in: BurnIn, text_file: Path) -> Any:
    size = "max(12,h/22)"
    common = {
        "fontfile": str(FONT),
        "fontsize": size,
        "fontcolor": "white",
        "box": 1,
        "boxcolor": "black@0.6",
        "boxborderw": 4,
    }
    pictures = pictures.drawtext(textfile=str(text_file), expansion="none", x="8", y="h-text_h-8", **common)
    rate = burn_in.rate
    return pictures.drawtext(
        timecode=burn_in.timecode,
        timecode_rate=f"{rate.numerator}/{rate.denominator}",
        x="w-text_w-8",
        y="h-text_h-8",
        **common,
    )


def _send(
    source: Path,
    index: StreamIndex,
    first: int,
    stop: int,
    pipe: IO[bytes],
    done: Callable[[int], None] | None,
    cancel: Cancel | None,
) -> int:
    """Decode the run and mux it to ``pipe`` as raw frames in NUT; the frames repeated."""
    times = index.frame_times
    with PyAVFrameSource(source, index, cache_bytes=0, thread_type="AUTO") as frames:
        out = av.open(pipe, mode="w", format="nut")
        try:
            stream: Any = None
            for number, frame in frames.decoded_run(first, stop):
                if cancel is not None and cancel():
                    raise Cancelled(f"{source}: clip cancelled")
                if stream is None:
                    stream = _raw_stream(out, frame, times.time_base, times.average_fps())
                picture = _as(frame, stream.pix_fmt)
                picture.pts = times.pts[number] - times.pts[first]
                picture.time_base = times.time_base
                for packet in stream.encode(picture):
                    out.mux(packet)
                if done is not None:
                    done(number)
            for packet in stream.encode(None):
                out.mux(packet)
        finally:
            out.close()
        return int(frames.frames_repeated)


def _raw_stream(out: Any, frame: VideoFrame, time_base: Fraction, rate: Fraction) -> Any:
    stream = out.add_stream("rawvideo", rate=rate)
    stream.width, stream.height = frame.width, frame.height
    name = frame.format.name
    stream.pix_fmt = name if name in PIXEL_FORMATS else "yuv420p"
    stream.time_base = time_base
    stream.codec_context.time_base = time_base
    return stream


def _as(frame: VideoFrame, pixel_format: str) -> VideoFrame:
    return frame if frame.format.name == pixel_format else frame.reformat(format=pixel_format)


class _Collected:
    """ffmpeg's stderr, read on a thread of its own (a full pipe would stall ffmpeg)."""

    def __init__(self, stream: IO[bytes] | None) -> None:
        self._chunks: list[bytes] = []
        self._thread = threading.Thread(target=self._read, args=(stream,), name="ffmpeg-stderr", daemon=True)
        self._thread.start()

    def _read(self, stream: IO[bytes] | None) -> None:
        if stream is not None:
            self._chunks.extend(stream)

    def last_line(self) -> str:
        self._thread.join(timeout=10)
        lines = [
            line for line in b"".join(self._chunks).decode(errors="replace").splitlines() if line.strip()
        ]
        return lines[-1] if lines else "failed"


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.stdin is not None:
        with contextlib.suppress(OSError):
            process.stdin.close()
    if process.poll() is None:
        process.kill()
    process.wait()

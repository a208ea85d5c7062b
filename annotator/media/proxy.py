"""The proxy: a light copy for instant seeking, with the original's frames and times.

960 px wide (never upscaled), H.264 with a keyframe at least every 10 frames and no
B-frames (so any frame decodes from at most 9 others), the same frame count and
timestamps as the original (``-copyts`` and passthrough timing: nothing duplicated or
dropped, the start offset kept; see ``proxy_time_shift`` for an original that starts
before 0), AAC audio when the original has sound (copied as is when
it already is AAC). It is written under a temporary name and only renamed into place once
its frame table matches.

Speed (``docs/performance.md``): x264 ``ultrafast`` with 2 threads, a ``fast_bilinear``
scale, and copying AAC audio instead of re-encoding it took the build from 15.2 to about
11 CPU seconds per minute of 1080p25.
"""

from __future__ import annotations

import itertools
import math
from fractions import Fraction
from pathlib import Path

from annotator.domain.video_info import VideoInfo
from annotator.media._progress import Cancel, Progress, run_with_progress
from annotator.media._tools import ffmpeg_command, ffprobe_json
from annotator.media.errors import MediaError
from annotator.media.frame_table import read_stream_index

PROXY_WIDTH = 960
PROXY_GOP = 10


def proxy_size(info: VideoInfo, width: int = PROXY_WIDTH) -> tuple[int, int]:
    """Width and height of the proxy: ``width`` wide (or the original's, if narrower),
    aspect kept, both even."""
    target = min(width, info.width - info.width % 2)
    height = max(2, round(info.height * target / info.width / 2) * 2)
    return target, height


def _timescale(info: VideoInfo) -> int:
    """An MP4 track timescale that holds every original timestamp exactly."""
    denominator = info.times().time_base.denominator
    return denominator * math.ceil(10_000 / denominator) if denominator < 10_000 else denominator


def proxy_time_shift(info: VideoInfo) -> Fraction:
    """Seconds added to every timestamp of the proxy: none, unless the original starts
    before 0 (an MPEG-TS whose clock passes 2^33 just after it starts counts the frames
    before the wrap below 0), which MP4 cannot hold (ffmpeg drops those frames). Then whole
    seconds that bring it, and sound starting up to a second before it, above 0."""
    start = info.times().start_s
    return Fraction(0) if start >= 0 else Fraction(math.ceil(-start) + 1)


def audio_codec(source: Path) -> str | None:
    """The codec name of the first audio stream of ``source`` (None if it has none)."""
    streams = ffprobe_json(source, "-select_streams", "a:0", "-show_entries", "stream=codec_name").get(
        "streams"
    )
    return str(streams[0].get("codec_name")) if streams else None


def proxy_command(source: Path, info: VideoInfo, output: Path, *, copy_audio: bool = False) -> list[str]:
    """The ffmpeg command line that writes the proxy of ``source`` to ``output``;
    ``copy_audio`` copies the audio (only for AAC, which MP4 carries) instead of encoding it."""
    width, height = proxy_size(info)
    video = [
        "-map", "0:v:0", "-vf", f"scale={width}:{height}:flags=fast_bilinear", "-c:v", "libx264",
        "-preset", "ultrafast", "-tune", "fastdecode", "-threads", "2",
        "-g", str(PROXY_GOP), "-keyint_min", "1", "-sc_threshold", "0", "-bf", "0",
        "-pix_fmt", "yuv420p", "-fps_mode", "passthrough", "-enc_time_base:v", "-1",
        "-video_track_timescale", str(_timescale(info)),
    ]  # fmt: skip
    encode = ["-c:a", "copy"] if copy_audio else ["-c:a", "aac", "-b:a", "128k"]
    audio = ["-map", "0:a:0", *encode] if info.has_audio else ["-an"]
    shift = proxy_time_shift(info)
    offset = ["-itsoffset", str(shift)] if shift else []
    return ffmpeg_command(
        "-y", "-copyts", *offset, "-i", str(source), *video, *audio, "-sn", "-dn", "-map_metadata", "-1",
        "-movflags", "+faststart", "-f", "mp4", "-progress", "pipe:1", "-nostats", str(output),
    )  # fmt: skip


def build_proxy(
    source: Path,
    info: VideoInfo,
    target: Path,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> Path:
    """Write the proxy of ``source`` to ``target`` and return ``target``.

    Safe to run in a worker thread. Raises ``MediaError`` if ffmpeg fails or the result
    does not match ``info`` frame for frame, ``Cancelled`` if ``cancel()`` turned true;
    either way nothing is left at ``target``.
    """
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(f".{target.stem}.partial.mp4")
    try:
        copy_audio = info.has_audio and audio_codec(Path(source)) == "aac"
        command = proxy_command(Path(source), info, temporary, copy_audio=copy_audio)
        run_with_progress(command, Path(source), float(info.duration_s), progress, cancel)
        if not verify_proxy(temporary, info):
            raise MediaError(source, "the proxy does not match the original frame for frame")
        temporary.replace(target)
    finally:
        temporary.unlink(missing_ok=True)
    return target


def verify_proxy(proxy: Path, info: VideoInfo) -> bool:
    """True if ``proxy`` has the original's frame count, every frame within half a frame
    of the original's time (start offset included, plus ``proxy_time_shift``), and a
    keyframe every <= 10 frames."""
    try:
        index = read_stream_index(Path(proxy))
    except MediaError:
        return False
    ours, theirs = index.frame_times, info.times()
    if ours.frame_count != theirs.frame_count:
        return False
    edges = (*theirs.pts, theirs.end_pts)
    half_frame = min(b - a for a, b in itertools.pairwise(edges)) * theirs.time_base / 2
    shift = proxy_time_shift(info)
    if any(
        abs(a * ours.time_base - b * theirs.time_base - shift) >= half_frame
        for a, b in zip(ours.pts, theirs.pts, strict=True)
    ):
        return False
    keyframes = (*index.keyframes, ours.frame_count)
    return index.keyframes[0] == 0 and all(b - a <= PROXY_GOP for a, b in itertools.pairwise(keyframes))

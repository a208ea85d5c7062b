"""A video's sound as a stream of mono PCM blocks, for analysis, never the whole track.

ffmpeg (through ``ffmpeg-python``, which builds the command) decodes the first audio
stream to 16-bit mono at ``rate``; blocks of ``block_samples`` are read from its pipe as
they come. ``audio_offset_s`` says where sample 0 lies on the video's clock (seconds from
its first frame), so analysis can name frames through the frame table.
"""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from fractions import Fraction
from pathlib import Path

import ffmpeg
import numpy as np
import numpy.typing as npt

from annotator.media._progress import Cancel, reap
from annotator.media._tools import ffprobe_json
from annotator.media.errors import Cancelled, MediaError

Block = npt.NDArray[np.int16]


def audio_offset_s(path: Path, video_start_s: Fraction) -> float:
    """Seconds from the video's first frame to the first audio sample (0 without sound)."""
    document = ffprobe_json(path, "-select_streams", "a:0", "-show_entries", "stream=start_time")
    streams = document.get("streams") or []
    if not streams:
        return 0.0
    try:
        start = Fraction(str(streams[0].get("start_time")))
    except (ValueError, ZeroDivisionError):
        return 0.0
    return float(start - video_start_s)


def read_pcm(
    path: Path, rate: int = 16_000, block_samples: int = 16_000, cancel: Cancel | None = None
) -> Iterator[Block]:
    """Blocks of mono 16-bit samples at ``rate`` (the last may be short); nothing if the
    file has no sound. ``cancel`` is polled between blocks (raising ``Cancelled``)."""
    command = (
        ffmpeg.input(str(path))
        .output("pipe:", format="s16le", acodec="pcm_s16le", ac=1, ar=rate, map="0:a:0?", vn=None)
        .global_args("-nostdin", "-v", "error")
        .compile()
    )
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdout is not None
    try:
        while data := process.stdout.read(block_samples * 2):
            if cancel is not None and cancel():
                raise Cancelled(f"{path}: cancelled")
            yield np.frombuffer(data[: len(data) // 2 * 2], np.int16)
        errors = process.stderr.read().decode(errors="replace") if process.stderr else ""
        process.wait()
    finally:
        reap(process)
    if process.returncode != 0:
        lines = [line for line in errors.splitlines() if line.strip()]
        raise MediaError(path, f"the sound cannot be decoded ({lines[-1] if lines else process.returncode})")

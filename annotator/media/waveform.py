"""Waveform peaks: the min and max of the mono sound in every 10 ms, for the timeline."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from annotator.media._progress import Cancel, Progress, reap
from annotator.media._tools import ffmpeg_command, ffprobe_json
from annotator.media.errors import Cancelled, MediaError
from annotator.media.fingerprint import fingerprint

if TYPE_CHECKING:
    from annotator.media.cache import MediaCache

Peaks = npt.NDArray[np.float32]
SAMPLE_RATE = 16_000
BIN_MS = 10
_CHUNK_BINS = 4096


def _audio_duration_s(path: Path) -> float | None:
    """Seconds of the first audio stream, or None when there is no audio."""
    document = ffprobe_json(
        path, "-select_streams", "a:0", "-show_entries", "stream=duration:format=duration"
    )
    if not document.get("streams"):
        return None
    for section in (document["streams"][0], document.get("format") or {}):
        try:
            return float(section["duration"])
        except (KeyError, TypeError, ValueError):
            continue
    return 0.0


def _bin_peaks(samples: npt.NDArray[np.int16], per_bin: int) -> Peaks:
    """(N, 2) min/max per bin of ``per_bin`` samples (the last bin may be shorter), in [-1, 1]."""
    full = len(samples) - len(samples) % per_bin
    rows = [samples[:full].reshape(-1, per_bin)] if full else []
    peaks = [np.stack([row.min(axis=1), row.max(axis=1)], axis=1) for row in rows]
    if full < len(samples):
        tail = samples[full:]
        peaks.append(np.array([[tail.min(), tail.max()]], dtype=np.int16))
    if not peaks:
        return np.zeros((0, 2), dtype=np.float32)
    return np.concatenate(peaks).astype(np.float32) / np.float32(32768.0)


def _decode_peaks(
    path: Path, total_s: float, per_bin: int, progress: Progress | None, cancel: Cancel | None
) -> Peaks:
    rate = per_bin * 1000 // BIN_MS
    command = ffmpeg_command(
        "-i", str(path), "-map", "0:a:0", "-vn", "-ac", "1", "-ar", str(rate), "-f", "s16le", "pipe:1"
    )
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdout is not None
    chunks: list[Peaks] = []
    done = 0
    try:
        while block := process.stdout.read(per_bin * _CHUNK_BINS * 2):
            if cancel is not None and cancel():
                raise Cancelled(f"{path}: cancelled")
            samples = np.frombuffer(block[: len(block) - len(block) % 2], dtype=np.int16)
            chunks.append(_bin_peaks(samples, per_bin))
            done += len(samples)
            if progress is not None and total_s > 0:
                progress(min(done / rate / total_s, 1.0))
        _, errors = process.communicate()
    finally:
        reap(process)
    if process.returncode != 0:
        raise MediaError(
            path, f"the sound cannot be decoded ({errors.decode(errors='replace').strip()[-200:]})"
        )
    return np.concatenate(chunks) if chunks else np.zeros((0, 2), dtype=np.float32)


def waveform_peaks(
    path: Path,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
    cache: MediaCache | None = None,
) -> Peaks:
    """Min/max peaks (float32, shape (N, 2), values in [-1, 1]) of each 10 ms of sound.

    Row i covers ``[i * 10 ms, (i + 1) * 10 ms)`` of the first audio stream, mixed to
    mono. A video without sound gives an empty (0, 2) array. Cached per fingerprint when
    a ``cache`` is given.
    """
    path = Path(path)
    key = fingerprint(path) if cache is not None else ""
    if cache is not None and (stored := cache.load_array(key, "peaks")) is not None:
        return stored.astype(np.float32, copy=False)
    total_s = _audio_duration_s(path)
    if total_s is None:
        peaks = np.zeros((0, 2), dtype=np.float32)
    else:
        peaks = _decode_peaks(path, total_s, SAMPLE_RATE * BIN_MS // 1000, progress, cancel)
    if progress is not None:
        progress(1.0)
    if cache is not None:
        cache.store_array(key, "peaks", peaks)
    return peaks

"""Runs the analyses on a video (its proxy where there is one) and caches what they find.

The frames come from one scan of the exact frame source, the sound from one streamed
decode (``media``); ``analysis`` turns them into shot boundaries, frame signatures, sound
cells and sound events. In a project the result is cached per video fingerprint
(``analysis-v<N>.npz`` in the media cache), so the window, ``propose`` and "more like this"
read it back at once. Progress: the picture pass is ~80 % of the time.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from annotator.analysis.picture_features import SIGNATURE_SIZE
from annotator.analysis.results import ShotBoundary, ShotKind, SoundEvent, SoundKind
from annotator.analysis.shots import SCAN_SIZE, detect_shots
from annotator.analysis.sounds import SoundCells, find_events, measure
from annotator.domain.video_info import VideoInfo
from annotator.media.audio_pcm import audio_offset_s, read_pcm
from annotator.media.cache import MediaCache
from annotator.media.frame_source import scan_frames
from annotator.media.stream_index import StreamIndex

ANALYSIS_VERSION = 1
Progress = Callable[[float], None]
Cancel = Callable[[], bool]


@dataclass(frozen=True)
class VideoAnalysis:
    shots: list[ShotBoundary]
    signatures: npt.NDArray[np.float32]
    cells: SoundCells | None
    sounds: list[SoundEvent]


def analyze_file(
    path: Path,
    info: VideoInfo,
    cache: MediaCache | None = None,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
    *,
    pictures: bool = True,
    sound: bool = True,
    index: StreamIndex | None = None,
) -> VideoAnalysis:
    """Shots and sounds of ``path``, whose frames ``info`` describes (a proxy has the same);
    ``pictures`` or ``sound`` False leaves that part out (empty). ``index``: ``path``'s
    stream index if the caller probed it (else it is probed, through ``cache``)."""
    report = progress or (lambda _fraction: None)
    boundaries: list[ShotBoundary] = []
    signatures = np.zeros((0, SIGNATURE_SIZE), np.float32)
    if pictures:
        width, height = SCAN_SIZE
        frames = scan_frames(path, cache, width=width, height=height, index=index)
        share = 0.8 if sound and info.has_audio else 1.0
        shots = detect_shots(frames, info.times(), progress=lambda f: report(share * f), cancel=cancel)
        boundaries, signatures = shots.boundaries, shots.signatures
    cells: SoundCells | None = None
    events: list[SoundEvent] = []
    if sound and info.has_audio:
        offset = audio_offset_s(path, info.times().start_s)
        cells = measure(read_pcm(path, cancel=cancel), offset, cancel)
        events = find_events(cells, info.times())
    report(1.0)
    return VideoAnalysis(boundaries, signatures, cells, events)


def cached_analysis(cache: MediaCache, fingerprint: str) -> VideoAnalysis | None:
    """The cached analysis of a video, or None if it has not been analysed (by this version)."""
    try:
        with np.load(_cache_file(cache, fingerprint), allow_pickle=False) as stored:
            return _from_arrays(dict(stored))
    except (OSError, ValueError, KeyError):
        return None


def analyze_cached(
    cache: MediaCache,
    fingerprint: str,
    path: Path,
    info: VideoInfo,
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> VideoAnalysis:
    """The cached analysis, or a new one (then cached; a cancelled run caches nothing)."""
    found = cached_analysis(cache, fingerprint)
    if found is None:
        found = analyze_file(path, info, cache, progress, cancel)
        target = _cache_file(cache, fingerprint)
        temporary = target.with_name(f".{target.stem}.{os.getpid()}.npz")
        np.savez_compressed(temporary, **_to_arrays(found))
        temporary.replace(target)
    return found


def _cache_file(cache: MediaCache, fingerprint: str) -> Path:
    return cache.folder(fingerprint) / f"analysis-v{ANALYSIS_VERSION}.npz"


def _to_arrays(analysis: VideoAnalysis) -> dict[str, Any]:
    gradual = ShotKind.GRADUAL
    shots = [[b.frame, b.start_frame, b.end_frame, b.score, b.kind == gradual] for b in analysis.shots]
    sounds = [[e.start_frame, e.end_frame, e.score, list(SoundKind).index(e.kind)] for e in analysis.sounds]
    arrays: dict[str, Any] = {
        "shots": np.array(shots, np.float64).reshape(-1, 5),
        "sounds": np.array(sounds, np.float64).reshape(-1, 4),
        "signatures": analysis.signatures,
        "meta": np.array(json.dumps({"has_cells": analysis.cells is not None})),
    }
    if analysis.cells is not None:
        cells = analysis.cells
        arrays |= {"offset_s": np.array(cells.offset_s), "loudness_db": cells.loudness_db,
                   "speech": cells.speech, "flatness": cells.flatness, "log_mel": cells.log_mel}  # fmt: skip
    return arrays


def _from_arrays(stored: dict[str, Any]) -> VideoAnalysis:
    kinds = list(SoundKind)
    shots = [
        ShotBoundary(int(f), ShotKind.GRADUAL if g else ShotKind.HARD, int(s), int(e), float(score))
        for f, s, e, score, g in stored["shots"]
    ]
    sounds = [SoundEvent(int(s), int(e), kinds[int(k)], float(score)) for s, e, score, k in stored["sounds"]]
    cells = None
    if json.loads(str(stored["meta"]))["has_cells"]:
        offset = float(stored["offset_s"])
        cells = SoundCells(
            offset, stored["loudness_db"], stored["speech"], stored["flatness"], stored["log_mel"]
        )
    return VideoAnalysis(shots, stored["signatures"], cells, sounds)

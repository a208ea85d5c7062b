"""Sound events and the loudness curve, from a video's sound streamed in blocks.

The sound (mono, 16 kHz) is cut into 20 ms frames; five make a 100 ms cell. Per frame:
speech or not (WebRTC's voice activity detector, ``webrtcvad-wheels``, in its strictest
mode), spectral flatness and loudness (RMS in dBFS). Per cell: loudness, the share of
speech frames, the median flatness, and 32 log-mel energies that "more like this"
compares. Only the cells are kept (about 5 MB for an hour), never the sound.

Events, in frames of the video through its frame table:
- ``speech``: cells where the detector hears speech in 3 of 5 frames, and which are not
  noise (the detector alone takes hiss and white noise for speech: their spectrum is flat,
  flatness >= 0.3, where voiced speech's is peaky) and are 6 dB over the local floor (the
  quietest tenth of the surrounding 10 s), in runs of at least two cells; with 300 ms of
  hangover; score = the share of speech frames.
- ``silence``: at least 1 s under -50 dBFS; score = dB under that.
- ``loud``: loud non-speech: at least 0.3 s at 10 dB or more over the median of the
  surrounding 10 s, with little speech in it; score = dB over the median. These are
  candidates for laughter, applause or shouting; no model here tells which (no wheel ships a
  laughter model that runs offline on any machine).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import webrtcvad

from annotator.analysis.mel import MEL_BANDS, MelBank
from annotator.analysis.results import AnalysisCancelled, SoundEvent, SoundKind
from annotator.domain.frame_times import FrameTimes

RATE = 16_000
FRAME = 320  # 20 ms
FRAMES_PER_CELL = 5
CELL_S = FRAME * FRAMES_PER_CELL / RATE
SILENCE_DB = -50.0
LOUD_OVER_DB = 10.0
Floats = npt.NDArray[np.float32]


@dataclass(frozen=True)
class SoundCells:
    """Per 100 ms cell, from ``offset_s`` (the first sample, in seconds of the video)."""

    offset_s: float
    loudness_db: Floats
    speech: Floats  # share of 20 ms frames the voice detector takes for speech
    flatness: Floats  # median spectral flatness of the cell's frames
    log_mel: Floats  # (cells, MEL_BANDS)

    def time_s(self, cell: int) -> float:
        return self.offset_s + cell * CELL_S


def _frames(blocks: Iterable[npt.NDArray[np.int16]]) -> Iterator[npt.NDArray[np.int16]]:
    """Whole 20 ms frames, five at a time (one cell), from blocks of any length."""
    carry = np.zeros(0, np.int16)
    cell = FRAME * FRAMES_PER_CELL
    for block in blocks:
        data = np.concatenate([carry, block])
        whole = len(data) // cell * cell
        yield from data[:whole].reshape(-1, FRAMES_PER_CELL, FRAME)
        carry = data[whole:]


def measure(
    blocks: Iterable[npt.NDArray[np.int16]], offset_s: float, cancel: Callable[[], bool] | None = None
) -> SoundCells:
    """Loudness, speech and log-mel energies per cell of the sound in ``blocks``."""
    vad = webrtcvad.Vad(3)
    mel = MelBank(RATE, FRAME)
    loudness: list[float] = []
    speech: list[float] = []
    flatness: list[float] = []
    energies: list[Floats] = []
    for count, cell in enumerate(_frames(blocks)):
        if cancel is not None and count % 600 == 0 and cancel():
            raise AnalysisCancelled
        samples = (cell / 32768).astype(np.float32)
        rms = float(np.sqrt(np.mean(samples**2)))
        loudness.append(20 * np.log10(max(rms, 1e-6)))
        speech.append(sum(vad.is_speech(frame.tobytes(), RATE) for frame in cell) / FRAMES_PER_CELL)
        mel_energies, flat = mel.analyse(samples)
        energies.append(mel_energies.mean(axis=0))
        flatness.append(float(np.median(flat)))
    log_mel = np.array(energies, np.float32).reshape(-1, MEL_BANDS)
    return SoundCells(
        offset_s,
        np.array(loudness, np.float32),
        np.array(speech, np.float32),
        np.array(flatness, np.float32),
        log_mel,
    )


def find_events(cells: SoundCells, times: FrameTimes) -> list[SoundEvent]:
    """Speech, silence and loud non-speech stretches, named in frames of the video."""
    talk = is_speech(cells)
    loud, over = _loud(cells, talk)
    quiet = cells.loudness_db < SILENCE_DB
    events = [
        *_stretches(cells, times, _hangover(talk), SoundKind.SPEECH, 0.3, cells.speech),
        *_stretches(cells, times, quiet, SoundKind.SILENCE, 1.0, SILENCE_DB - cells.loudness_db),
        *_stretches(cells, times, loud, SoundKind.LOUD, 0.3, over),
    ]
    return sorted(events, key=lambda event: (event.start_frame, event.kind))


def _around(values: Floats, percentile: float, seconds: float = 10.0) -> Floats:
    """Each cell's ``percentile`` of the values in the surrounding ``seconds``."""
    window = round(seconds / CELL_S)
    padded = np.pad(values, window // 2, mode="edge")
    strides = np.lib.stride_tricks.sliding_window_view(padded, window + 1)[: len(values)]
    return np.percentile(strides, percentile, axis=1).astype(np.float32)


def is_speech(cells: SoundCells) -> npt.NDArray[np.bool_]:
    """Cells with speech (see the module docstring)."""
    floor = _around(cells.loudness_db, 10)
    audible = cells.loudness_db >= np.maximum(SILENCE_DB, floor + 6)
    candidates = (cells.speech >= 0.6) & (cells.flatness < 0.3) & audible
    alone = candidates & ~np.roll(candidates, 1) & ~np.roll(candidates, -1)
    return candidates & ~alone  # a single 100 ms cell is a blip, not speech


def _hangover(speech: npt.NDArray[np.bool_]) -> npt.NDArray[np.bool_]:
    """Each speech cell extended by 300 ms (the pauses between words)."""
    extended = speech.copy()
    for shift in range(1, 4):
        extended[shift:] |= speech[: len(speech) - shift]
    return extended


def _loud(cells: SoundCells, speech: npt.NDArray[np.bool_]) -> tuple[npt.NDArray[np.bool_], Floats]:
    """Cells 10 dB over the median of the surrounding 10 s that are not speech."""
    over = cells.loudness_db - _around(cells.loudness_db, 50)
    mask = (over >= LOUD_OVER_DB) & ~speech & (cells.loudness_db > SILENCE_DB)
    return mask, over


def _stretches(
    cells: SoundCells,
    times: FrameTimes,
    mask: npt.NDArray[np.bool_],
    kind: SoundKind,
    min_s: float,
    scores: Floats | float = 0.0,
) -> list[SoundEvent]:
    """Runs of ``mask`` at least ``min_s`` long, as events in frames."""
    edges = np.flatnonzero(np.diff(np.concatenate([[0], mask.astype(np.int8), [0]])))
    events = []
    for first, end in zip(edges[::2], edges[1::2], strict=True):
        if (end - first) * CELL_S < min_s - 1e-9:
            continue
        start_frame = times.frame_at(max(0.0, cells.time_s(int(first))))
        end_frame = max(start_frame + 1, times.frame_at(max(0.0, cells.time_s(int(end)) - 1e-6)) + 1)
        score = float(np.mean(scores[first:end])) if isinstance(scores, np.ndarray) else float(scores)
        events.append(SoundEvent(start_frame, min(end_frame, times.frame_count), kind, round(score, 2)))
    return events

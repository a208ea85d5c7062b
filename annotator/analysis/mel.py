"""Log-mel energies with numpy: what "more like this" compares sounds by.

A triangular mel filter bank (32 bands, 60 Hz to 7.6 kHz) over the power spectrum of each
20 ms frame (Hann window, 512-point FFT), as speech and sound-event features usually are.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

MEL_BANDS = 32
FFT_SIZE = 512
Floats = npt.NDArray[np.float32]


def _mel(hz: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    return 2595 * np.log10(1 + hz / 700)


def _hz(mel: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    return 700 * (10 ** (mel / 2595) - 1)


class MelBank:
    """``analyse(frames)``: frames of ``frame_samples`` -> log-mel energies and flatness."""

    def __init__(self, rate: int, frame_samples: int, low_hz: float = 60.0, high_hz: float = 7600.0) -> None:
        self._window = np.hanning(frame_samples).astype(np.float32)
        edges = _hz(np.linspace(_mel(np.array(low_hz)), _mel(np.array(high_hz)), MEL_BANDS + 2))
        bins = np.fft.rfftfreq(FFT_SIZE, 1 / rate)
        bank = np.zeros((MEL_BANDS, len(bins)), np.float32)
        for band in range(MEL_BANDS):
            left, centre, right = edges[band : band + 3]
            rising = (bins - left) / (centre - left)
            falling = (right - bins) / (right - centre)
            bank[band] = np.clip(np.minimum(rising, falling), 0, None)
        self._bank = bank
        self._band = (bins >= low_hz) & (bins <= high_hz)

    def analyse(self, frames: Floats) -> tuple[Floats, Floats]:
        """Per frame: the log-mel energies, and the spectral flatness (geometric over
        arithmetic mean of the power spectrum, 60 Hz to 7.6 kHz: near 0 for voiced speech,
        about 0.5 for white noise)."""
        spectrum = (np.abs(np.fft.rfft(frames * self._window, FFT_SIZE)) ** 2).astype(np.float32)
        energies: Floats = np.log(spectrum @ self._bank.T + 1e-8).astype(np.float32)
        band = spectrum[:, self._band] + 1e-10
        flatness: Floats = (np.exp(np.log(band).mean(axis=1)) / band.mean(axis=1)).astype(np.float32)
        return energies, flatness

"""Small numbers that describe a picture: for comparing frames, and for "more like this".

- ``Tiny``: the frame at 64x36, in BGR and HSV (floats). Two frames are compared by the
  mean absolute difference of their BGR channels (``distance``, 0..255; a hard cut between
  two unlike pictures is typically 30-90, noise in a still shot under 1). Not HSV, as
  PySceneDetect's content score is: on near-grey pixels hue and saturation jump for
  nothing (a dissolve into grey bars made HSV jump by 27, saturation-weighted hue by 10,
  where BGR changed by 3.5), and a blend (a dissolve) is linear in BGR.
- ``signature``: 22 numbers: a 12-bin hue histogram weighted by saturation, 4-bin
  saturation and value histograms, the share of edge pixels and the mean brightness.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np
import numpy.typing as npt

Bgr = npt.NDArray[np.uint8]
Hsv = npt.NDArray[np.float32]
Signature = npt.NDArray[np.float32]

TINY = (64, 36)
SIGNATURE_SIZE = 22


@dataclass(frozen=True, slots=True)
class Tiny:
    """A frame at 64x36: HSV (OpenCV's ranges: hue 0..179, the others 0..255) and BGR."""

    hsv: Hsv
    bgr: Hsv


def tiny(bgr: Bgr) -> Tiny:
    small = cv2.resize(bgr, TINY, interpolation=cv2.INTER_AREA)
    return Tiny(cv2.cvtColor(small, cv2.COLOR_BGR2HSV).astype(np.float32), small.astype(np.float32))


def distance(a: Tiny, b: Tiny) -> float:
    """Mean absolute difference of the BGR channels."""
    return float(np.abs(a.bgr - b.bgr).mean())


def blend_distance(middle: Tiny, a: Tiny, b: Tiny) -> float:
    """How far ``middle`` is from the half-way blend of ``a`` and ``b`` (BGR, 0..255)."""
    return float(np.abs(middle.bgr - (a.bgr + b.bgr) / 2).mean())


def brightness(frame: Tiny) -> float:
    """Mean BGR level, 0..255."""
    return float(frame.bgr.mean())


def signature(frame: Tiny) -> Signature:
    """The colour and edge signature of one frame (see the module docstring), from its tiny
    version: the pass has made it already, and a 64x36 picture is enough to say what a
    stretch looks like."""
    hsv = frame.hsv.astype(np.uint8)
    hue, sat, val = hsv[..., 0].ravel(), hsv[..., 1].ravel(), hsv[..., 2].ravel()
    # bincount, not np.histogram: ten times faster, and these are fixed equal bins.
    hue_weights = np.bincount(hue // 15, weights=sat, minlength=12)[:12]
    hue_hist = hue_weights / max(float(hue_weights.sum()), 1.0)
    sat_hist = np.bincount(sat >> 6, minlength=4) / sat.size
    val_hist = np.bincount(val >> 6, minlength=4) / val.size
    edges = cv2.Canny(cv2.cvtColor(frame.bgr.astype(np.uint8), cv2.COLOR_BGR2GRAY), 80, 160)
    extra = [float(np.count_nonzero(edges)) / edges.size, float(val.mean()) / 255]
    return np.concatenate([hue_hist, sat_hist, val_hist, extra]).astype(np.float32)

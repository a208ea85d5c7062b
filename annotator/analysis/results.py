"""What the analyses find, as plain values named in frames of the video.

A transition or event is ``[start_frame, end_frame)`` like a segment. Scores are on a scale
of their own per kind (documented where they are computed); higher is more certain.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class AnalysisCancelled(Exception):
    """The caller's cancel callback said stop; nothing was kept."""


class ShotKind(StrEnum):
    HARD = "hard"
    GRADUAL = "gradual"


class SoundKind(StrEnum):
    SPEECH = "speech"
    LOUD = "loud"  # loud non-speech: a candidate for laughter or applause, not a classification
    SILENCE = "silence"


@dataclass(frozen=True, slots=True)
class ShotBoundary:
    """Where a new shot begins. ``frame`` is the new shot's first frame (a hard cut) or the
    middle of a gradual transition; ``[start_frame, end_frame)`` is the transition (a hard
    cut gives ``frame, frame + 1``)."""

    frame: int
    kind: ShotKind
    start_frame: int
    end_frame: int
    score: float


@dataclass(frozen=True, slots=True)
class SoundEvent:
    """A stretch of speech, of loud non-speech sound, or of silence."""

    start_frame: int
    end_frame: int
    kind: SoundKind
    score: float

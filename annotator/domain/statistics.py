"""Airtime statistics of coded segments, as computed by ``annotator.analysis.statistics``."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class GroupStats:
    name: str
    count: int
    total_s: float
    mean_s: float
    airtime_share: float  # 0..1


@dataclass(frozen=True)
class Statistics:
    by: str
    groups: list[GroupStats]
    cooccurrence_s: dict[tuple[str, str], float]  # label pair (sorted) -> seconds
    footage_s: float  # the seconds of every video in scope

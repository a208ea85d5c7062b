"""What a frame source needs to know about a video stream: frame times, keyframes, and how
its decoder names frames. Built by ``frame_table`` (from packets) and ``decoded_table``
(from the decoder's own output)."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass, replace
from fractions import Fraction
from itertools import pairwise
from pathlib import Path
from statistics import median
from typing import Any

from annotator.domain.frame_times import FrameTimes, FrameTimesError
from annotator.media.errors import MediaError

HEADER_ENTRIES = "stream=time_base,start_pts,field_order:format=format_name,duration"
"""The ffprobe ``-show_entries`` that ``StreamHeader.read`` needs."""

_FIELD_ORDERS = {"tt": "top field first", "tb": "top field first", "bb": "bottom field first",
                 "bt": "bottom field first"}  # fmt: skip
_UNSTAMPED_CONTAINERS = {"avi"}
"""Containers that store no presentation times: a demuxer's pts there is its own guess."""


@dataclass(frozen=True)
class StreamIndex:
    """Frame times plus what a seeking decoder needs: where the keyframes are.

    ``keyframes`` are frame indices (presentation order), sorted; ``stream_start_pts`` is
    the container's start time for the stream, from which decoders count their clocks.
    ``decode_timed``: the container stores no presentation times (AVI), so the table holds
    what decoders report instead, for each frame the decode time of the packet that
    completed it (FFmpeg's ``pkt_dts``); a frame source must name frames by that, since the
    pts a demuxer guesses there differs between FFmpeg versions. ``interlaced``: the frames
    are coded as two fields. ``notes``: what is odd about the stream, for people to read.
    """

    frame_times: FrameTimes
    keyframes: tuple[int, ...]
    stream_start_pts: int
    decode_timed: bool = False
    interlaced: bool = False
    notes: tuple[str, ...] = ()

    def keyframe_at_or_before(self, frame: int) -> int:
        """The last keyframe at or before ``frame`` (0 when there is none)."""
        position = bisect_right(self.keyframes, frame) - 1
        return self.keyframes[position] if position >= 0 else 0

    def without_leading(self, count: int, note: str) -> StreamIndex:
        """This index without its first ``count`` frames (which no decoder presents)."""
        times = self.frame_times
        if count >= times.frame_count:
            raise ValueError("cannot drop every frame")
        kept = FrameTimes(times.time_base, times.pts[count:], times.end_pts)
        keyframes = tuple(k - count for k in self.keyframes if k >= count) or (0,)
        return replace(self, frame_times=kept, keyframes=keyframes, notes=(*self.notes, note))


@dataclass(frozen=True)
class StreamHeader:
    """The facts about the first video stream and its container that the tables need."""

    time_base: Fraction
    start_pts: int | None
    field_order: str
    container: str
    has_duration: bool

    @classmethod
    def read(cls, path: Path, document: dict[str, Any]) -> StreamHeader:
        """From an ffprobe document with ``HEADER_ENTRIES``."""
        streams = document.get("streams") or []
        if not streams:
            raise MediaError(path, "no video stream")
        try:
            time_base = Fraction(str(streams[0]["time_base"]))
        except (KeyError, ValueError, ZeroDivisionError) as error:
            raise MediaError(path, "the video stream has no time base") from error
        if time_base <= 0:
            raise MediaError(path, "the video stream has no time base")
        container = document.get("format") or {}
        return cls(
            time_base,
            int_or_none(streams[0].get("start_pts")),
            str(streams[0].get("field_order", "")),
            str(container.get("format_name", "")),
            container.get("duration") not in (None, "N/A"),
        )

    @property
    def interlaced(self) -> bool:
        return self.field_order in _FIELD_ORDERS

    @property
    def stores_pts(self) -> bool:
        """False for AVI: its packets carry decode order only."""
        return not _UNSTAMPED_CONTAINERS.intersection(self.container.split(","))

    def notes(self) -> tuple[str, ...]:
        """What the header alone says is worth knowing."""
        found = [f"interlaced ({_FIELD_ORDERS[self.field_order]})"] if self.interlaced else []
        if not self.has_duration:
            found.append("no duration in the container; measured from the frames")
        return tuple(found)


def int_or_none(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def typical_step(sorted_pts: list[int] | tuple[int, ...]) -> int:
    """The median distance between frames (1 when there is only one frame)."""
    steps = [b - a for a, b in pairwise(sorted_pts)]
    return max(1, round(median(steps))) if steps else 1


def _end_pts(sorted_pts: list[int], last_duration: int) -> int:
    """Last pts plus its duration; a missing or clipped duration (some muxers cut the last
    sample to the container's rounded length) falls back to the typical frame step."""
    typical = typical_step(sorted_pts) if len(sorted_pts) > 1 else 0
    if last_duration <= 0 or 2 * last_duration < typical:
        return sorted_pts[-1] + max(typical, last_duration, 1)
    return sorted_pts[-1] + last_duration


def build_index(
    path: Path, times: list[int], key_times: list[int], last_duration: int, header: StreamHeader, **extra: Any
) -> StreamIndex:
    """The index of frames shown at ``times`` (any order), keyframes at ``key_times``."""
    sorted_pts = sorted(times)
    keyframes = sorted({bisect_left(sorted_pts, t) for t in key_times})
    start = sorted_pts[0] if header.start_pts is None else header.start_pts
    try:
        frame_times = FrameTimes(header.time_base, tuple(sorted_pts), _end_pts(sorted_pts, last_duration))
    except FrameTimesError as error:
        raise MediaError(path, f"unusable frame times ({error})") from error
    return StreamIndex(frame_times, tuple(keyframes) or (0,), start, interlaced=header.interlaced, **extra)

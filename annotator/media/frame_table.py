"""The frame timestamp table, read from the video stream's packets without decoding.

Packets come in decode order; sorting their presentation times gives the frames in the
order a decoder shows them (B-frames reorder). Containers that omit some presentation
times (MPEG program streams write one per PES packet, AVI often none) get them back from
the decode times shifted by the reorder delay; if that is not consistent, the table is
read from the decoder's own output instead ("what the decoder presents wins").
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from fractions import Fraction
from itertools import pairwise
from pathlib import Path
from statistics import median
from typing import Any

from annotator.domain.frame_times import FrameTimes, FrameTimesError
from annotator.media._tools import ffprobe_json
from annotator.media.errors import MediaError


@dataclass(frozen=True)
class StreamIndex:
    """Frame times plus what a seeking decoder needs: where the keyframes are.

    ``keyframes`` are frame indices (presentation order), sorted; ``stream_start_pts`` is
    the container's start time for the stream, from which decoders count their clocks.
    """

    frame_times: FrameTimes
    keyframes: tuple[int, ...]
    stream_start_pts: int

    def keyframe_at_or_before(self, frame: int) -> int:
        """The last keyframe at or before ``frame`` (0 when there is none)."""
        position = bisect_right(self.keyframes, frame) - 1
        return self.keyframes[position] if position >= 0 else 0


@dataclass(frozen=True)
class _Packet:
    pts: int | None
    dts: int | None
    duration: int
    keyframe: bool


def _int_or_none(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _parse_packets(rows: list[dict[str, Any]]) -> list[_Packet]:
    packets = []
    for row in rows:
        flags = str(row.get("flags", ""))
        if "D" in flags:  # outside an edit list: demuxed, never shown
            continue
        duration = _int_or_none(row.get("duration")) or 0
        packets.append(
            _Packet(_int_or_none(row.get("pts")), _int_or_none(row.get("dts")), duration, "K" in flags)
        )
    return packets


def _presentation_times(packets: list[_Packet]) -> list[int] | None:
    """Each packet's presentation time; None if they cannot be trusted.

    Where some pts are missing (MPEG program streams write one per PES packet, AVI may
    write none), the set of presentation times is the set of decode times shifted by the
    reorder delay; each packet without pts takes, in decode order, the earliest time of
    that set not yet taken and not before its own dts + delay (a reference frame is shown
    after the B-frames decoded after it).
    """
    known = [p.pts for p in packets if p.pts is not None]
    if len(known) == len(packets):
        return known
    decode_times = [p.dts for p in packets if p.dts is not None]
    if len(decode_times) != len(packets):
        return None
    delay = min(known) - min(decode_times) if known else 0
    free = sorted({d + delay for d in decode_times} - set(known))
    if len(free) + len(known) != len(packets):
        return None
    taken: set[int] = set()
    times = []
    for packet, dts in zip(packets, decode_times, strict=True):
        if packet.pts is not None:
            times.append(packet.pts)
            continue
        slot = bisect_left(free, dts + delay)
        while slot < len(free) and free[slot] in taken:
            slot += 1
        if slot == len(free):
            return None
        taken.add(free[slot])
        times.append(free[slot])
    return times


def _end_pts(sorted_pts: list[int], last_duration: int) -> int:
    """Last pts plus its duration; a missing or clipped duration (some muxers cut the last
    sample to the container's rounded length) falls back to the typical frame step."""
    steps = [b - a for a, b in pairwise(sorted_pts)]
    typical = round(median(steps)) if steps else 0
    if last_duration <= 0 or 2 * last_duration < typical:
        return sorted_pts[-1] + max(typical, last_duration, 1)
    return sorted_pts[-1] + last_duration


def _build(
    times: list[int], key_times: list[int], last_duration: int, time_base: Fraction, start: int | None
) -> StreamIndex:
    sorted_pts = sorted(times)
    keyframes = sorted({bisect_left(sorted_pts, t) for t in key_times})
    frame_times = FrameTimes(time_base, tuple(sorted_pts), _end_pts(sorted_pts, last_duration))
    return StreamIndex(frame_times, tuple(keyframes) or (0,), sorted_pts[0] if start is None else start)


def _stream_header(path: Path, document: dict[str, Any]) -> tuple[Fraction, int | None]:
    streams = document.get("streams") or []
    if not streams:
        raise MediaError(path, "no video stream")
    try:
        time_base = Fraction(str(streams[0]["time_base"]))
    except (KeyError, ValueError, ZeroDivisionError) as error:
        raise MediaError(path, "the video stream has no time base") from error
    if time_base <= 0:
        raise MediaError(path, "the video stream has no time base")
    return time_base, _int_or_none(streams[0].get("start_pts"))


def read_stream_index(path: Path) -> StreamIndex:
    """The frame table of the first video stream, from its packets (no full decode)."""
    document = ffprobe_json(
        path,
        "-select_streams",
        "v:0",
        "-show_entries",
        "packet=pts,dts,duration,flags:stream=time_base,start_pts",
    )
    time_base, start = _stream_header(path, document)
    packets = _parse_packets(document.get("packets") or [])
    if not packets:
        raise MediaError(path, "the video stream has no frames")
    times = _presentation_times(packets)
    if times is None or len(set(times)) != len(times):
        return read_decoded_index(path)
    keys = [t for t, p in zip(times, packets, strict=True) if p.keyframe]
    last = max(range(len(times)), key=times.__getitem__)
    try:
        return _build(times, keys, packets[last].duration, time_base, start)
    except FrameTimesError as error:
        raise MediaError(path, f"unusable frame times ({error})") from error


def _fill_gaps(times: list[int | None]) -> list[int]:
    """Frames the decoder shows without a timestamp (the last one of an MPEG program stream
    can be) get the previous frame's time plus the typical step."""
    known = [t for t in times if t is not None]
    steps = [b - a for a, b in pairwise(known)]
    step = round(median(steps)) if steps else 1
    filled: list[int] = []
    for value in times:
        if value is not None:
            filled.append(value)
        elif filled:
            filled.append(filled[-1] + step)
    return filled


_FRAME_FIELDS = "best_effort_timestamp,pkt_duration,duration,key_frame"


def read_decoded_index(path: Path) -> StreamIndex:
    """The frame table from what the decoder presents: a full decode, slow but authoritative.

    Used where packets cannot be trusted, and by the tests to check the packet table.
    """
    document = ffprobe_json(
        path,
        "-select_streams", "v:0",
        "-show_entries", f"frame={_FRAME_FIELDS}:stream=time_base,start_pts",
    )  # fmt: skip
    time_base, start = _stream_header(path, document)
    frames = document.get("frames") or []
    times = _fill_gaps([_int_or_none(f.get("best_effort_timestamp")) for f in frames])
    if not times:
        raise MediaError(path, "no frame could be decoded")
    keys = [t for t, f in zip(times, frames, strict=False) if str(f.get("key_frame")) == "1"]
    last_duration = _int_or_none(frames[-1].get("duration", frames[-1].get("pkt_duration"))) or 0
    try:
        return _build(times, keys, last_duration, time_base, start)
    except FrameTimesError as error:
        raise MediaError(path, f"unusable frame times ({error})") from error

"""The frame timestamp table, read from the video stream's packets without decoding.

Packets come in decode order; sorting their presentation times gives the frames in the
order a decoder shows them (B-frames reorder). MPEG program streams omit some presentation
times: they are rebuilt from the decode times shifted by the reorder delay. AVI stores none
(a demuxer's pts there is its own guess, different in each FFmpeg version), so its table
holds what decoders report instead: for each frame the decode time of the packet that
completed it. Whatever the packets say, "what the decoder presents wins": where a stream
may start with frames no decoder can show (a capture cut inside an open GOP, an AVI whose
first packet holds no picture), its first packets are decoded to see which frame comes
first and how the decoder's times line up; if the packets disagree with the decoder, the
table is read from the decoder's output of the whole file instead.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, replace
from fractions import Fraction
from itertools import pairwise
from pathlib import Path
from typing import Any

from annotator.media._tools import ffprobe_json
from annotator.media.decoded_table import DecodedFrames, decode_frames, read_decoded_index
from annotator.media.errors import MediaError
from annotator.media.stream_index import (
    HEADER_ENTRIES,
    StreamHeader,
    StreamIndex,
    build_index,
    int_or_none,
    typical_step,
)

__all__ = ["StreamIndex", "read_decoded_index", "read_stream_index"]

HEAD_PACKETS = 48
"""Packets decoded after the first keyframe to see which frame a decoder shows first."""

_WRAP = 2**33
_WRAPPING_CONTAINERS = {"mpegts", "mpeg"}


@dataclass(frozen=True)
class _Packet:
    pts: int | None
    dts: int | None
    duration: int
    keyframe: bool


def _parse_packets(rows: list[dict[str, Any]], *, keep_pts: bool) -> list[_Packet]:
    packets = []
    for row in rows:
        flags = str(row.get("flags", ""))
        if "D" in flags:  # outside an edit list: demuxed, never shown
            continue
        pts = int_or_none(row.get("pts")) if keep_pts else None
        duration = int_or_none(row.get("duration")) or 0
        packets.append(_Packet(pts, int_or_none(row.get("dts")), duration, "K" in flags))
    return packets


def _presentation_times(packets: list[_Packet]) -> list[int] | None:
    """Each packet's presentation time; None if they cannot be trusted.

    Where some pts are missing (MPEG program streams write one per PES packet), the set of
    presentation times is the set of decode times shifted by the reorder delay; each
    packet without pts takes, in decode order, the earliest time of that set not yet taken
    and not before its own dts + delay (a reference frame is shown after the B-frames
    decoded after it).
    """
    known = [p.pts for p in packets if p.pts is not None]
    if len(known) == len(packets):
        return known
    decode_times = [p.dts for p in packets if p.dts is not None]
    if len(decode_times) != len(packets):
        return None
    delay = min(known) - min(decode_times)
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


def _leading_note(count: int) -> str:
    return f"{count} leading frame{'s' if count != 1 else ''} undecodable, skipped"


def _fully_decoded(path: Path, reason: str, *, decode_timed: bool) -> StreamIndex:
    index = read_decoded_index(path, decode_timed)
    return replace(index, notes=(f"frame table from a full decode ({reason})", *index.notes))


def _presented_index(path: Path, header: StreamHeader, packets: list[_Packet], head: int) -> StreamIndex:
    """The table from presentation times; a stream that does not open on the keyframe it
    shows first may start with frames no decoder presents, which are left out."""
    times = _presentation_times(packets)
    if times is None or len(set(times)) != len(times):
        return _fully_decoded(path, "the packets' times are inconsistent", decode_timed=False)
    keys = [t for t, p in zip(times, packets, strict=True) if p.keyframe]
    last = max(range(len(times)), key=times.__getitem__)
    index = build_index(path, times, keys, packets[last].duration, header)
    if packets[0].keyframe and times[0] == min(times):
        return index
    shown = [t for t in decode_frames(path, packets=head).stamps if t is not None]
    pts = index.frame_times.pts
    if not shown or not set(shown) <= set(pts):
        return _fully_decoded(path, "the decoder shows other times", decode_timed=False)
    leading = bisect_left(pts, shown[0])
    return index.without_leading(leading, _leading_note(leading)) if leading else index


def _decode_timed_index(path: Path, header: StreamHeader, packets: list[_Packet], head: int) -> StreamIndex:
    """The table of a stream without presentation times (AVI): frame n is reported at the
    decode time of the packet ``n + undecodable + delay``, ``undecodable`` being the leading
    packets that show no picture and ``delay`` the decoder's reorder delay, both measured
    by decoding the first packets. The last ``delay`` frames come out when the decoder is
    drained, with no time: they follow at the typical step."""
    decode_times = [p.dts for p in packets if p.dts is not None]
    plan = None
    if len(decode_times) == len(packets) and decode_times == sorted(set(decode_times)):
        plan = _decode_time_plan(decode_times, decode_frames(path, decode_timed=True, packets=head))
    if plan is None:
        return _fully_decoded(path, "the decoder shows other times", decode_timed=True)
    undecodable, delay = plan
    known = decode_times[undecodable + delay :]
    step = typical_step(known)
    times = known + [known[-1] + step * (k + 1) for k in range(delay)]
    keys = [times[n - undecodable] for n, p in enumerate(packets) if p.keyframe and n >= undecodable]
    gaps = sum(b - a > step * 3 // 2 for a, b in pairwise(known))
    notes = ["no presentation times in the container: frame times from decode order"]
    if gaps:
        notes.append(f"{gaps} gap{'s' if gaps != 1 else ''} in the frame times (frames the recorder dropped)")
    if undecodable:
        notes.insert(0, _leading_note(undecodable))
    return build_index(path, times, keys, packets[-1].duration, header, decode_timed=True, notes=tuple(notes))


def _decode_time_plan(decode_times: list[int], decoded: DecodedFrames) -> tuple[int, int] | None:
    """(undecodable leading packets, reorder delay), or None if the decoder's times do not
    fit the packets' (then only a full decode can say)."""
    shown = [t for t in decoded.stamps if t is not None]
    undecodable = decoded.packets_read - len(decoded.stamps)
    if not shown or undecodable < 0 or not set(shown) <= set(decode_times):
        return None
    delay = decode_times.index(shown[0]) - undecodable
    if delay < 0 or undecodable + delay >= len(decode_times):
        return None
    return undecodable, delay


def _packet_notes(rows: list[dict[str, Any]], header: StreamHeader, index: StreamIndex) -> list[str]:
    hidden = sum("D" in str(row.get("flags", "")) for row in rows)
    notes = [f"{hidden} frame{'s' if hidden != 1 else ''} outside the edit list, not shown"] if hidden else []
    pts = index.frame_times.pts
    mpeg = _WRAPPING_CONTAINERS.intersection(header.container.split(","))
    if mpeg and header.time_base == Fraction(1, 90_000) and pts[0] // _WRAP != pts[-1] // _WRAP:
        notes.append("timestamps wrap past 2^33 (unwrapped)")
    return notes


def _first_keyframe_row(rows: list[dict[str, Any]]) -> int:
    return next((n for n, row in enumerate(rows) if "K" in str(row.get("flags", ""))), len(rows))


def read_stream_index(path: Path) -> StreamIndex:
    """The frame table of the first video stream, from its packets (and, where the stream
    may start with frames no decoder shows, from decoding its first packets)."""
    entries = f"packet=pts,dts,duration,flags:{HEADER_ENTRIES}"
    document = ffprobe_json(path, "-select_streams", "v:0", "-show_entries", entries)
    header = StreamHeader.read(path, document)
    rows = document.get("packets") or []
    packets = _parse_packets(rows, keep_pts=header.stores_pts)
    if not packets:
        raise MediaError(path, "the video stream has no frames")
    head = _first_keyframe_row(rows) + HEAD_PACKETS
    if all(p.pts is None for p in packets):
        index = _decode_timed_index(path, header, packets, head)
    else:
        index = _presented_index(path, header, packets, head)
    notes = (*index.notes, *_packet_notes(rows, header, index), *header.notes())
    return replace(index, notes=tuple(dict.fromkeys(notes)))

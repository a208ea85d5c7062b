"""Frame times from what the decoder presents (ffprobe decoding): of the whole file where
the packets cannot be trusted (slow but authoritative), or of its first packets only, to
learn how the packets' times line up with the frames a decoder shows."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from annotator.media._tools import ffprobe_json
from annotator.media.errors import MediaError
from annotator.media.stream_index import (
    HEADER_ENTRIES,
    StreamHeader,
    StreamIndex,
    build_index,
    int_or_none,
    typical_step,
)

_FRAME_FIELDS = "best_effort_timestamp,pkt_dts,pkt_duration,duration,key_frame"


@dataclass(frozen=True)
class DecodedFrames:
    """The frames a decoder presented, in order: each one's timestamp (None if it has
    none) and keyframe flag; how many video packets were read to present them."""

    header: StreamHeader
    stamps: list[int | None]
    keys: list[bool]
    last_duration: int
    packets_read: int
    decode_timed: bool


def decode_frames(
    path: Path, *, decode_timed: bool | None = None, packets: int | None = None
) -> DecodedFrames:
    """Decode the first video stream (only its first ``packets`` packets, if given).

    A frame's timestamp is FFmpeg's best-effort one, or where the container stores no
    presentation times (``decode_timed``; by default: AVI) the decode time of the packet
    that completed it, which is what every FFmpeg version reports the same way.
    """
    interval = ["-read_intervals", f"%+#{packets}"] if packets else []
    entries = f"frame={_FRAME_FIELDS}:{HEADER_ENTRIES}" + (":packet=dts" if packets else "")
    document = ffprobe_json(path, *interval, "-select_streams", "v:0", "-show_entries", entries)
    header = StreamHeader.read(path, document)
    timed = not header.stores_pts if decode_timed is None else decode_timed
    rows: list[dict[str, Any]] = document.get("packets_and_frames") or document.get("frames") or []
    frames = [row for row in rows if row.get("type", "frame") == "frame"]
    field = "pkt_dts" if timed else "best_effort_timestamp"
    last = frames[-1] if frames else {}
    return DecodedFrames(
        header,
        [int_or_none(frame.get(field)) for frame in frames],
        [str(frame.get("key_frame")) == "1" for frame in frames],
        int_or_none(last.get("duration", last.get("pkt_duration"))) or 0,
        sum(row.get("type") == "packet" for row in rows),
        timed,
    )


def fill_gaps(stamps: list[int | None]) -> list[int]:
    """Frames the decoder shows without a timestamp (the last one of an MPEG program stream
    can be; the last few of an AVI with B-frames are) get the previous frame's time plus
    the typical step."""
    step = typical_step([t for t in stamps if t is not None])
    filled: list[int] = []
    for value in stamps:
        if value is not None:
            filled.append(value)
        elif filled:
            filled.append(filled[-1] + step)
    return filled


def read_decoded_index(path: Path, decode_timed: bool | None = None) -> StreamIndex:
    """The frame table from what the decoder presents: a full decode, slow but authoritative.

    Used where packets cannot be trusted, and by the tests to check the packet table.
    """
    decoded = decode_frames(path, decode_timed=decode_timed)
    times = fill_gaps(decoded.stamps)
    if not times:
        raise MediaError(path, "no frame could be decoded")
    keys = [t for t, key in zip(times, decoded.keys, strict=False) if key]
    return build_index(
        path, times, keys, decoded.last_duration, decoded.header,
        decode_timed=decoded.decode_timed, notes=decoded.header.notes(),
    )  # fmt: skip

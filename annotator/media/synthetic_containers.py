"""Numbered clips in the awkward containers a newsroom meets, made with ffmpeg and PyAV.

Each builder writes a tiny file whose frames carry their number in their pixels
(``make_numbered_clip``) and returns an ``OddClip`` saying which number the first frame
the decoder presents shows: a file that starts with frames no decoder can show, or an edit
list that hides the first ones, starts later than 0. Used by the media tests, and by
anyone who needs to prove a player or frame source exact on these files.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

import av

from annotator.media.synthetic import make_numbered_clip

WRAP_SECONDS = Fraction(2**33, 90_000)
"""Where MPEG-TS timestamps (33 bits at 90 kHz) wrap: 95443.7 s."""

_MPEG2_OPEN_GOP = ("-c:v", "mpeg2video", "-q:v", "4", "-g", "12", "-bf", "2")
_INTERLACED = ("-flags", "+ilme+ildct", "-top", "1")
_X264 = ("-c:v", "libx264", "-preset", "veryfast", "-pix_fmt", "yuv420p")


@dataclass(frozen=True)
class OddClip:
    """A numbered clip: frame n of the video shows ``first_number + n``, ``frame_count``
    frames in all (what a decoder presents, which the frame table must say)."""

    path: Path
    frame_count: int
    first_number: int = 0


def _ffmpeg(*args: str | Path) -> None:
    subprocess.run(["ffmpeg", "-v", "error", "-y", *map(str, args)], check=True, capture_output=True)


def make_avi_screen_recording(path: Path, *, frames: int = 60, b_frames: int = 0) -> OddClip:
    """H.264 in AVI as screen recorders write it: no pts at all, one dropped frame (an
    empty chunk, so the demuxer's dts skip a value) and the parameter sets in a packet of
    their own that decodes to no picture: ``frames + 1`` packets, ``frames`` frames."""
    encoded = path.with_name(f"{path.stem}.encoded.avi")
    make_numbered_clip(
        encoded,
        frames=frames,
        setpts=f"(N+gte(N,{frames // 3}))/25/TB",
        codec_args=(*_X264, "-g", "30", "-bf", str(b_frames)),
    )
    _split_parameter_sets(encoded, path)
    encoded.unlink()
    return OddClip(path, frames)


def _split_parameter_sets(source: Path, target: Path) -> None:
    """Remux ``source`` (H.264 AVI) with its first packet split in two: SPS/PPS/SEI, then
    the picture; every later packet one dts later, so the dts gap stays a gap."""
    with av.open(str(source)) as reader, av.open(str(target), "w", format="avi") as writer:
        stream = reader.streams.video[0]
        output = writer.add_stream_from_template(stream)
        for index, packet in enumerate(p for p in reader.demux(stream) if p.size):
            pieces = _parameter_sets_and_picture(bytes(packet)) if index == 0 else []
            for dts, data in enumerate(pieces):
                part = av.Packet(data)
                part.dts = part.pts = dts
                part.time_base = packet.time_base
                part.stream = output
                writer.mux(part)
            if not pieces:
                assert packet.dts is not None
                packet.dts = packet.pts = packet.dts + 1
                packet.stream = output
                writer.mux(packet)


def _parameter_sets_and_picture(data: bytes) -> list[bytes]:
    """An Annex B access unit cut before its first slice NAL (types 1 and 5)."""
    for start in re.finditer(b"\x00\x00\x01", data):
        if data[start.end()] & 0x1F in (1, 5):
            cut = start.start() - 1 if start.start() and data[start.start() - 1] == 0 else start.start()
            return [data[:cut], data[cut:]]
    raise ValueError("no slice in the first packet")


def make_wrapping_ts(path: Path, *, frames: int = 100, wrap_after_s: float = 1.3) -> OddClip:
    """Interlaced MPEG-2 (open GOPs, B-frames) with MP2 sound in MPEG-TS, its timestamps
    passing 2^33 ``wrap_after_s`` into the clip (ffmpeg's muxer adds 1.4 s of delay)."""
    offset = float(WRAP_SECONDS) - 1.4 - wrap_after_s
    make_numbered_clip(
        path,
        frames=frames,
        size=(320, 192),
        audio=True,
        codec_args=(*_MPEG2_OPEN_GOP, *_INTERLACED),
        extra_output_args=("-c:a", "mp2", "-output_ts_offset", f"{offset:.3f}", "-f", "mpegts"),
    )
    return OddClip(path, frames)


def make_late_wrapping_ts(path: Path, *, frames: int = 100) -> OddClip:
    """Progressive MPEG-2 at 1 fps in MPEG-TS whose timestamps pass 2^33 70 s in, long
    after the start (demuxers then count on past 2^33 instead of starting below 0)."""
    make_numbered_clip(
        path,
        frames=frames,
        fps=Fraction(1),
        size=(320, 192),
        codec_args=_MPEG2_OPEN_GOP,
        extra_output_args=("-output_ts_offset", f"{float(WRAP_SECONDS) - 71.4:.3f}", "-f", "mpegts"),
    )
    return OddClip(path, frames)


def make_late_start_ts(path: Path, *, frames: int = 100, start_s: int = 36_000) -> OddClip:
    """H.264 with B-frames and AAC in MPEG-TS whose clock starts ``start_s`` in (10 h)."""
    make_numbered_clip(
        path,
        frames=frames,
        audio=True,
        codec_args=(*_X264, "-g", "25", "-bf", "2"),
        extra_output_args=("-output_ts_offset", str(start_s), "-f", "mpegts"),
    )
    return OddClip(path, frames)


def make_edit_list_mp4(path: Path, *, frames: int = 100) -> OddClip:
    """MP4 with negative composition offsets (B-frames, ``negative_cts_offsets``) and an
    ``elst`` that hides the first 5 frames of its first GOP: a stream copy from 1 s (frame
    25) of a clip with keyframes every 20 frames keeps frames 20..24 but does not show them."""
    source = path.with_name(f"{path.stem}.source.mp4")
    make_numbered_clip(
        source, frames=frames, codec_args=(*_X264, "-g", "20", "-sc_threshold", "0", "-bf", "2")
    )
    _ffmpeg("-ss", "1.0", "-i", source, "-c", "copy", "-movflags", "negative_cts_offsets", path)
    source.unlink()
    return OddClip(path, frames - 25, first_number=25)


def make_unsized_mkv(path: Path, *, frames: int = 100) -> OddClip:
    """Matroska written to a pipe: no Duration element, no cues (nothing to seek back to)."""
    source = path.with_name(f"{path.stem}.source.mp4")
    make_numbered_clip(source, frames=frames, audio=True, codec_args=(*_X264, "-g", "20", "-bf", "2"))
    with path.open("wb") as output:
        subprocess.run(
            ["ffmpeg", "-v", "error", "-i", str(source), "-c", "copy", "-f", "matroska", "pipe:1"],
            stdout=output,
            check=True,
        )
    source.unlink()
    return OddClip(path, frames)


def make_open_gop_cut(path: Path, *, frames: int = 100, codec: str = "mpeg2video") -> OddClip:
    """A capture that starts inside an open GOP: a stream copy from 0.5 s starts on a
    keyframe (frame 12 of MPEG-2 with GOP 12; 25 of H.264 with GOP 25) whose following
    B-frames are shown before it and reference the GOP that was cut away."""
    source = path.with_name(f"{path.stem}.source.ts")
    codec_args: tuple[str, ...]
    if codec == "mpeg2video":
        first, codec_args = 12, _MPEG2_OPEN_GOP
    else:
        first, codec_args = 25, (*_X264, "-g", "25", "-bf", "2", "-x264-params", "open-gop=1")
    make_numbered_clip(
        source, frames=frames, size=(320, 192), codec_args=codec_args, extra_output_args=("-f", "mpegts")
    )
    _ffmpeg("-ss", "0.5", "-i", source, "-c", "copy", "-f", "mpegts", path)
    source.unlink()
    return OddClip(path, frames - first, first_number=first)

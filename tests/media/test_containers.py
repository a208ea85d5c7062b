"""Exact frames on every container a newsroom meets (issue 8): the frame table, both frame
sources and the proxy agree on every frame, checked by the number each frame carries.

"Frame n" is the n-th frame a decoder presents; ffmpeg's own decode of the whole file is
the witness (``presented_numbers``). Leading frames no decoder can show are not frames.
"""

from __future__ import annotations

import json
import random
import struct
import subprocess
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from annotator.media.backends.pyav import PyAVFrameSource
from annotator.media.errors import MediaError
from annotator.media.frame_source import Backend, open_frame_source
from annotator.media.frame_table import read_decoded_index, read_stream_index
from annotator.media.probe import probe, probe_with_index
from annotator.media.proxy import build_proxy, verify_proxy
from annotator.media.synthetic import read_frame_number
from annotator.media.synthetic_containers import WRAP_SECONDS, OddClip


def _ffprobe(path: Path, *args: str) -> dict[str, Any]:
    command = ["ffprobe", "-v", "error", "-of", "json", "-select_streams", "v:0", *args, str(path)]
    document: dict[str, Any] = json.loads(subprocess.run(command, capture_output=True, check=True).stdout)
    return document


def presented_numbers(path: Path) -> list[int]:
    """The number in every frame ffmpeg presents, decoding the whole file (no seeking)."""
    stream = _ffprobe(path, "-show_entries", "stream=width,height")["streams"][0]
    width, height = int(stream["width"]), int(stream["height"])
    raw = subprocess.run(
        ["ffmpeg", "-v", "error", "-i", str(path), "-map", "0:v:0", "-fps_mode", "passthrough",
         "-f", "rawvideo", "-pix_fmt", "gray", "pipe:1"],
        capture_output=True, check=True,
    ).stdout  # fmt: skip
    frames = np.frombuffer(raw, np.uint8).reshape(-1, height, width)
    return [read_frame_number(frame) for frame in frames]


def _expected(clip: OddClip) -> list[int]:
    return list(range(clip.first_number, clip.first_number + clip.frame_count))


# The files really have the awkward property they are named after.


def test_avi_has_no_pts_a_dts_gap_and_a_packet_without_picture(odd_clips: dict[str, OddClip]) -> None:
    for name in ("avi_screen_recording", "avi_b_frames"):
        clip = odd_clips[name]
        packets = _ffprobe(clip.path, "-show_entries", "packet=pts,dts")["packets"]
        dts = [int(p["dts"]) for p in packets]
        assert all("pts" not in p for p in packets)
        assert len(packets) == clip.frame_count + 1
        assert len(dts) == len(set(dts))
        assert max(dts) - min(dts) == len(dts)  # one value skipped
        assert len(presented_numbers(clip.path)) == clip.frame_count


def test_ts_timestamps_pass_2_33(odd_clips: dict[str, OddClip]) -> None:
    for name in ("ts_interlaced_wrap", "ts_late_wrap"):
        pts = [
            int(p["pts"]) for p in _ffprobe(odd_clips[name].path, "-show_entries", "packet=pts")["packets"]
        ]
        assert any(min(pts) < k * 2**33 <= max(pts) for k in (0, 1)), name
    stream = _ffprobe(odd_clips["ts_interlaced_wrap"].path, "-show_entries", "stream=field_order")
    assert stream["streams"][0]["field_order"] == "tt"
    late = _ffprobe(odd_clips["ts_10_hours_in"].path, "-show_entries", "stream=start_time")
    assert float(late["streams"][0]["start_time"]) > 36_000 > float(WRAP_SECONDS) - 95_000


def _box(data: bytes, name: bytes) -> bytes:
    start = data.index(name)
    size = struct.unpack(">I", data[start - 4 : start])[0]
    return data[start + 4 : start - 4 + size]


def test_mp4_has_an_edit_list_trimming_the_start_and_negative_offsets(odd_clips: dict[str, OddClip]) -> None:
    data = odd_clips["mp4_edit_list"].path.read_bytes()
    elst = _box(data, b"elst")
    assert elst[0] == 0  # version 0
    assert struct.unpack(">I", elst[4:8])[0] == 1  # one entry
    assert struct.unpack(">i", elst[12:16])[0] > 0  # media time: the start is trimmed
    ctts = _box(data, b"ctts")
    count = struct.unpack(">I", ctts[4:8])[0]
    offsets = [struct.unpack(">i", ctts[12 + 8 * i : 16 + 8 * i])[0] for i in range(count)]
    assert ctts[0] == 1  # version 1: signed composition offsets
    assert min(offsets) < 0


def test_mkv_has_no_duration(odd_clips: dict[str, OddClip]) -> None:
    path = odd_clips["mkv_no_duration"].path
    document = _ffprobe(path, "-show_entries", "format=duration:stream=duration")
    assert "duration" not in document["format"]
    assert "duration" not in document["streams"][0]


def test_open_gop_cut_starts_with_frames_shown_before_its_keyframe(odd_clips: dict[str, OddClip]) -> None:
    for name, leading in (("ts_open_gop_mpeg2", 2), ("ts_open_gop_h264", 1)):
        packets = _ffprobe(odd_clips[name].path, "-show_entries", "packet=pts,flags")["packets"]
        assert packets[0]["flags"].startswith("K")
        assert sum(int(p["pts"]) < int(packets[0]["pts"]) for p in packets) == leading


# What the decoder presents, the table says; every frame source returns it.


def test_ffmpeg_presents_the_numbered_frames(odd_clip: OddClip) -> None:
    assert presented_numbers(odd_clip.path) == _expected(odd_clip)


def test_the_frame_table_counts_what_the_decoder_presents(odd_clip: OddClip) -> None:
    packets, decoded = read_stream_index(odd_clip.path), read_decoded_index(odd_clip.path)
    assert packets.frame_times.frame_count == odd_clip.frame_count
    assert packets.frame_times == decoded.frame_times
    if packets.decode_timed:  # placed by decode order: early by the B-frames an open GOP shows first
        assert all(0 <= d - p <= 2 for p, d in zip(packets.keyframes, decoded.keyframes, strict=True))
    else:
        assert packets.keyframes == decoded.keyframes
    assert probe(odd_clip.path).frame_count == odd_clip.frame_count


def _exact(odd_clip: OddClip, backend: Backend, order: list[int]) -> list[tuple[int, int]]:
    """(frame, number it shows) for every frame in ``order`` that is not the right one."""
    with open_frame_source(odd_clip.path, backend=backend) as source:
        assert source.frame_count == odd_clip.frame_count
        shown = [(n, read_frame_number(source.frame(n))) for n in order]
    return [(n, number) for n, number in shown if number != odd_clip.first_number + n]


def test_every_frame_by_pixels(odd_clip: OddClip, backend: Backend) -> None:
    count = odd_clip.frame_count
    rng = random.Random(odd_clip.path.name)
    order = [*range(count), *range(count - 1, -1, -1), *(rng.randrange(count) for _ in range(60)), 0]
    if backend == "opencv" and "interlaced" in odd_clip.path.name:
        with pytest.raises(MediaError, match="interlaced"):
            _exact(odd_clip, backend, order)
        return
    assert _exact(odd_clip, backend, order) == []


def test_pyav_names_every_frame_by_its_timestamp(odd_clip: OddClip) -> None:
    """No decoded frame carries a timestamp the table does not know (a frame is named by
    counting only when it has none: the last frames of a stream without pts)."""
    _, index = probe_with_index(odd_clip.path)
    with PyAVFrameSource(odd_clip.path, index) as source:
        for n in [*range(odd_clip.frame_count), 0, odd_clip.frame_count // 2, 3]:
            source.frame(n)
        assert source.frames_misnamed == 0


def test_the_proxy_has_the_same_frames(odd_clip: OddClip, tmp_path: Path) -> None:
    info = probe(odd_clip.path)
    proxy = build_proxy(odd_clip.path, info, tmp_path / "proxy.mp4")
    assert verify_proxy(proxy, info)
    assert presented_numbers(proxy) == _expected(odd_clip)
    with open_frame_source(proxy) as source:
        count = source.frame_count
        order = [*range(count - 1, -1, -3), count // 2]
        assert [n for n in order if read_frame_number(source.frame(n)) != odd_clip.first_number + n] == []


NOTES = {
    "avi_screen_recording": ["1 leading frame undecodable, skipped", "no presentation times",
                             "1 gap in the frame times"],
    "avi_b_frames": ["1 leading frame undecodable, skipped", "no presentation times"],
    "avi_mpeg4_open_gop": ["no presentation times"],
    "ts_interlaced_wrap": ["timestamps wrap past 2^33", "interlaced (top field first)"],
    "ts_late_wrap": ["timestamps wrap past 2^33"],
    "ts_10_hours_in": [],
    "mp4_edit_list": ["5 frames outside the edit list, not shown"],
    "mkv_no_duration": ["no duration in the container"],
    "ts_open_gop_mpeg2": ["2 leading frames undecodable, skipped"],
    "ts_open_gop_h264": ["1 leading frame undecodable, skipped"],
}  # fmt: skip


def test_probe_says_what_it_found(odd_clips: dict[str, OddClip]) -> None:
    for name, expected in NOTES.items():
        notes = probe(odd_clips[name].path).notes
        assert [e for e in expected if not any(note.startswith(e) for note in notes)] == [], (name, notes)
        assert bool(notes) == bool(expected), (name, notes)

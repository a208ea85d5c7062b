"""The packet table matches what the decoder presents, on every container."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from annotator.media import frame_table
from annotator.media.frame_table import read_decoded_index, read_stream_index
from annotator.media.synthetic_containers import OddClip


def test_packet_table_equals_decoded_table(any_clip: Path) -> None:
    packets, decoded = read_stream_index(any_clip), read_decoded_index(any_clip)
    assert packets.frame_times.pts == decoded.frame_times.pts
    assert packets.keyframes == decoded.keyframes
    assert packets.frame_times.end_pts == decoded.frame_times.end_pts


def test_program_stream_missing_pts_are_rebuilt(clip_mpg: Path) -> None:
    index = read_stream_index(clip_mpg)
    steps = {b - a for a, b in zip(index.frame_times.pts, index.frame_times.pts[1:], strict=False)}
    assert steps == {3600}  # 90 kHz at 25 fps, no hole or duplicate
    assert index.keyframes[:3] == (0, 12, 24)


def test_keyframe_lookup(clip_2997: Path) -> None:
    index = read_stream_index(clip_2997)
    assert index.keyframes == (0, 60)
    assert index.keyframe_at_or_before(59) == 0
    assert index.keyframe_at_or_before(60) == 60
    assert index.keyframe_at_or_before(119) == 60


def test_avi_ignores_the_pts_a_demuxer_guesses(
    odd_clips: dict[str, OddClip], monkeypatch: pytest.MonkeyPatch
) -> None:
    """AVI stores no pts; newer FFmpeg versions report one anyway (PyAV's says dts + 1 on
    these files). The table must not depend on which ffprobe is installed."""
    path = odd_clips["avi_b_frames"].path
    honest = read_stream_index(path)
    real = frame_table.ffprobe_json

    def guessing(video: Path, *args: str) -> dict[str, Any]:
        document = real(video, *args)
        for row in document.get("packets") or []:
            row["pts"] = int(row["dts"]) + 1
        return document

    monkeypatch.setattr(frame_table, "ffprobe_json", guessing)
    assert read_stream_index(path) == honest
    assert honest.decode_timed

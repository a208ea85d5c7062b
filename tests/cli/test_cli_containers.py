"""`annotator info` says what it found in an awkward file; `annotator frame` is exact there."""

from __future__ import annotations

from pathlib import Path

import cv2

from annotator.media.synthetic import read_frame_number
from annotator.media.synthetic_containers import make_avi_screen_recording, make_open_gop_cut


def test_info_notes_the_frames_no_decoder_shows(run, tmp_path: Path) -> None:
    clip = make_open_gop_cut(tmp_path / "capture.ts")
    result = run("info", clip.path)
    assert result.exit_code == 0
    assert f"frames:              {clip.frame_count}" in result.output
    assert "note:                2 leading frames undecodable, skipped" in result.output


def test_info_of_a_plain_file_has_no_notes(run, clip_2997: Path) -> None:
    assert "note:" not in run("info", clip_2997).output


def test_frame_of_an_avi_screen_recording(run, tmp_path: Path) -> None:
    """The reported bug: no pts, a gap in the dts, a packet without picture; `frame N`
    wrote frame N-1."""
    clip = make_avi_screen_recording(tmp_path / "screen.avi")
    info = run("info", clip.path).output
    assert "no presentation times in the container" in info
    assert "1 gap in the frame times" in info
    for n in (0, 1, 19, 20, 21, 45, clip.frame_count - 1):
        out = tmp_path / f"f{n}.png"
        assert run("frame", clip.path, n, "-o", out).exit_code == 0
        assert read_frame_number(cv2.imread(str(out))) == n

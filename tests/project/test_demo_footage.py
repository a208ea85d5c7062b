"""The demo footage without a usable font: frame numbers are left out, the footage is still
made (the demo must open on any machine); with one, each frame shows its number."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest

from annotator.media.probe import probe
from annotator.project import demo


@pytest.fixture
def short_shots(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(demo, "SHOT_SECONDS", 1)  # six one-second shots: quick to encode
    monkeypatch.setattr(demo, "SIZE", "160x90")


def _change(path: Path) -> float:
    """How far frames 0 and 1 differ, at most, over the bars (the same picture in both)."""
    capture = cv2.VideoCapture(str(path))
    try:
        first, second = (capture.read()[1].astype(np.int16) for _ in range(2))
    finally:
        capture.release()
    return float(np.abs(first - second).max())


def test_frames_show_their_number_when_a_font_is_there(short_shots: None, tmp_path: Path) -> None:
    path = demo.make_demo_footage(tmp_path / "demo.mp4")
    assert probe(path).frame_count == 6 * demo.FPS
    assert _change(path) > 100  # "frame 0", then "frame 1", white on black


def test_without_a_font_the_footage_is_made_without_numbers(
    short_shots: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    empty = tmp_path / "fonts.conf"  # fontconfig finds no font at all
    empty.write_text('<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig></fontconfig>')
    monkeypatch.setenv("FONTCONFIG_FILE", str(empty))
    path = demo.make_demo_footage(tmp_path / "demo.mp4")
    info = probe(path)
    assert (info.frame_count, info.has_audio) == (6 * demo.FPS, True)
    assert _change(path) < 40  # nothing drawn on the bars: only the encoder's noise

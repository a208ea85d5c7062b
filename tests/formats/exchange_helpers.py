"""Fixtures for the JSON, EAF and subtitle tests: the CSV tests' videos (25 fps, 29.97
drop-frame, VFR with a 0.033 s start), a vocabulary with descriptions, small writers."""

from __future__ import annotations

import io
from collections.abc import Iterable
from fractions import Fraction
from pathlib import Path

from csv_helpers import CLIP, NTSC_CLIP, PHONE, VFR_PTS, VFR_TIME_BASE

from annotator.domain.label import Label, LabelKind
from annotator.domain.segment import Segment
from annotator.domain.video import Video
from annotator.formats.eaf.writer import write_eaf

__all__ = ["CLIP", "LABELS", "NTSC_CLIP", "PHONE", "VIDEOS", "eaf_text", "expected_ms", "write_text"]

VIDEOS = (CLIP, NTSC_CLIP, PHONE)
LABELS = (
    Label(name="driving", colour="#1f77b4", key="1", description="at the wheel", order=0, id=10),
    Label(name="laughter", colour="#ff7f0e", key="2", description="both laugh & <smile>", order=1, id=11),
    Label(name="Gift exchange", colour="#2ca02c", key="3", kind=LabelKind.POINT, order=2, id=12),
)
LABEL_NAMES = [label.name for label in LABELS]


def expected_ms(video: Video, frame: int) -> int:
    """``t(frame)`` in ms rounded half up, worked out independently of the code under test."""
    if video is PHONE:
        ticks = (VFR_PTS[frame] if frame < len(VFR_PTS) else PHONE.info.times().end_pts) - VFR_PTS[0]
        exact = ticks * VFR_TIME_BASE * 1000
    else:
        exact = Fraction(frame) / video.info.fps * 1000
    return int(exact + Fraction(1, 2))


def eaf_text(video: Video, segments: Iterable[Segment], url: str = "./clip.mp4") -> str:
    out = io.StringIO()
    write_eaf(out, video, url, LABELS, segments)
    return out.getvalue()


def write_text(folder: Path, text: str, name: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path

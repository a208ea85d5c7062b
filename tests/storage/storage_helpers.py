"""Helpers shared by the storage tests (a module of its own: ``conftest`` names collide)."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from fractions import Fraction
from pathlib import Path

from annotator.domain.frame_times import FrameTimes
from annotator.domain.video_info import VideoInfo


def make_info(frame_count: int = 100, fps: Fraction = Fraction(25), path: str = "clip.mp4") -> VideoInfo:
    """A constant-rate video's facts with its timestamp table."""
    times = FrameTimes.constant(fps, frame_count, Fraction(1, 30))
    return VideoInfo(
        path=path,
        codec="h264",
        width=320,
        height=180,
        fps=fps,
        frame_count=frame_count,
        duration_s=times.duration_s,
        start_time_s=times.start_s,
        has_audio=True,
        is_vfr=False,
        container="mov,mp4,m4a,3gp,3g2,mj2",
        frame_times=times,
    )


def raw_connection(path: Path) -> sqlite3.Connection:
    """A plain sqlite3 connection, as another program would open the file."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA foreign_keys = ON")
    return conn


def start_child(script: str, *args: str) -> subprocess.Popen[str]:
    """Run ``script`` in a fresh Python process, its stdout line-buffered to us."""
    return subprocess.Popen(
        [sys.executable, "-c", script, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        bufsize=1,
    )

"""Footage for ``bench_window``, generated once and cached under /tmp (never committed).

- ``numbered_1080p``: 1920x1080 at 25 fps, H.264 with a GOP of 250 and 3 B-frames, with
  sound, carrying its frame number in its pixels (the pattern of
  ``annotator.media.synthetic``). The pattern is drawn at 320x180 and scaled up, because
  ffmpeg's ``geq`` at full size runs at ~2 frames/s here; the blocks scale exactly (an
  eighth of the width either way), so ``read_frame_number`` reads the same number.
- ``hour_low_res``: one hour of 320x180 at 25 fps (90,000 frames), ultrafast, with sound,
  from ffmpeg's fast ``testsrc2`` (its pixels are not read back: it serves the memory
  figure only).
"""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

from annotator.media.synthetic import _pattern_expression

CACHE = Path(tempfile.gettempdir()) / "annotator-bench-window"
FPS = 25
ORIGINAL_CODEC = ("-c:v", "libx264", "-preset", "veryfast", "-g", "250", "-bf", "3", "-pix_fmt", "yuv420p")
HOUR_FRAMES = 90_000


def _sine(seconds: float) -> list[str]:
    return ["-f", "lavfi", "-i", f"sine=frequency=440:sample_rate=48000:duration={seconds}"]


def _make(target: Path, command: list[str]) -> Path:
    """Run ``command`` (whose last argument is the output) into a partial file, then rename."""
    if target.exists():
        return target
    CACHE.mkdir(parents=True, exist_ok=True)
    partial = target.with_name("partial-" + target.name)
    subprocess.run([*command, str(partial)], check=True, capture_output=True)
    partial.replace(target)
    return target


def numbered_1080p(seconds: int) -> Path:
    """A ``seconds``-long numbered 1080p25 clip, GOP 250 (see the module docstring)."""
    frames = FPS * seconds
    video = (
        f"color=c=gray:s=320x180:r={FPS},trim=end_frame={frames},"
        f"geq=lum='{_pattern_expression(320)}':cb=128:cr=128,scale=1920:1080:flags=bicubic"
    )
    command = ["ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", video, *_sine(seconds + 0.5)]
    command += ["-c:a", "aac", "-shortest", *ORIGINAL_CODEC]
    return _make(CACHE / f"numbered_1080p25_gop250_{seconds}s.mp4", command)


def hour_low_res() -> Path:
    """One hour of 320x180 at 25 fps with sound (testsrc2, ultrafast)."""
    seconds = HOUR_FRAMES // FPS
    video = f"testsrc2=s=320x180:r={FPS},trim=end_frame={HOUR_FRAMES}"
    command = ["ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", video, *_sine(seconds + 0.5)]
    command += ["-c:a", "aac", "-shortest", "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p"]
    return _make(CACHE / "hour_320x180_25fps.mp4", command)

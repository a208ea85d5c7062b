"""Running ``ffprobe`` and ``ffmpeg``: one place that turns their failures into MediaErrors."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path
from typing import Any

from annotator.media.errors import MediaError, check_readable_file

FFPROBE = "ffprobe"
FFMPEG = "ffmpeg"


_CUT_SHORT = ("moov atom not found", "partial file")
"""What FFmpeg says of a file that ends early (an unfinished download or copy)."""


def _reason(stderr: str, path: Path) -> str:
    """FFmpeg's complaint without its ``[mov @ 0x…]`` tag or the file's name (the error
    names the file once); a file that ends early is said to be cut short."""
    lines = []
    for line in stderr.splitlines():
        text = re.sub(r"^\[[^\]]* @ 0x[0-9a-f]+\]\s*", "", line.strip())
        for name in (str(path), path.name):
            text = text.removeprefix(f"{name}: ")
        if text:
            lines.append(text)
    cut = next((sign for sign in _CUT_SHORT for line in lines if sign in line), None)
    if cut is not None:
        return f"{cut}: the file may be cut short"
    return f"not a readable media file ({lines[-1] if lines else 'unknown error'})"


def ffprobe_json(path: Path, *args: str) -> dict[str, Any]:
    """Run ffprobe on ``path`` with JSON output and return the parsed document."""
    check_readable_file(path)
    command = [FFPROBE, "-v", "error", "-of", "json", *args, str(path)]
    try:
        result = subprocess.run(command, capture_output=True, text=True, check=False)
    except OSError as error:
        raise MediaError(path, f"cannot run ffprobe ({error})") from error
    if result.returncode != 0:
        raise MediaError(path, _reason(result.stderr, path))
    try:
        document = json.loads(result.stdout or "{}")
    except json.JSONDecodeError as error:
        raise MediaError(path, "ffprobe gave unreadable output") from error
    if not isinstance(document, dict):
        raise MediaError(path, "ffprobe gave unreadable output")
    return document


def ffmpeg_command(*args: str) -> list[str]:
    """An ffmpeg command line that only reports errors and never asks questions."""
    return [FFMPEG, "-hide_banner", "-nostdin", "-v", "error", *args]

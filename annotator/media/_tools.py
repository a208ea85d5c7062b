"""Running ``ffprobe`` and ``ffmpeg``: one place that turns their failures into MediaErrors."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

from annotator.media.errors import MediaError, check_readable_file

FFPROBE = "ffprobe"
FFMPEG = "ffmpeg"


def _last_line(text: str) -> str:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return lines[-1] if lines else "unknown error"


def ffprobe_json(path: Path, *args: str) -> dict[str, Any]:
    """Run ffprobe on ``path`` with JSON output and return the parsed document."""
    check_readable_file(path)
    command = [FFPROBE, "-v", "error", "-of", "json", *args, str(path)]
    try:
        result = subprocess.run(command, capture_output=True, text=True, check=False)
    except OSError as error:
        raise MediaError(path, f"cannot run ffprobe ({error})") from error
    if result.returncode != 0:
        raise MediaError(path, f"not a readable media file ({_last_line(result.stderr)})")
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

"""Run a long ffmpeg job with ``-progress pipe:1``: report a fraction, allow cancelling."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

from annotator.media.errors import Cancelled, MediaError

Progress = Callable[[float], None]
Cancel = Callable[[], bool]


def run_with_progress(
    command: list[str], source: Path, total_s: float, progress: Progress | None, cancel: Cancel | None
) -> None:
    """Run ``command`` (which must write ``-progress pipe:1``) to the end.

    ``progress`` gets fractions in [0, 1] from ffmpeg's ``out_time_us``; ``cancel`` is
    polled at each report and stops ffmpeg (raising ``Cancelled``); a failure raises a
    ``MediaError`` naming ``source`` and ffmpeg's last error line.
    """
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert process.stdout is not None
    try:
        for line in process.stdout:
            key, _, value = line.strip().partition("=")
            if cancel is not None and cancel():
                raise Cancelled(f"{source}: cancelled")
            if key == "out_time_us" and progress is not None and total_s > 0 and value.lstrip("-").isdigit():
                progress(min(max(int(value) / 1e6 / total_s, 0.0), 1.0))
        _, errors = process.communicate()
    finally:
        reap(process)
    if process.returncode != 0:
        lines = [line for line in errors.splitlines() if line.strip()]
        raise MediaError(source, f"ffmpeg failed ({lines[-1] if lines else process.returncode})")
    if progress is not None:
        progress(1.0)


def reap(process: subprocess.Popen[Any]) -> None:
    """Kill a child still running (cancelled, or an error on our side) and collect it."""
    if process.poll() is None:
        process.kill()
        process.communicate()

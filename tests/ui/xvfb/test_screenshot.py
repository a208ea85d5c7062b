"""Under a real X server (Xvfb), the window opens on a project and is screenshotted."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

HERE = Path(__file__).resolve().parent
OUTPUT = HERE.parents[2] / "test-output" / "screenshot.png"


@pytest.mark.xvfb
@pytest.mark.slow
@pytest.mark.skipif(
    shutil.which("xvfb-run") is None, reason="xvfb-run is not installed (apt-get install xvfb)"
)
def test_window_screenshot_under_xvfb() -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY")}
    env["QT_QPA_PLATFORM"] = "xcb"
    OUTPUT.unlink(missing_ok=True)
    result = subprocess.run(
        [
            "xvfb-run",
            "-a",
            "-s",
            "-screen 0 1920x1080x24",
            sys.executable,
            str(HERE / "make_screenshot.py"),
            str(OUTPUT),
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-3000:]
    assert "saved=True" in result.stdout
    count = int(result.stdout.split("segments=")[1].split()[0])
    assert count >= 20
    image = QImage(str(OUTPUT))
    assert image.width() >= 1200
    assert image.height() >= 700
    # Not a blank grab: many distinct colours (video, timeline tracks, text).
    colours = {image.pixel(x, y) for x in range(0, image.width(), 23) for y in range(0, image.height(), 19)}
    assert len(colours) > 50

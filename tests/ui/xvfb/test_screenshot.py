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
    count = _screenshot("make_screenshot.py", OUTPUT)
    assert count >= 20
    image = QImage(str(OUTPUT))
    assert image.width() >= 1200
    assert image.height() >= 700
    # Not a blank grab: many distinct colours (video, timeline tracks, text).
    colours = {image.pixel(x, y) for x in range(0, image.width(), 23) for y in range(0, image.height(), 19)}
    assert len(colours) > 50


@pytest.mark.xvfb
@pytest.mark.slow
@pytest.mark.skipif(
    shutil.which("xvfb-run") is None, reason="xvfb-run is not installed (apt-get install xvfb)"
)
def test_proposals_screenshot_under_xvfb() -> None:
    """After Analyze and More like this: more segments (the proposals), shot ticks in yellow."""
    out = OUTPUT.with_name("screenshot-proposals.png")
    assert _screenshot("make_proposals_screenshot.py", out) > 20 + 5
    image = QImage(str(out))
    yellow = [
        (x, y)
        for x in range(0, image.width(), 2)
        for y in range(image.height() // 3, image.height(), 3)
        if (c := image.pixelColor(x, y)).red() > 230 and c.green() > 190 and c.blue() < 60
    ]
    assert len(yellow) > 20


@pytest.mark.xvfb
@pytest.mark.slow
@pytest.mark.skipif(
    shutil.which("xvfb-run") is None, reason="xvfb-run is not installed (apt-get install xvfb)"
)
def test_agreement_screenshot_under_xvfb() -> None:
    """Two coders: the dialog over the window, and the second coder's lanes outlined in
    yellow (``CODER_COLOURS[1]``) on the timeline."""
    out = OUTPUT.with_name("screenshot-agreement.png")
    assert _screenshot("make_agreement_screenshot.py", out) > 40
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1920, 1080)
    yellow = [
        (x, y)
        for x in range(0, image.width(), 2)
        for y in range(image.height() // 2, image.height(), 2)
        if (c := image.pixelColor(x, y)).red() > 240 and 200 < c.green() < 225 and 60 < c.blue() < 100
    ]
    assert len(yellow) > 20


def test_search_grid_screenshot_under_xvfb() -> None:
    """Ctrl+F and a query: the grid beside the video holds the results' pictures."""
    out = OUTPUT.with_name("screenshot-search.png")
    assert _screenshot("make_search_screenshot.py", out, "search", count="results") == 13
    image = QImage(str(out))
    right = [
        image.pixel(x, y) for x in range(image.width() * 2 // 3, image.width(), 7) for y in range(80, 600, 7)
    ]
    assert len(set(right)) > 200  # pictures, not empty cells


def _screenshot(script: str, out: Path, *args: str, count: str = "segments") -> int:
    """Run ``script`` under Xvfb at 1920x1080; the number of ``count`` it reports."""
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY")}
    env["QT_QPA_PLATFORM"] = "xcb"
    out.unlink(missing_ok=True)
    result = subprocess.run(
        [
            "xvfb-run",
            "-a",
            "-s",
            "-screen 0 1920x1080x24",
            sys.executable,
            str(HERE / script),
            *args,
            str(out),
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-3000:]
    assert "saved=True" in result.stdout
    return int(result.stdout.split(f"{count}=")[1].split()[0])

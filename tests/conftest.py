"""Shared fixtures: headless Qt, no ERROR logs, and generated numbered footage."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from fractions import Fraction
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# A stuck test fails within minutes with every thread's native and Python stack.
from hang_watchdog import pytest_configure, pytest_runtest_protocol, pytest_unconfigure  # noqa: F401

from annotator.media.synthetic import make_numbered_clip


@pytest.fixture(autouse=True)
def _fail_on_error_logs(caplog: pytest.LogCaptureFixture) -> Iterator[None]:
    """A test that logs at ERROR fails, even if its assertions pass (PySceneDetect)."""
    yield
    errors = [r for r in caplog.get_records("call") if r.levelno >= logging.ERROR]
    if errors:
        pytest.fail("logged at ERROR: " + "; ".join(r.getMessage() for r in errors))


@pytest.fixture(scope="session")
def clips_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("clips")


@pytest.fixture(scope="session")
def clip_25fps(clips_dir: Path) -> Path:
    """4 s at 25 fps, 320x180 H.264 with sound: frames 0..99 carry their numbers."""
    return make_numbered_clip(clips_dir / "numbered_25.mp4", frames=100, audio=True)


@pytest.fixture(scope="session")
def clip_2997(clips_dir: Path) -> Path:
    """29.97 fps H.264 with B-frames, 120 frames."""
    return make_numbered_clip(
        clips_dir / "numbered_2997.mp4",
        frames=120,
        fps=Fraction(30000, 1001),
        codec_args=("-c:v", "libx264", "-preset", "veryfast", "-g", "60", "-bf", "3", "-pix_fmt", "yuv420p"),
    )

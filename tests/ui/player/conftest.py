"""Player fixtures: proxy-shaped numbered clips."""

from __future__ import annotations

from collections.abc import Iterator
from fractions import Fraction
from pathlib import Path

import pytest
from player_helpers import PROXY_ARGS

from annotator.domain.frame_times import FrameTimes
from annotator.media.synthetic import make_numbered_clip
from annotator.ui.player.player_engine import PlayerEngine


@pytest.fixture(scope="session")
def proxy_clip(clips_dir: Path) -> tuple[Path, FrameTimes]:
    """Proxy-shaped (GOP 10, no B-frames) 480x270 25 fps clip of 250 frames, with sound."""
    path = make_numbered_clip(
        clips_dir / "proxy_25.mp4", frames=250, size=(480, 270), codec_args=PROXY_ARGS, audio=True
    )
    return path, FrameTimes.constant(Fraction(25), 250)


@pytest.fixture(scope="session")
def proxy_clip_2997(clips_dir: Path) -> tuple[Path, FrameTimes]:
    """Proxy-shaped 29.97 fps clip of 200 frames."""
    fps = Fraction(30000, 1001)
    path = make_numbered_clip(
        clips_dir / "proxy_2997.mp4", frames=200, fps=fps, size=(480, 270), codec_args=PROXY_ARGS
    )
    return path, FrameTimes.constant(fps, 200)


@pytest.fixture
def engine(qtbot) -> Iterator[PlayerEngine]:
    player = PlayerEngine()
    yield player
    player.shutdown()  # ends its decode threads
    player.deleteLater()

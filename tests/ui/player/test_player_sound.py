"""The player's sound, heard for real: a private PulseAudio server's null sink plays it and
its monitor records it. Picture and sound are matched on footage that flashes and beeps on
the same frame every second. (The figure over 10 minutes is ``bench_av_sync``'s; these
bounds catch a broken clock, not a slow day.)"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from pulse_server import RATE, PulseServer, SampleClock, available, flash_offsets_ms, onsets_s

from annotator.media.synthetic import make_numbered_clip, make_sync_clip

pytestmark = pytest.mark.skipif(not available(), reason="needs pulseaudio and parec (scripts/setup has them)")

CHILD = Path(__file__).with_name("sound_child.py")


@pytest.fixture(scope="module")
def pulse(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PulseServer]:
    with PulseServer(tmp_path_factory.mktemp("pulse")) as server:
        yield server


@pytest.fixture(scope="module")
def sync_clip(clips_dir: Path) -> Path:
    return make_sync_clip(clips_dir / "sync_10s.mp4", seconds=10, size=(480, 270))


@pytest.fixture(scope="module")
def tone_clip(clips_dir: Path) -> Path:
    """150 frames with a 440 Hz tone all through."""
    return make_numbered_clip(clips_dir / "tone_6s.mp4", frames=150, audio=True)


Actions = list[list[object]]


Played = tuple[dict, SampleClock, np.ndarray]


def play(pulse: PulseServer, clip: Path, actions: Actions, tmp_path: Path) -> Played:
    """Run the player in a child process with ``actions``; what it did, and the recording."""
    out = tmp_path / "played.json"
    recorder = pulse.recorder()
    time.sleep(0.2)
    env = {**os.environ, "PULSE_SERVER": pulse.address}
    subprocess.run([sys.executable, str(CHILD), str(clip), json.dumps(actions), str(out)],
                   env=env, timeout=120, check=True)  # fmt: skip
    clock, samples = recorder.stop()
    result = json.loads(out.read_text())
    assert result["devices"], "Qt saw no audio device"
    return result, clock, samples


def loud_fraction(clock: SampleClock, samples: np.ndarray, start_s: float, end_s: float) -> float:
    """The share of 10 ms windows between two ``time.monotonic()`` times that hold sound."""
    window = RATE // 100
    first = max(0, int((start_s - clock.first_s) * clock.rate))
    last = min(len(samples), int((end_s - clock.first_s) * clock.rate))
    chunks = [samples[i : i + window] for i in range(first, last - window, window)]
    return sum(float(np.abs(chunk).max()) > 0.05 for chunk in chunks) / max(1, len(chunks))


@pytest.mark.parametrize(("rate", "seconds"), [(1.0, 7.0), (2.0, 4.0)])
def test_sound_and_picture_are_in_step(pulse, sync_clip: Path, tmp_path: Path, rate, seconds) -> None:
    # The sound stream opens with the video and takes up to ~1.5 s to start on a loaded
    # machine (a user rarely plays sooner); the first play after that is in step at once.
    actions: Actions = [[1.4, "rate", rate], [1.5, "play", None], [1.5 + seconds, "pause", None]]
    result, clock, samples = play(pulse, sync_clip, actions, tmp_path)
    offsets = flash_offsets_ms(result["painted"], onsets_s(clock, samples), 25)
    assert len(offsets) >= 5, f"beeps matched to flashes: {offsets}"
    assert abs(statistics.median(offsets)) <= 40
    assert max(abs(offset) for offset in offsets) <= 100


def test_pause_silences_and_play_resumes_the_sound(pulse, tone_clip: Path, tmp_path: Path) -> None:
    actions: Actions = [[1.5, "play", None], [3.0, "pause", None], [4.0, "play", None], [5.2, "pause", None]]
    result, clock, samples = play(pulse, tone_clip, actions, tmp_path)
    at = {f"{command}{index}": s for index, (command, s) in enumerate(result["actions"])}
    assert loud_fraction(clock, samples, at["play0"] + 0.3, at["pause1"]) > 0.95
    assert loud_fraction(clock, samples, at["pause1"] + 0.15, at["play2"]) == 0  # stops within 150 ms
    assert loud_fraction(clock, samples, at["play2"] + 0.3, at["pause3"]) > 0.95
    assert loud_fraction(clock, samples, at["pause3"] + 0.15, at["pause3"] + 0.45) == 0

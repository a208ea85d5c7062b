"""The player's audio decode thread: PCM that starts exactly at the asked media time, at
1x and stretched, on footage whose sound beeps at every whole second."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from annotator.media.audio_decode_thread import (
    BYTES_PER_FRAME,
    AudioDecodeThread,
    atempo_chain,
    atempo_lead_s,
)
from annotator.media.probe import probe
from annotator.media.synthetic import BEEP_S, make_sync_clip

RATE = 48_000
TOLERANCE_S = 0.003


@pytest.fixture(scope="module")
def beeping(clips_dir: Path) -> Path:
    """6 s, a 40 ms beep and a white flash at every whole second."""
    return make_sync_clip(clips_dir / "sync_6s.mp4", seconds=6)


@pytest.fixture(scope="module")
def beeping_late(clips_dir: Path) -> Path:
    """The same in MPEG-TS, whose first frame is 1.4 s into the stream's clock."""
    return make_sync_clip(
        clips_dir / "sync_late.ts", seconds=6, extra_output_args=("-output_ts_offset", "1.4", "-f", "mpegts")
    )


@pytest.fixture
def audio() -> Iterator[AudioDecodeThread]:
    thread = AudioDecodeThread(rate=RATE, ahead_s=30)
    yield thread
    assert thread.shutdown(5.0)


def decoded(thread: AudioDecodeThread, seconds: float) -> np.ndarray:
    """At least ``seconds`` of PCM (or all of it), as one channel of floats."""
    pcm = bytearray()
    deadline = time.monotonic() + 20
    while len(pcm) < seconds * RATE * BYTES_PER_FRAME and not thread.ended:
        assert time.monotonic() < deadline, "timed out"
        pcm += thread.read(1 << 20)
        time.sleep(0.005)
    pcm += thread.read(1 << 24)
    return np.frombuffer(bytes(pcm), np.int16).reshape(-1, 2)[:, 0].astype(np.float64) / 32768


def onsets_s(samples: np.ndarray) -> list[float]:
    """Where each beep starts, in seconds from the first sample."""
    loud = np.abs(samples) > 0.05
    starts = np.flatnonzero(loud[1:] & ~loud[:-1]) + 1
    keep = [int(s) for s in starts if not loud[max(0, s - RATE // 10) : s].any()]
    if loud[0]:
        keep.insert(0, 0)
    return [s / RATE for s in keep]


@pytest.mark.parametrize("media_s", [0.0, 1.5, 2.98, 4.25])
def test_the_first_sample_is_the_one_at_the_asked_time(audio, beeping: Path, media_s: float) -> None:
    audio.start(beeping, media_s, 0.0, 1.0)
    got = onsets_s(decoded(audio, 6))
    expected = [second - media_s for second in range(6) if second >= media_s]
    assert len(got) == len(expected)
    # AAC smears the very first samples of a file, so a beep at 0 s starts a little late.
    assert np.allclose(got[-5:], expected[-5:], atol=TOLERANCE_S)


@pytest.mark.parametrize("speed", [2.0, 0.5, 0.25])
def test_other_speeds_stretch_the_sound_and_keep_its_beeps_on_time(audio, beeping: Path, speed) -> None:
    audio.start(beeping, 1.5, 0.0, speed)
    samples = decoded(audio, 4.5 / speed)
    expected = [(second - 1.5) / speed for second in range(2, 6)]
    got = onsets_s(samples)
    assert len(got) == len(expected)
    # atempo joins overlapping windows of 1/24 s: an onset moves by part of one, in input time.
    assert np.allclose(got, expected, atol=0.025 / speed)
    assert len(samples) / RATE == pytest.approx(4.5 / speed, abs=0.1)
    beep = np.abs(samples[int(expected[0] * RATE) :][: int(float(BEEP_S) * RATE / speed)])
    assert beep.max() > 0.4  # the beep is still there, its pitch kept by atempo


def test_a_late_first_frame_shifts_the_sound_with_it(audio, beeping_late: Path) -> None:
    start_s = float(probe(beeping_late).frame_times.start_s)
    assert start_s > 1.4  # the offset, plus the delay the TS muxer adds
    audio.start(beeping_late, 2.5, start_s, 1.0)
    got = onsets_s(decoded(audio, 3.5))
    assert np.allclose(got, [0.5, 1.5, 2.5], atol=TOLERANCE_S)


def test_a_video_without_sound_ends_at_once(audio, clip_2997: Path) -> None:
    audio.start(clip_2997, 1.0, 0.0, 1.0)
    assert decoded(audio, 1).size == 0
    assert audio.ended


def test_stop_drops_what_was_decoded_and_start_begins_again(audio, beeping: Path) -> None:
    audio.start(beeping, 0.5, 0.0, 1.0)
    assert decoded(audio, 0.1).size > 0
    audio.stop()
    assert audio.read(1 << 20) == b""
    audio.start(beeping, 2.75, 0.0, 1.0)
    assert np.allclose(onsets_s(decoded(audio, 3.25)), [0.25, 1.25, 2.25], atol=TOLERANCE_S)


def test_only_a_little_is_decoded_ahead(beeping: Path) -> None:
    thread = AudioDecodeThread(rate=RATE, ahead_s=0.5)
    try:
        thread.start(beeping, 0.0, 0.0, 1.0)
        time.sleep(0.3)
        held = len(thread.read(1 << 24)) / BYTES_PER_FRAME / RATE
        assert 0.4 <= held <= 0.6
    finally:
        assert thread.shutdown(5.0)


def test_the_lead_is_half_a_window_per_stage() -> None:
    assert atempo_lead_s(1.0) == 0
    assert atempo_lead_s(2.0) == pytest.approx(1 / 48)
    assert atempo_lead_s(0.25) == pytest.approx(1 / 48 + 0.5 / 48)


def test_atempo_factors_stay_in_ffmpeg_range() -> None:
    assert atempo_chain(1.5) == [1.5]
    assert atempo_chain(4.0) == [4.0]
    assert atempo_chain(0.25) == [0.5, 0.5]
    assert np.prod(atempo_chain(0.3)) == pytest.approx(0.3)
    assert all(0.5 <= f <= 100 for f in atempo_chain(0.3))

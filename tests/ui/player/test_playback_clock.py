"""The playback clock: wall time at a speed, both ways; the sound's time when it plays."""

from __future__ import annotations

import pytest

from annotator.ui.player.playback_clock import AUDIO_START_GRACE_S, PlaybackClock


class FakeTime:
    def __init__(self) -> None:
        self.now_s = 100.0

    def __call__(self) -> float:
        return self.now_s


@pytest.fixture
def now() -> FakeTime:
    return FakeTime()


def test_wall_clock_runs_at_the_speed_both_ways(now: FakeTime) -> None:
    clock = PlaybackClock(now)
    clock.start(10.0, 2.0)
    now.now_s += 1.5
    assert clock.media_s() == pytest.approx(13.0)
    clock.start(10.0, 0.5, direction=-1)
    now.now_s += 4.0
    assert clock.media_s() == pytest.approx(8.0)
    assert clock.direction == -1


def test_the_picture_follows_the_sound_once_it_is_heard(now: FakeTime) -> None:
    heard: list[float | None] = [None]
    clock = PlaybackClock(now)
    clock.start(5.0, 1.0)
    clock.follow_audio(lambda: heard[0])
    now.now_s += 0.08  # the device has not started: the picture waits at the start
    assert clock.media_s() == 5.0
    heard[0] = 5.03
    now.now_s += 0.2  # the wall clock says 5.28: the sound wins
    assert clock.media_s() == 5.03


def test_a_sound_that_never_starts_gives_way_to_the_wall_clock(now: FakeTime) -> None:
    clock = PlaybackClock(now)
    clock.start(5.0, 1.0)
    clock.follow_audio(lambda: None)
    now.now_s += AUDIO_START_GRACE_S + 0.25
    assert clock.media_s() == pytest.approx(5.0 + AUDIO_START_GRACE_S + 0.25)


def test_when_the_sound_ends_first_the_wall_clock_runs_on_from_its_last_sample(now: FakeTime) -> None:
    heard: list[float | None] = [7.5]
    clock = PlaybackClock(now)
    clock.start(5.0, 2.0)
    clock.follow_audio(lambda: heard[0])
    now.now_s += 1.3
    assert clock.media_s() == 7.5
    heard[0] = None
    now.now_s += 0.5
    assert clock.media_s() == pytest.approx(8.5)


def test_start_forgets_the_previous_sound(now: FakeTime) -> None:
    clock = PlaybackClock(now)
    clock.start(5.0, 1.0)
    clock.follow_audio(lambda: 6.0)
    assert clock.media_s() == 6.0
    clock.start(1.0, 1.0, direction=-1)
    now.now_s += 0.5
    assert clock.media_s() == pytest.approx(0.5)


def test_a_sound_that_starts_after_the_grace_is_not_followed(now: FakeTime) -> None:
    heard: list[float | None] = [None]
    clock = PlaybackClock(now)
    clock.start(5.0, 1.0)
    clock.follow_audio(lambda: heard[0])
    now.now_s += AUDIO_START_GRACE_S + 0.1
    assert clock.media_s() == pytest.approx(5.0 + AUDIO_START_GRACE_S + 0.1)
    assert not clock.follows_audio
    heard[0] = 5.02  # the sound starts at last: the picture does not jump back
    now.now_s += 0.1
    assert clock.media_s() == pytest.approx(5.0 + AUDIO_START_GRACE_S + 0.2)

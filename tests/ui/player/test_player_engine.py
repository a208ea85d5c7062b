"""PlayerEngine on numbered footage: every picture is checked by the number in its pixels."""

from __future__ import annotations

import random
from fractions import Fraction

import pytest
from player_helpers import PROXY_ARGS, image_frame_number, load_and_wait

from annotator.domain.frame_times import FrameTimes
from annotator.media.synthetic import make_numbered_clip
from annotator.ui.player.player_engine import PlayerEngine, clamp_rate


def _seek_and_check(qtbot, engine: PlayerEngine, frame: int) -> None:
    with qtbot.waitSignal(engine.frame_shown, timeout=3000) as blocker:
        engine.seek_frame(frame)
    shown, image = blocker.args
    assert shown == frame
    assert image_frame_number(image) == frame
    assert engine.current_frame == frame


def test_load_shows_frame_zero(qtbot, engine, proxy_clip):
    path, times = proxy_clip
    with qtbot.waitSignal(engine.frame_shown, timeout=5000) as blocker:
        engine.load(path, times)
    assert blocker.args[0] == 0
    assert image_frame_number(blocker.args[1]) == 0


def test_random_seeks_land_on_the_frame(qtbot, engine, proxy_clip):
    path, times = proxy_clip
    load_and_wait(qtbot, engine, path, times)
    rng = random.Random(3)
    for frame in [*rng.sample(range(times.frame_count), 15), times.frame_count - 1, 0]:
        engine.clear_cache()
        _seek_and_check(qtbot, engine, frame)


def test_step_forward_and_back_thirty_times(qtbot, engine, proxy_clip):
    path, times = proxy_clip
    load_and_wait(qtbot, engine, path, times)
    _seek_and_check(qtbot, engine, 100)
    for delta in [1] * 30 + [-1] * 30 + [-1] * 30:
        expected = engine.current_frame + delta
        with qtbot.waitSignal(engine.frame_shown, timeout=3000) as blocker:
            engine.step(delta)
        assert blocker.args[0] == expected
        assert image_frame_number(blocker.args[1]) == expected


def test_stepping_back_onto_a_cached_frame_shows_it_at_once(qtbot, engine, proxy_clip):
    path, times = proxy_clip
    load_and_wait(qtbot, engine, path, times)
    _seek_and_check(qtbot, engine, 40)
    _seek_and_check(qtbot, engine, 41)
    assert engine.has_picture(40)
    assert not engine.has_picture(42)
    shown = []
    engine.frame_shown.connect(lambda frame, image: shown.append((frame, image_frame_number(image))))
    engine.step(-1)  # no event loop turn: the cached picture is emitted synchronously
    assert shown == [(40, 40)]
    engine.clear_cache()
    assert not engine.has_picture(40)


def test_stale_requests_are_never_shown(qtbot, engine, proxy_clip):
    path, times = proxy_clip
    load_and_wait(qtbot, engine, path, times)
    engine.clear_cache()
    shown = []
    engine.frame_shown.connect(lambda frame, image: shown.append((frame, image_frame_number(image))))
    with qtbot.waitSignal(engine.frame_shown, timeout=3000, check_params_cb=lambda f, _i: f == 200):
        for frame in (30, 90, 150, 200):
            engine.seek_frame(frame)
    assert shown == [(200, 200)]


def test_step_clamps_at_the_ends(qtbot, engine, proxy_clip):
    path, times = proxy_clip
    load_and_wait(qtbot, engine, path, times)
    last = times.frame_count - 1
    with qtbot.waitSignal(engine.frame_shown, timeout=3000) as blocker:
        engine.seek_frame(times.frame_count + 50)
    assert (blocker.args[0], image_frame_number(blocker.args[1])) == (last, last)
    with qtbot.waitSignal(engine.frame_shown, timeout=3000) as blocker:
        engine.seek_frame(-5)
    assert (blocker.args[0], image_frame_number(blocker.args[1])) == (0, 0)


def test_2997_seeks_and_steps_are_exact(qtbot, engine, proxy_clip_2997):
    path, times = proxy_clip_2997
    load_and_wait(qtbot, engine, path, times)
    for frame in (1, 29, 30, 101, 199, 150):
        engine.clear_cache()
        _seek_and_check(qtbot, engine, frame)
    for _ in range(10):
        engine.clear_cache()
        expected = engine.current_frame - 1
        with qtbot.waitSignal(engine.frame_shown, timeout=3000) as blocker:
            engine.step(-1)
        assert (blocker.args[0], image_frame_number(blocker.args[1])) == (expected, expected)


def test_2997_with_b_frames_original(qtbot, engine, clip_2997):
    times = FrameTimes.constant(Fraction(30000, 1001), 120)
    load_and_wait(qtbot, engine, clip_2997, times)
    for frame in (7, 61, 119, 33):
        _seek_and_check(qtbot, engine, frame)


def test_rate_is_clamped(qtbot, engine):
    assert clamp_rate(0.1) == 0.25
    assert clamp_rate(10) == 4.0
    with qtbot.waitSignal(engine.rate_changed) as blocker:
        engine.set_rate(9)
    assert blocker.args == [4.0]
    engine.set_rate(0.01)
    assert engine.rate == 0.25
    engine.set_rate(1.5)
    assert engine.rate == 1.5


@pytest.mark.parametrize("speeds", [(1.0, 2.0, 4.0, 4.0)])
def test_shuttle_forward_speeds_up(qtbot, engine, proxy_clip, speeds):
    path, times = proxy_clip
    load_and_wait(qtbot, engine, path, times)
    seen = []
    for _ in speeds:
        engine.shuttle_forward()
        seen.append(engine.rate)
    assert tuple(seen) == speeds
    with qtbot.waitSignal(engine.playing_changed) as blocker:
        engine.shuttle_stop()
    assert blocker.args == [False]
    assert not engine.is_playing


def test_a_clip_that_starts_late_is_read_from_its_first_frame(qtbot, engine, clips_dir):
    # Phone and screen recordings start at e.g. 0.033 s; Qt's startTime counts from the
    # container start, the table from the first frame: the two must agree.
    path = make_numbered_clip(
        clips_dir / "late_start.mp4",
        frames=60,
        codec_args=PROXY_ARGS,
        extra_output_args=("-output_ts_offset", "0.033"),
    )
    times = FrameTimes(Fraction(1, 1000), tuple(33 + 40 * n for n in range(60)), 33 + 40 * 60)
    load_and_wait(qtbot, engine, path, times)
    for frame in (1, 37, 59, 12):
        _seek_and_check(qtbot, engine, frame)


def test_unload_closes_the_media(qtbot, engine, proxy_clip) -> None:
    path, times = proxy_clip
    load_and_wait(qtbot, engine, path, times)
    engine.play()
    engine.unload()
    assert not engine.is_playing
    assert engine.frame_count == 0
    assert engine.frame_times is None

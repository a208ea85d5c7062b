"""Playing, shuttling and the no-audio case, on numbered footage."""

from __future__ import annotations

import time

import pytest
from player_helpers import image_frame_number, load_and_wait
from PySide6.QtMultimedia import QMediaDevices

from annotator.ui.player.player_engine import PlayerEngine


def _collect(engine: PlayerEngine) -> list[tuple[int, int]]:
    shown: list[tuple[int, int]] = []
    engine.frame_shown.connect(lambda frame, image: shown.append((frame, image_frame_number(image))))
    return shown


def test_play_for_a_second_shows_increasing_frames(qtbot, engine, proxy_clip):
    path, times = proxy_clip
    load_and_wait(qtbot, engine, path, times)
    shown = _collect(engine)
    with qtbot.waitSignal(engine.playing_changed) as started:
        engine.play()
    assert started.args == [True]
    assert engine.is_playing
    qtbot.waitUntil(lambda: len(shown) >= 25, timeout=5000)
    with qtbot.waitSignal(engine.playing_changed) as stopped:
        engine.pause()
    assert stopped.args == [False]
    frames = [frame for frame, _pixels in shown]
    assert all(frame == pixels for frame, pixels in shown)
    assert frames == sorted(frames)
    assert len(set(frames)) == len(frames)
    assert frames[-1] - frames[0] >= 20  # nothing stalled: ~25 frames a second


def test_no_audio_device_still_plays_and_says_so_once(qtbot, proxy_clip):
    if QMediaDevices.audioOutputs():
        pytest.skip("this machine has an audio output device")
    path, times = proxy_clip
    engine = PlayerEngine()
    reports: list[str] = []
    engine.audio_unavailable.connect(reports.append)
    load_and_wait(qtbot, engine, path, times)
    shown = _collect(engine)
    engine.play()
    qtbot.waitUntil(lambda: len(shown) >= 10, timeout=5000)
    engine.pause()
    load_and_wait(qtbot, engine, path, times)
    engine.play()
    qtbot.waitUntil(lambda: engine.current_frame >= 5, timeout=5000)
    engine.unload()
    engine.deleteLater()
    assert len(reports) == 1
    assert "audio" in reports[0].lower()


def test_playing_to_the_end_stops_and_seeking_still_works(qtbot, engine, proxy_clip):
    path, times = proxy_clip
    load_and_wait(qtbot, engine, path, times)
    last = times.frame_count - 1
    with qtbot.waitSignal(engine.frame_shown, timeout=3000):
        engine.seek_frame(last - 10)
    engine.set_rate(4)
    with qtbot.waitSignal(engine.playing_changed, timeout=5000, check_params_cb=lambda p: not p):
        engine.play()
    assert not engine.is_playing
    assert engine.current_frame == last
    with qtbot.waitSignal(engine.frame_shown, timeout=3000) as blocker:
        engine.seek_frame(17)
    assert (blocker.args[0], image_frame_number(blocker.args[1])) == (17, 17)


def test_reverse_shuttle_goes_backwards(qtbot, engine, proxy_clip):
    path, times = proxy_clip
    load_and_wait(qtbot, engine, path, times)
    with qtbot.waitSignal(engine.frame_shown, timeout=3000):
        engine.seek_frame(120)
    shown = _collect(engine)
    with qtbot.waitSignal(engine.playing_changed) as started:
        engine.shuttle_reverse()
    assert started.args == [True]
    assert engine.rate == -1.0
    engine.shuttle_reverse()
    assert engine.rate == -2.0
    qtbot.waitUntil(lambda: len(shown) >= 10, timeout=5000)
    engine.shuttle_stop()
    assert not engine.is_playing
    frames = [frame for frame, _pixels in shown]
    assert all(frame == pixels for frame, pixels in shown)
    assert frames == sorted(frames, reverse=True)
    assert frames[0] < 120


def test_shuttle_forward_after_reverse_plays_forward_at_1x(qtbot, engine, proxy_clip):
    path, times = proxy_clip
    load_and_wait(qtbot, engine, path, times)
    engine.shuttle_reverse()
    engine.shuttle_reverse()
    engine.shuttle_forward()
    assert engine.rate == 1.0
    assert engine.is_playing
    engine.pause()


def test_play_until_never_shows_a_frame_past_it_however_late(qtbot, engine, proxy_clip):
    """A late GUI thread makes the player pass frames over to keep time; with ``until`` it
    still stops exactly on that frame (review mode's stop frame: this was seen overshoot by
    several frames at load 9)."""
    path, times = proxy_clip
    load_and_wait(qtbot, engine, path, times)
    with qtbot.waitSignal(engine.frame_shown, timeout=3000):
        engine.seek_frame(40)
    shown = _collect(engine)
    engine.play(until=48)
    time.sleep(0.6)  # the GUI thread stalls: the clock runs 15 frames past 40
    qtbot.waitUntil(lambda: not engine.is_playing, timeout=5000)
    frames = [frame for frame, _pixels in shown]
    assert frames[-1] == 48
    assert max(frames) == 48
    assert all(frame == pixels for frame, pixels in shown)
    assert engine.current_frame == 48
    engine.play()  # a plain play afterwards runs on past it
    qtbot.waitUntil(lambda: engine.current_frame > 52, timeout=5000)
    engine.pause()

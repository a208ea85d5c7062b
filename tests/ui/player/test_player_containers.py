"""The player agrees with the frame table on every container a newsroom meets: every
frame stepped to, played through forward and backward and sought at random shows the
number its index says (the same clips as ``tests/media/test_containers.py``)."""

from __future__ import annotations

import random

from player_helpers import image_frame_number

from annotator.media.probe import probe
from annotator.media.synthetic_containers import OddClip
from annotator.ui.player.player_engine import PlayerEngine

WAIT_MS = 5000


def collect(engine: PlayerEngine) -> list[tuple[int, int]]:
    shown: list[tuple[int, int]] = []
    engine.frame_shown.connect(lambda frame, image: shown.append((frame, image_frame_number(image))))
    return shown


def test_the_player_shows_every_frame_of_every_container(qtbot, engine: PlayerEngine, odd_clip: OddClip):
    info = probe(odd_clip.path)
    assert info.frame_count == odd_clip.frame_count
    first, last = odd_clip.first_number, odd_clip.frame_count - 1
    shown = collect(engine)
    with qtbot.waitSignal(engine.frame_shown, timeout=WAIT_MS):
        engine.load(odd_clip.path, info.frame_times, has_audio=False)
    for frame in range(1, odd_clip.frame_count):  # every frame, one step at a time
        with qtbot.waitSignal(engine.frame_shown, timeout=WAIT_MS):
            engine.step(1)
        assert engine.current_frame == frame
    assert shown == [(n, first + n) for n in range(odd_clip.frame_count)]

    # Played both ways over at most 8 s of media around the middle (the whole of a short clip).
    times = info.frame_times
    middle_s = times.duration_s / 2
    low = 0 if times.duration_s <= 8 else times.frame_at(middle_s - 4)
    high = last if times.duration_s <= 8 else times.frame_at(middle_s + 4)
    engine.seek_frame(high)
    qtbot.waitUntil(lambda: engine.current_frame == high, timeout=WAIT_MS)
    shown.clear()  # backwards (true reverse play) at 4x
    engine.set_rate(4)
    for _ in range(3):
        engine.shuttle_reverse()
    qtbot.waitUntil(lambda: engine.current_frame <= low, timeout=WAIT_MS)
    engine.pause()
    assert all(number == first + frame for frame, number in shown)
    assert [frame for frame, _ in shown] == sorted({frame for frame, _ in shown}, reverse=True)

    shown.clear()  # forwards at 4x, to the end
    engine.seek_frame(max(low, last - (high - low)))
    engine.play()
    qtbot.waitUntil(lambda: not engine.is_playing, timeout=WAIT_MS)
    assert engine.current_frame == last
    assert all(number == first + frame for frame, number in shown)
    assert shown[-1][0] == last

    rng = random.Random(odd_clip.frame_count)
    for frame in rng.sample(range(odd_clip.frame_count), 12):
        engine.clear_cache()
        with qtbot.waitSignal(engine.frame_shown, timeout=WAIT_MS) as blocker:
            engine.seek_frame(frame)
        assert (blocker.args[0], image_frame_number(blocker.args[1])) == (frame, first + frame)

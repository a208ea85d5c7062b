"""More like this, on made-up features: the stretches planted like the examples come first."""

from __future__ import annotations

from fractions import Fraction
from itertools import pairwise

import numpy as np

from annotator.analysis.similar import Stretch, VideoFeatures, find_similar
from annotator.analysis.sounds import SoundCells
from annotator.domain.frame_times import FrameTimes

PLANTED = [(0, 100), (0, 400), (0, 700), (1, 200), (1, 500)]


def features(video: int, rng: np.random.Generator, with_sound: bool) -> VideoFeatures:
    frames = 1000
    signatures = rng.normal(0, 1, (frames, 22)).astype(np.float32)
    cells = None
    if with_sound:
        log_mel = rng.normal(0, 1, (frames * 4 // 10, 32)).astype(np.float32)
        loudness = rng.normal(-30, 3, len(log_mel)).astype(np.float32)
        speech = np.zeros(len(log_mel), np.float32)
        cells = SoundCells(0.0, loudness, speech, speech, log_mel)
    for planted_video, start in PLANTED:
        if planted_video == video:
            signatures[start : start + 40] += 4  # the same look everywhere it is planted
            if cells is not None:
                cells.log_mel[start * 4 // 10 : (start + 40) * 4 // 10, :8] += 5
    return VideoFeatures(FrameTimes.constant(Fraction(25), frames), cells, signatures)


def test_the_planted_stretches_come_first() -> None:
    rng = np.random.default_rng(4)
    videos = {0: features(0, rng, True), 1: features(1, rng, True)}
    examples = [Stretch(0, 100, 140), Stretch(1, 200, 240)]
    matches = find_similar(videos, examples, count=5)
    top = {(m.stretch.video_id, m.stretch.start_frame // 20) for m in matches[:3]}
    assert top == {(0, 20), (0, 35), (1, 25)}  # 400, 700 and 500, to half a window
    assert all(not m.stretch.overlaps(e) for m in matches for e in examples)
    assert matches[0].similarity > 0.5 > matches[-1].similarity
    assert all(a.similarity >= b.similarity for a, b in pairwise(matches))
    starts = [(m.stretch.video_id, m.stretch.start_frame) for m in matches]
    assert len(set(starts)) == len(starts)
    assert not any(a.stretch.overlaps(b.stretch) for a in matches for b in matches if a is not b)


def test_pictures_alone_are_enough_and_coded_stretches_are_left_out() -> None:
    rng = np.random.default_rng(5)
    videos = {0: features(0, rng, False), 1: features(1, rng, False)}
    examples = [Stretch(0, 100, 140)]
    coded = [Stretch(0, 390, 450)]
    matches = find_similar(videos, examples, count=3, exclude=coded)
    assert {(m.stretch.video_id, m.stretch.start_frame // 20) for m in matches} == {(0, 35), (1, 10), (1, 25)}
    assert all(not m.stretch.overlaps(coded[0]) for m in matches)


def test_nothing_to_learn_from_finds_nothing() -> None:
    rng = np.random.default_rng(6)
    assert find_similar({0: features(0, rng, False)}, []) == []

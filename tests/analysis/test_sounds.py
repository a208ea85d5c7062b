"""Sound events on a mix with a known truth: silence, speech (espeak-ng), a loud noise burst
over a quiet noise bed; streamed, named in frames of the video."""

from __future__ import annotations

from pathlib import Path

from analysis_clips import BURST_S, SPEECH_FROM_S

from annotator.analysis.results import SoundKind
from annotator.media.probe import probe
from annotator.project.analyze import analyze_file

FPS = 25


def test_silence_speech_and_a_loud_burst(sound_clip: Path) -> None:
    info = probe(sound_clip)
    found = analyze_file(sound_clip, info, pictures=False).sounds
    by_kind = {kind: [(e.start_frame / FPS, e.end_frame / FPS, e.score) for e in found if e.kind == kind]
               for kind in SoundKind}  # fmt: skip
    (silence,) = by_kind[SoundKind.SILENCE]
    assert silence[:2] == (0.0, SPEECH_FROM_S)
    speech = by_kind[SoundKind.SPEECH]  # the sentences, apart where the speaker pauses
    assert 1 <= len(speech) <= 3
    assert abs(speech[0][0] - SPEECH_FROM_S) <= 0.1
    assert 6.0 <= speech[-1][1] <= 7.6  # espeak-ng speaks ~4.5-5 s, plus 300 ms of hangover
    assert sum(end - start for start, end, _ in speech) >= 3.5
    assert all(score > 0.8 for *_, score in speech)
    (loud,) = by_kind[SoundKind.LOUD]  # the noise bed is neither speech nor loud
    assert abs(loud[0] - BURST_S[0]) <= 0.1
    assert abs(loud[1] - BURST_S[1]) <= 0.2
    assert loud[2] >= 10  # dB over the median around it


def test_cells_hold_loudness_speech_and_log_mel(sound_clip: Path) -> None:
    cells = analyze_file(sound_clip, probe(sound_clip), pictures=False).cells
    assert cells is not None
    assert len(cells.loudness_db) == 120  # 12 s in 100 ms cells
    assert cells.log_mel.shape == (120, 32)
    assert cells.loudness_db[:19].max() < -100  # digital silence
    assert cells.speech[25:60].mean() > 0.8


def test_a_video_without_sound_has_no_cells(shot_clip: Path) -> None:
    analysis = analyze_file(shot_clip, probe(shot_clip), pictures=False)
    assert analysis.cells is None
    assert analysis.sounds == []

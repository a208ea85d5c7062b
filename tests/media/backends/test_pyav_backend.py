"""What makes the PyAV backend fast: it decodes from the keyframe before the frame, fills a
backward run on a step back, and converts to RGB only the frames asked for."""

from __future__ import annotations

from pathlib import Path

from annotator.media.backends.cached_source import BACKWARD_RUN
from annotator.media.backends.pyav import PyAVFrameSource, thread_type_for
from annotator.media.frame_source import FrameSource
from annotator.media.probe import probe_with_index
from annotator.media.synthetic import read_frame_number


def _check(source: FrameSource, order: list[int]) -> None:
    wrong = [(n, read_frame_number(source.frame(n))) for n in order]
    assert [pair for pair in wrong if pair[0] != pair[1]] == []


def test_pyav_decodes_from_the_keyframe_before_the_frame(clip_2997: Path) -> None:
    """A random fetch costs the frames from the keyframe at or before it, no more."""
    _, index = probe_with_index(clip_2997)  # keyframes at 0 and 60, B-frames
    with PyAVFrameSource(clip_2997, index) as source:
        for target, cost in [(119, 60), (65, 6), (66, 1), (60, 1), (10, 11), (75, 16)]:
            before = source.frames_decoded
            assert read_frame_number(source.frame(target)) == target
            assert source.frames_decoded - before == cost, target


def test_pyav_one_step_back_fills_a_backward_run(clip_2997: Path) -> None:
    _, index = probe_with_index(clip_2997)
    with PyAVFrameSource(clip_2997, index) as source:
        source.frame(100)
        source.frame(99)  # decodes 60..99, keeps the last BACKWARD_RUN
        before = source.frames_decoded
        _check(source, list(range(98, 99 - BACKWARD_RUN, -1)))
        assert source.frames_decoded == before


def test_pyav_step_back_converts_only_the_frame_asked_for(clip_2997: Path) -> None:
    """A step back that misses decodes a whole run but converts one frame to RGB; the rest
    of the run is converted one by one as it is asked for, and only once."""
    _, index = probe_with_index(clip_2997)
    with PyAVFrameSource(clip_2997, index) as source:
        source.frame(100)
        decoded, converted = source.frames_decoded, source.frames_converted
        assert read_frame_number(source.frame(99)) == 99  # a miss: decodes 60..99
        assert (source.frames_decoded - decoded, source.frames_converted - converted) == (40, 1)
        for target in range(98, 99 - BACKWARD_RUN, -1):
            converted = source.frames_converted
            assert read_frame_number(source.frame(target)) == target
            assert source.frames_converted - converted == 1, target
        decoded, converted = source.frames_decoded, source.frames_converted
        _check(source, [95, 99, 90])  # held as RGB now
        assert (source.frames_decoded, source.frames_converted) == (decoded, converted)


def test_pyav_threads_by_gop_length(clip_2997: Path, clip_mpg: Path) -> None:
    assert thread_type_for(probe_with_index(clip_2997)[1]) == "AUTO"  # GOP 60
    assert thread_type_for(probe_with_index(clip_mpg)[1]) == "SLICE"  # GOP 12, like a proxy

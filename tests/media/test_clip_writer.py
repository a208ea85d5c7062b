"""Frame-exact clips, checked by the pixels of numbered footage: the first frame and the count
are exact in every container and timing we read (B-frames, 29.97, variable rate, AVI, MPEG
program stream, Matroska), frame durations are kept, odd sizes are padded (never scaled),
the sound stays in sync, burn-in draws without touching the numbers, and a cancelled or
failed clip leaves no file."""

from __future__ import annotations

import itertools
from fractions import Fraction
from pathlib import Path

import av
import numpy as np
import pytest

from annotator.media.clip_writer import BurnIn, write_clip
from annotator.media.errors import Cancelled, MediaError
from annotator.media.probe import probe_with_index
from annotator.media.synthetic import BEEP_HZ, make_numbered_clip, make_sync_clip, read_frame_number


def frames_of(path: Path) -> list[tuple[int, Fraction]]:
    """Each picture's drawn number and its time from the clip's first picture."""
    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        shown = [
            (read_frame_number(frame.to_ndarray(format="rgb24")), Fraction(frame.pts) * stream.time_base)
            for frame in container.decode(stream)
        ]
    origin = shown[0][1]
    return [(number, time - origin) for number, time in shown]


def cut(source: Path, first: int, stop: int, target: Path, **options: object) -> list[tuple[int, Fraction]]:
    info, index = probe_with_index(source)
    write_clip(source, index, first, stop, target, audio=info.has_audio, **options)  # type: ignore[arg-type]
    return frames_of(target)


@pytest.mark.parametrize("first", [0, 7, 31])
def test_first_frame_and_count_are_exact_in_every_container(
    any_clip: Path, first: int, tmp_path: Path
) -> None:
    info, index = probe_with_index(any_clip)
    stop = min(first + 23, info.frame_count)
    shown = cut(any_clip, first, stop, tmp_path / "clip.mp4")
    assert [number for number, _ in shown] == list(range(first, stop))
    times = index.frame_times
    expected = [times.seconds(n) - times.seconds(first) for n in range(first, stop)]
    # Each picture keeps its time (within the clip's millisecond-or-finer time base).
    assert all(abs(float(got - want)) < 0.0015 for (_, got), want in zip(shown, expected, strict=True))


def test_a_variable_rate_clip_keeps_each_frames_duration(clip_vfr: Path, tmp_path: Path) -> None:
    shown = cut(clip_vfr, 40, 70, tmp_path / "vfr.mp4")
    assert [number for number, _ in shown] == list(range(40, 70))
    times = probe_with_index(clip_vfr)[1].frame_times
    steps = [b - a for (_, a), (_, b) in itertools.pairwise(shown)]
    wanted = [times.seconds(n + 1) - times.seconds(n) for n in range(40, 69)]
    assert steps == wanted  # exactly: the clip keeps the source's time base
    assert len(set(wanted)) > 1  # and the rate does change inside the clip


def test_the_last_frames_of_a_video_and_refusals_of_frames_outside_it(
    clip_25fps: Path, tmp_path: Path
) -> None:
    assert [n for n, _ in cut(clip_25fps, 90, 100, tmp_path / "end.mp4")] == list(range(90, 100))
    _info, index = probe_with_index(clip_25fps)
    for first, stop in ((95, 101), (-1, 3), (5, 5)):
        with pytest.raises(MediaError, match=rf"frames {first}\.\.{stop} are outside 0\.\.100"):
            write_clip(clip_25fps, index, first, stop, tmp_path / f"bad{first}.mp4", audio=True)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["end.mp4"]


def test_an_odd_size_is_padded_not_scaled(clips_dir: Path, tmp_path: Path) -> None:
    odd = make_numbered_clip(
        clips_dir / "odd.mkv",
        frames=20,
        codec_args=("-c:v", "ffv1", "-pix_fmt", "yuv444p"),
        extra_output_args=("-vf", "scale=321:181:flags=neighbor"),
    )
    target = tmp_path / "odd.mp4"
    assert [n for n, _ in cut(odd, 3, 12, target)] == list(range(3, 12))
    with av.open(str(target)) as container:
        stream = container.streams.video[0]
        assert (stream.codec_context.width, stream.codec_context.height) == (322, 182)
        picture = next(container.decode(stream)).to_ndarray(format="gray")
    with av.open(str(odd)) as container:
        original = next(f for i, f in enumerate(container.decode(video=0)) if i == 3).to_ndarray(
            format="gray"
        )
    # The original's pixels stay where they were (no scaling): only compression's error.
    difference = np.abs(picture[:181, :321].astype(int) - original.astype(int))
    assert float(difference.mean()) < 3
    assert float(picture[:, 321].mean()) < 20
    assert float(picture[181, :].mean()) < 20


def _first_beep_s(path: Path) -> float:
    """Time of the first 1 kHz beep's onset in the clip's sound, from its first sample."""
    with av.open(str(path)) as container:
        stream = container.streams.audio[0]
        chunks = [frame.to_ndarray()[0] for frame in container.decode(stream)]
        rate = stream.rate
    samples = np.concatenate(chunks)
    loud = np.flatnonzero(np.abs(samples) > 0.3)
    assert len(loud), "no beep in the clip's sound"
    assert BEEP_HZ == 1000
    return float(loud[0]) / rate


def test_sound_starts_with_the_first_frame(clips_dir: Path, tmp_path: Path) -> None:
    source = make_sync_clip(clips_dir / "sync_clip.mp4", seconds=3)
    target = tmp_path / "sync.mp4"
    shown = cut(source, 13, 60, target)  # frame 13 is at 0.52 s; the beep with the flash at 1.0 s
    assert [n for n, _ in shown] == list(range(13, 60))
    assert abs(_first_beep_s(target) - 0.48) < 0.003
    with av.open(str(target)) as container:
        audio = container.streams.audio[0]
        assert audio.duration is not None
        assert abs(float(audio.duration * audio.time_base) - 47 / 25) < 0.03


def test_burn_in_draws_label_note_and_timecode_below_the_picture(clip_2997: Path, tmp_path: Path) -> None:
    plain, drawn = tmp_path / "plain.mp4", tmp_path / "drawn.mp4"
    cut(clip_2997, 20, 30, plain)
    burn = BurnIn("laughter — 100% 'real': {n} \\ end", "00:00:00;20", Fraction(30000, 1001))
    shown = cut(clip_2997, 20, 30, drawn, burn_in=burn)
    assert [n for n, _ in shown] == list(range(20, 30))
    with av.open(str(plain)) as a, av.open(str(drawn)) as b:
        before = next(a.decode(video=0)).to_ndarray(format="gray").astype(int)
        after = next(b.decode(video=0)).to_ndarray(format="gray").astype(int)
    height = before.shape[0]
    bottom = np.abs(after[height * 3 // 4 :] - before[height * 3 // 4 :]).mean()
    top = np.abs(after[: height // 2] - before[: height // 2]).mean()
    assert bottom > 10 > 1 > top


def test_cancelling_leaves_no_file(clip_25fps: Path, tmp_path: Path) -> None:
    _info, index = probe_with_index(clip_25fps)
    sent: list[int] = []
    target = tmp_path / "cancelled.mp4"
    with pytest.raises(Cancelled):
        write_clip(
            clip_25fps, index, 0, 100, target, audio=True, done=sent.append, cancel=lambda: len(sent) >= 10
        )
    assert sent == list(range(10))
    assert list(tmp_path.iterdir()) == []


def test_an_existing_file_is_never_replaced(clip_25fps: Path, tmp_path: Path) -> None:
    _info, index = probe_with_index(clip_25fps)
    target = tmp_path / "mine.mp4"
    target.write_bytes(b"a user's file")
    with pytest.raises(MediaError, match="exists already; a clip never replaces a file"):
        write_clip(clip_25fps, index, 0, 10, target, audio=True)
    assert target.read_bytes() == b"a user's file"


def test_an_ffmpeg_failure_is_named_and_leaves_nothing(clip_25fps: Path, tmp_path: Path) -> None:
    _info, index = probe_with_index(clip_25fps)
    target = tmp_path / "no-such-folder" / "clip.mp4"
    with pytest.raises(MediaError, match=r"ffmpeg could not write the clip \(.*no-such-folder"):
        write_clip(clip_25fps, index, 0, 10, target, audio=True)
    assert list(tmp_path.iterdir()) == []

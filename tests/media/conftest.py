"""Media fixtures: tiny numbered clips in every container and timing the media layer handles,
and bad files that must give a clear MediaError."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from annotator.media.frame_source import BACKENDS, Backend
from annotator.media.synthetic import make_numbered_clip

X264_BFRAMES = ("-c:v", "libx264", "-preset", "veryfast", "-g", "30", "-bf", "2", "-pix_fmt", "yuv420p")

# Frames 0..49 at 25 fps, then 50..99 at 1/20 s: a variable frame rate.
VFR_SETPTS = "N/25/TB+if(gt(N,50),(N-50)*0.02/TB,0)"


@pytest.fixture(scope="session")
def clip_vfr(clips_dir: Path) -> Path:
    """100 frames whose spacing changes half-way (40 ms, then 60 ms)."""
    return make_numbered_clip(clips_dir / "vfr.mp4", frames=100, setpts=VFR_SETPTS)


@pytest.fixture(scope="session")
def clip_offset(clips_dir: Path) -> Path:
    """100 frames at 25 fps whose first frame is at 0.033 s, as phone recordings do."""
    return make_numbered_clip(
        clips_dir / "offset.mp4", frames=100, extra_output_args=("-output_ts_offset", "0.033")
    )


@pytest.fixture(scope="session")
def clip_avi_mpeg4(clips_dir: Path) -> Path:
    return make_numbered_clip(
        clips_dir / "mpeg4.avi", frames=90, codec_args=("-c:v", "mpeg4", "-q:v", "4", "-g", "12")
    )


@pytest.fixture(scope="session")
def clip_avi_mjpeg(clips_dir: Path) -> Path:
    return make_numbered_clip(clips_dir / "mjpeg.avi", frames=60, codec_args=("-c:v", "mjpeg", "-q:v", "4"))


@pytest.fixture(scope="session")
def clip_mpg(clips_dir: Path) -> Path:
    """MPEG-2 program stream with B-frames: starts at pts 0.54 s and omits some pts."""
    return make_numbered_clip(
        clips_dir / "program.mpg",
        frames=100,
        codec_args=("-c:v", "mpeg2video", "-q:v", "4", "-g", "12", "-bf", "2"),
        extra_output_args=("-f", "vob"),
    )


@pytest.fixture(scope="session")
def clip_mkv(clips_dir: Path) -> Path:
    """Matroska (1 ms time base) with B-frames and audio."""
    return make_numbered_clip(clips_dir / "matroska.mkv", frames=100, codec_args=X264_BFRAMES, audio=True)


@pytest.fixture(scope="session")
def clip_wide(clips_dir: Path) -> Path:
    """1280x720, to check the proxy is scaled to 960 px wide."""
    return make_numbered_clip(clips_dir / "wide.mp4", frames=30, size=(1280, 720))


CLIP_FIXTURES = [
    "clip_25fps", "clip_2997", "clip_vfr", "clip_offset",
    "clip_avi_mpeg4", "clip_avi_mjpeg", "clip_mpg", "clip_mkv",
]  # fmt: skip


@pytest.fixture(params=CLIP_FIXTURES)
def any_clip(request: pytest.FixtureRequest) -> Path:
    """Each numbered clip in turn."""
    path: Path = request.getfixturevalue(request.param)
    return path


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> Backend:
    """Each frame source backend in turn ("pyav", "opencv")."""
    name: Backend = request.param
    return name


@pytest.fixture(scope="session")
def bad_files(clips_dir: Path, clip_25fps: Path) -> dict[str, Path]:
    """Files that are not usable videos, by what is wrong with them."""
    folder = clips_dir / "bad"
    folder.mkdir(exist_ok=True)
    text = folder / "notes.mp4"
    text.write_text("this is not a video\n" * 50)
    empty = folder / "empty.mp4"
    empty.write_bytes(b"")
    truncated = folder / "truncated.mp4"
    truncated.write_bytes(clip_25fps.read_bytes()[:4000])
    garbage = folder / "garbage.mkv"
    garbage.write_bytes(bytes(range(256)) * 400)
    audio = folder / "tone.m4a"
    subprocess.run(
        ["ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", "sine=duration=1", "-c:a", "aac", str(audio)],
        check=True,
    )
    return {
        "missing": folder / "nowhere.mp4", "directory": folder, "text": text, "empty": empty,
        "truncated": truncated, "garbage": garbage, "audio only": audio,
    }  # fmt: skip

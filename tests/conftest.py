"""Shared fixtures: headless Qt, no ERROR logs, and generated numbered footage."""

from __future__ import annotations

import itertools
import logging
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from fractions import Fraction
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# A stuck test fails within minutes with every thread's native and Python stack.
from analysis_clips import VFR_LATE, make_shot_clip, make_sound_clip
from hang_watchdog import pytest_configure, pytest_runtest_protocol, pytest_unconfigure  # noqa: F401
from pg_server import PgServer
from pg_server import available as pg_server_available

from annotator.media.synthetic import make_numbered_clip
from annotator.media.synthetic_containers import (
    OddClip,
    make_avi_screen_recording,
    make_edit_list_mp4,
    make_late_start_ts,
    make_late_wrapping_ts,
    make_open_gop_cut,
    make_unsized_mkv,
    make_wrapping_ts,
)

_DATABASE_NUMBERS = itertools.count()
MPEG4_B_FRAMES = ("-c:v", "mpeg4", "-q:v", "4", "-g", "12", "-bf", "2")  # open GOPs, as Xvid AVIs have


# Mutation runs (scripts/mutation) run a mutant's tests in a process of its own, once per
# mutant: a test that reads the source instead of running it cannot tell mutants apart, and
# the slow ones (the demo build, half a minute of ffmpeg; the Ctrl+C tests, which run ten minutes
# of footage in a subprocess) run only for the mutants of the module they are about.
_STATIC_TESTS = ("test_segment_from_checked.py::test_only_storage_reads_and_validating_importers_call_it",)
_SLOW_TESTS_FOR = {
    "test_cli_demo.py": "annotator.project.demo.",
    "test_cli_clips.py::test_ctrl_c_leaves_whole_clips_only": "annotator.project.clips.",
    "test_cli_analysis.py::test_ctrl_c_leaves_nothing_half_written": (
        "annotator.project.analyze.",
        "annotator.project.propose.",
    ),
}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    mutant = os.environ.get("MUTANT_UNDER_TEST", "")
    if not os.environ.get("ANNOTATOR_MUTATION_RUN") or not mutant.startswith("annotator."):
        return
    skip = pytest.mark.skip(reason="left out of this mutant's run (tests/conftest.py)")
    for item in items:
        name = item.nodeid.rsplit("/", 1)[-1]
        slow_for = _SLOW_TESTS_FOR.get(name.split("::")[0]) or _SLOW_TESTS_FOR.get(name)
        static = item.nodeid.endswith(_STATIC_TESTS)
        if static or (slow_for is not None and not mutant.startswith(slow_for)):
            item.add_marker(skip)


@pytest.fixture(autouse=True)
def _fail_on_error_logs(caplog: pytest.LogCaptureFixture) -> Iterator[None]:
    """A test that logs at ERROR fails, even if its assertions pass (PySceneDetect)."""
    yield
    errors = [r for r in caplog.get_records("call") if r.levelno >= logging.ERROR]
    if errors:
        pytest.fail("logged at ERROR: " + "; ".join(r.getMessage() for r in errors))


@pytest.fixture(scope="session")
def clips_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("clips")


def _kept(name: str, clips_dir: Path, build: Callable[[Path], Path]) -> Path:
    """``build`` the clip ``name`` into ``clips_dir``. A mutation run sets
    ``ANNOTATOR_TEST_CLIPS_DIR`` (scripts/mutation): each mutant's tests run in a process of
    their own, so the clip is built once into that folder and taken from there after."""
    kept = os.environ.get("ANNOTATOR_TEST_CLIPS_DIR")
    if not kept:
        return build(clips_dir / name)
    path = Path(kept) / name
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f".{os.getpid()}.{name}")
        build(partial)
        partial.replace(path)  # whole or not at all, whichever process finishes first
    return path


def _sound_clip_at(path: Path) -> Path:
    """``make_sound_clip`` (which names its files) built in a folder of its own, moved to ``path``."""
    folder = Path(tempfile.mkdtemp(dir=path.parent, prefix=".build-"))
    try:
        return make_sound_clip(folder).replace(path)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="session")
def clip_25fps(clips_dir: Path) -> Path:
    """4 s at 25 fps, 320x180 H.264 with sound: frames 0..99 carry their numbers."""
    return _kept("numbered_25.mp4", clips_dir, lambda path: make_numbered_clip(path, frames=100, audio=True))


@pytest.fixture(scope="session")
def clip_2997(clips_dir: Path) -> Path:
    """29.97 fps H.264 with B-frames, 120 frames."""
    codec = ("-c:v", "libx264", "-preset", "veryfast", "-g", "60", "-bf", "3", "-pix_fmt", "yuv420p")
    return _kept(
        "numbered_2997.mp4",
        clips_dir,
        lambda path: make_numbered_clip(path, frames=120, fps=Fraction(30000, 1001), codec_args=codec),
    )


ODD_CLIP_BUILDERS: dict[str, Callable[[Path], OddClip]] = {
    "avi_screen_recording": make_avi_screen_recording,
    "avi_b_frames": lambda path: make_avi_screen_recording(path, b_frames=2),
    "avi_mpeg4_open_gop": lambda path: OddClip(
        make_numbered_clip(path, frames=90, codec_args=MPEG4_B_FRAMES), 90
    ),
    "ts_interlaced_wrap": make_wrapping_ts,
    "ts_late_wrap": make_late_wrapping_ts,
    "ts_10_hours_in": make_late_start_ts,
    "mp4_edit_list": make_edit_list_mp4,
    "mkv_no_duration": make_unsized_mkv,
    "ts_open_gop_mpeg2": make_open_gop_cut,
    "ts_open_gop_h264": lambda path: make_open_gop_cut(path, codec="h264"),
}
ODD_SUFFIXES = {"avi": ".avi", "ts": ".ts", "mp4": ".mp4", "mkv": ".mkv"}


@pytest.fixture(scope="session")
def odd_clips(clips_dir: Path) -> dict[str, OddClip]:
    """Every awkward container, built once (see ``annotator.media.synthetic_containers``)."""
    folder = clips_dir / "odd"
    folder.mkdir(exist_ok=True)
    return {
        name: build(folder / f"{name}{ODD_SUFFIXES[name.split('_')[0]]}")
        for name, build in ODD_CLIP_BUILDERS.items()
    }


@pytest.fixture(params=list(ODD_CLIP_BUILDERS))
def odd_clip(request: pytest.FixtureRequest, odd_clips: dict[str, OddClip]) -> OddClip:
    """Each awkward container in turn."""
    return odd_clips[request.param]


@pytest.fixture(scope="session")
def shot_clip(clips_dir: Path) -> Path:
    """A hard cut, a dissolve and a fade through black at known frames (``analysis_clips``)."""
    return _kept("shots.mp4", clips_dir, make_shot_clip)


@pytest.fixture(scope="session")
def shot_clip_vfr_late(clips_dir: Path) -> Path:
    """The same frames, timed irregularly and starting 1.5 s in."""
    return _kept("shots_vfr.mp4", clips_dir, lambda path: make_shot_clip(path, *VFR_LATE))


@pytest.fixture(scope="session")
def sound_clip(clips_dir: Path) -> Path:
    """Silence, speech, a quiet noise bed and a loud burst at known times (``analysis_clips``)."""
    return _kept("sounds.mp4", clips_dir, _sound_clip_at)


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    """A PostgreSQL 15 server of the session's own (tests/pg_server.py), stopped at its end."""
    if not pg_server_available():
        pytest.fail("PostgreSQL 15 is not installed: run scripts/setup as root (Debian's postgresql)")
    shared = os.environ.get("ANNOTATOR_TEST_PG_FOLDER")  # one server for every mutant's run
    with PgServer.running(Path(shared)) if shared else PgServer() as server:
        yield server


@pytest.fixture
def pg_url(pg_server: PgServer, request: pytest.FixtureRequest) -> Iterator[str]:
    """The URL of a new, empty database on the session's server, dropped after the test."""
    name = f"t{next(_DATABASE_NUMBERS)}_{os.getpid()}"
    url = pg_server.create_database(name)
    yield url
    pg_server.drop_database(name)

"""Every unusable file gives one clear MediaError naming the file, never a deep traceback."""

from __future__ import annotations

import json
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from child_process import without_privileges

from annotator.media.errors import MediaError
from annotator.media.fingerprint import fingerprint
from annotator.media.frame_source import open_frame_source
from annotator.media.probe import probe

CASES = ["missing", "directory", "text", "empty", "truncated", "garbage", "audio only"]


@pytest.mark.parametrize("case", CASES)
def test_probe_refuses_bad_files_naming_them(bad_files: dict[str, Path], case: str) -> None:
    path = bad_files[case]
    with pytest.raises(MediaError) as caught:
        probe(path)
    assert str(path) in str(caught.value)
    assert caught.value.reason
    assert isinstance(caught.value, ValueError)


@pytest.mark.parametrize("case", ["missing", "text", "truncated", "audio only"])
def test_frame_source_refuses_bad_files(bad_files: dict[str, Path], case: str) -> None:
    with pytest.raises(MediaError, match=str(bad_files[case])):
        open_frame_source(bad_files[case])


def test_reasons_say_what_is_wrong(bad_files: dict[str, Path]) -> None:
    def reason(case: str) -> str:
        with pytest.raises(MediaError) as caught:
            probe(bad_files[case])
        return caught.value.reason

    assert "no such file" in reason("missing")
    assert "empty" in reason("empty")
    assert "no video stream" in reason("audio only")


def test_fingerprint_of_missing_file_is_a_media_error(bad_files: dict[str, Path]) -> None:
    with pytest.raises(MediaError, match="no such file"):
        fingerprint(bad_files["missing"])


def test_a_truncated_file_is_said_to_be_cut_short_and_named_once(bad_files: dict[str, Path]) -> None:
    with pytest.raises(MediaError) as caught:
        probe(bad_files["truncated"])
    message = str(caught.value)
    assert "moov atom not found: the file may be cut short" in message
    assert message.count(bad_files["truncated"].name) == 1
    with pytest.raises(MediaError) as caught:
        probe(bad_files["garbage"])  # not cut short: just not a video, still named once
    assert "cut short" not in str(caught.value)
    assert str(caught.value).count(bad_files["garbage"].name) == 1


_PROBE_IMPORTS = """
import json, os, sys
from annotator.media.errors import MediaError
from annotator.media.probe import probe
"""
_PROBE = """
try:
    info = probe(sys.argv[1])
    print(json.dumps({"uid": os.geteuid(), "frames": info.frame_count}))
except MediaError as error:
    print(json.dumps({"uid": os.geteuid(), "error": str(error), "reason": error.reason}))
"""


def _probe_without_privileges(path: Path) -> dict[str, object]:
    result = without_privileges(_PROBE_IMPORTS, _PROBE, str(path))
    assert result.returncode == 0, result.stderr
    answer: dict[str, object] = json.loads(result.stdout)
    assert answer["uid"] != 0
    return answer


@pytest.fixture
def world_folder(clip_25fps: Path) -> Iterator[Path]:
    """A folder anyone may enter (pytest's own are its owner's only), with a readable clip."""
    folder = Path(tempfile.mkdtemp(prefix="annotator-perm-"))
    try:
        folder.chmod(0o755)
        shutil.copy(clip_25fps, folder / "readable.mp4")
        (folder / "readable.mp4").chmod(0o644)
        yield folder
    finally:
        shutil.rmtree(folder)


def test_probe_refuses_a_file_it_may_not_read_naming_it(world_folder: Path) -> None:
    assert _probe_without_privileges(world_folder / "readable.mp4")["frames"] == 100
    locked = world_folder / "locked.mp4"
    shutil.copy(world_folder / "readable.mp4", locked)
    locked.chmod(0)
    answer = _probe_without_privileges(locked)
    assert answer["error"] == f"{locked}: cannot be read (Permission denied)"

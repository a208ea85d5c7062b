"""Exports get the permissions any new file gets under the user's umask, in every format."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest


@pytest.fixture
def umask() -> Iterator[None]:
    """Restore the process umask the test changes."""
    old = os.umask(0o022)
    os.umask(old)
    yield
    os.umask(old)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.usefixtures("umask")
@pytest.mark.parametrize("fmt", ["csv", "json", "eaf", "vtt", "srt"])
@pytest.mark.parametrize("mask", [0o022, 0o027, 0o002])
def test_export_gets_the_umask_permissions(run, project: Path, tmp_path: Path, fmt: str, mask: int) -> None:
    os.umask(mask)
    out = tmp_path / f"segments.{fmt}"
    assert run("export", project, "--format", fmt, "-o", out).exit_code == 0
    assert _mode(out) == 0o666 & ~mask
    reference = tmp_path / "plain.txt"
    reference.write_text("a file made the ordinary way")
    assert _mode(out) == _mode(reference)


@pytest.mark.usefixtures("umask")
def test_an_export_over_an_existing_file_replaces_it_whole(run, project: Path, tmp_path: Path) -> None:
    os.umask(0o022)
    out = tmp_path / "segments.csv"
    out.write_text("old contents")
    linked = tmp_path / "hard-link.csv"
    os.link(out, linked)
    assert run("export", project, "--format", "csv", "-o", out).exit_code == 0
    assert out.read_text().startswith("segment_id,")
    assert linked.read_text() == "old contents"  # renamed over, not rewritten in place
    assert _mode(out) == 0o644
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []

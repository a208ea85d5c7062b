from pathlib import Path

import pytest
from click.testing import CliRunner

from annotator.cli import cli


@pytest.fixture
def run():
    """Run the CLI in-process; returns the click Result."""
    runner = CliRunner()

    def invoke(*args: str | Path):
        return runner.invoke(cli, [str(a) for a in args], catch_exceptions=False)

    return invoke


@pytest.fixture
def project(tmp_path: Path, run, clip_25fps: Path) -> Path:
    directory = tmp_path / "proj"
    assert run("new", directory).exit_code == 0
    assert run("add-video", directory, clip_25fps).exit_code == 0
    return directory

import shutil
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


@pytest.fixture(scope="session")
def project_template(tmp_path_factory: pytest.TempPathFactory, clip_25fps: Path) -> Path:
    """``annotator new`` and ``add-video`` once per session: probing is the slow part."""
    directory = tmp_path_factory.mktemp("template") / "proj"
    runner = CliRunner()
    assert runner.invoke(cli, ["new", str(directory)], catch_exceptions=False).exit_code == 0
    assert runner.invoke(cli, ["add-video", str(directory), str(clip_25fps)]).exit_code == 0
    return directory


@pytest.fixture
def project(tmp_path: Path, project_template: Path) -> Path:
    """A new project holding numbered_25.mp4 (a copy of the session's template)."""
    directory = tmp_path / "proj"
    shutil.copytree(project_template, directory)
    return directory

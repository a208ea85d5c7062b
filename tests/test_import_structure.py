"""The window is a composition: only the composition root imports it, and no import cycle
runs through it (its parts get the ``Workspace``, never the window)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import grimp
import pytest

WINDOW = "annotator.ui.main_window"
ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def graph() -> grimp.ImportGraph:
    return grimp.build_graph("annotator")


def test_only_the_composition_root_imports_the_window(graph: grimp.ImportGraph) -> None:
    assert graph.find_modules_that_directly_import(WINDOW) == {"annotator.app"}


def test_no_import_cycle_runs_through_the_window(graph: grimp.ImportGraph) -> None:
    cycles = [
        (WINDOW, *chain)
        for imported in sorted(graph.find_modules_directly_imported_by(WINDOW))
        if (chain := graph.find_shortest_chain(importer=imported, imported=WINDOW))
    ]
    assert cycles == []


def test_import_linter_keeps_the_window_contract() -> None:
    """The same rule for ``lint-imports`` (and so ``scripts/test``), checked to be there."""
    result = subprocess.run(
        [str(Path(sys.executable).with_name("lint-imports"))],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert "Only the composition root imports the main window KEPT" in result.stdout, result.stdout
    assert result.returncode == 0, result.stdout

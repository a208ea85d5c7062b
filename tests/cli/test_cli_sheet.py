"""`annotator sheet`: a contact sheet from the command line, progress on stderr, bad input refused."""

from __future__ import annotations

from pathlib import Path

import pytest

ROWS = (
    "video,label,start_frame,end_frame,annotator,note\n"
    "numbered_25.mp4,laughter,0,25,ana,crowd\n"
    "numbered_25.mp4,driving,30,80,ben,\n"
)


@pytest.fixture
def coded(run, project: Path, tmp_path: Path) -> Path:
    source = tmp_path / "coded.csv"
    source.write_text(ROWS)
    assert run("import", project, source).exit_code == 0
    return project


def test_a_sheet_of_the_query_with_progress(run, coded: Path, tmp_path: Path) -> None:
    target = tmp_path / "sheet.html"
    result = run("sheet", coded, "--query", "crowd", "-o", target)
    assert result.exit_code == 0, result.output
    html = target.read_text()
    assert html.count("<article>") == 1
    assert "query: crowd" in html
    assert "stills: 100%" in result.stderr
    assert f"contact sheet of 1 segments written to {target}" in result.stderr


def test_bad_input_is_refused_in_one_line(run, coded: Path, tmp_path: Path) -> None:
    result = run("sheet", coded, "--query", "colour:red", "-o", tmp_path / "s.html")
    assert result.exit_code == 2
    assert "unknown filter colour:" in result.output
    result = run("sheet", coded, "--group-by", "coder", "-o", tmp_path / "s.html")
    assert result.exit_code == 2
    assert not (tmp_path / "s.html").exists()

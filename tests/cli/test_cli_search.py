"""`annotator search`: ranked results as lines, the CSV contract or JSON; bad queries refused."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

ROWS = (
    "video,label,start_frame,end_frame,annotator,note,status,reviewer\n"
    "numbered_25.mp4,laughter,0,25,ana,crowd laughs at the joke,,\n"
    "numbered_25.mp4,driving,30,80,ben,Kim takes the wheel,,\n"
    "numbered_25.mp4,laughter,85,99,ben,,approved,rita\n"
)


@pytest.fixture
def coded(run, project: Path, tmp_path: Path) -> Path:
    source = tmp_path / "coded.csv"
    source.write_text(ROWS)
    assert run("import", project, source).exit_code == 0
    return project


def test_text_lines_name_video_timecodes_label_annotator_status_and_note(run, coded: Path) -> None:
    result = run("search", coded, "wheel")
    assert result.exit_code == 0, result.output
    assert (
        result.stdout
        == "numbered_25.mp4  00:00:01:05-00:00:03:05  driving  ben  unreviewed  Kim takes the wheel\n"
    )
    assert "1 segments found" in result.stderr


def test_csv_is_the_export_contract_in_rank_order(run, coded: Path) -> None:
    result = run("search", coded, "label:laughter", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    exported = list(csv.DictReader(io.StringIO(run("export", coded).stdout)))
    assert list(rows[0]) == list(exported[0])
    assert [(r["start_frame"], r["note"]) for r in rows] == [("0", "crowd laughs at the joke"), ("85", "")]


def test_json_carries_rank_and_times(run, coded: Path) -> None:
    result = run("search", coded, "laugh annotator:ana", "--format", "json")
    (hit,) = json.loads(result.stdout)
    shown = ("video", "label", "start_frame", "end_frame", "start_tc", "end_s", "status")
    assert {k: hit[k] for k in shown} == {
        "video": "numbered_25.mp4", "label": "laughter", "start_frame": 0, "end_frame": 25,
        "start_tc": "00:00:00:00", "end_s": "1.000", "status": "unreviewed"}  # fmt: skip
    assert hit["rank"] < 0


def test_limit_says_when_it_was_reached(run, coded: Path) -> None:
    result = run("search", coded, "label:laughter", "--limit", "1")
    assert len(result.stdout.splitlines()) == 1
    assert "1 segments found (--limit reached)" in result.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["colour:red"], "unknown filter colour:"),
        (["status:maybe"], "status:maybe: not a status"),
        (["laugh", "--limit", "0"], "--limit must be at least 1, not 0"),
    ],
)
def test_bad_queries_are_refused_in_one_line(run, coded: Path, args: list[str], message: str) -> None:
    result = run("search", coded, *args)
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output


def test_each_result_says_its_latest_verdict(run, coded: Path) -> None:
    result = run("search", coded, "annotator:ben")
    assert [line.split("  ")[4] for line in result.stdout.splitlines()] == ["unreviewed", "approved"]

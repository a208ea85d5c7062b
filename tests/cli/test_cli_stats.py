"""`annotator stats`: airtime by label, video or annotator, as text, CSV, JSON, SVG or PNG."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import cv2
import pytest

ROWS = (
    "video,label,start_frame,end_frame,annotator,note\n"
    "numbered_25.mp4,laughter,0,25,ana,\n"
    "numbered_25.mp4,laughter,10,35,ben,\n"
    "numbered_25.mp4,driving,30,80,ana,\n"
)


@pytest.fixture
def coded(run, project: Path, tmp_path: Path) -> Path:
    source = tmp_path / "coded.csv"
    source.write_text(ROWS)
    result = run("import", project, source)
    assert result.exit_code == 0, result.output
    return project


def test_text_by_label_lists_each_label_and_the_pairs_on_screen_together(run, coded: Path) -> None:
    result = run("stats", coded)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["label", "segments", "total", "s", "mean", "s", "airtime"]
    assert lines[1].split() == ["driving", "1", "2.000", "2.000", "50.00%"]
    assert lines[2].split() == ["laughter", "2", "2.000", "1.000", "35.00%"]  # frames 0..34 of 100
    assert "footage in scope: 4.000 s" in result.stdout
    assert "  driving + laughter: 0.200" in result.stdout  # frames 30..34


def test_csv_and_json_carry_the_same_figures(run, coded: Path, tmp_path: Path) -> None:
    result = run("stats", coded, "--by", "annotator", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [(r["kind"], r["annotator"], r["count"], r["total_s"], r["airtime_share"]) for r in rows] == [
        ("annotator", "ana", "2", "3.000", "0.7500"),
        ("annotator", "ben", "1", "1.000", "0.2500"),
        ("together", "driving + laughter", "", "0.200", ""),
    ]
    target = tmp_path / "stats.json"
    assert run("stats", coded, "--by", "video", "--format", "json", "-o", target).exit_code == 0
    document = json.loads(target.read_text())
    assert document["by"] == "video"
    assert document["groups"] == [
        {"name": "numbered_25.mp4", "count": 3, "total_s": 4.0, "mean_s": 1.333, "airtime_share": 0.8}
    ]
    assert document["together"] == [{"labels": ["driving", "laughter"], "seconds": 0.2}]


def test_svg_has_a_bar_per_group_and_png_is_that_picture(run, coded: Path, tmp_path: Path) -> None:
    svg = tmp_path / "stats.svg"
    assert run("stats", coded, "--format", "svg", "-o", svg).exit_code == 0
    root = ET.parse(svg).getroot()
    bars = [r for r in root.iter("{http://www.w3.org/2000/svg}rect") if r.get("fill") == "#3b7dd8"]
    widths = [float(r.get("width", "0")) for r in bars]
    assert widths == [420.0, pytest.approx(420 * 35 / 50, abs=0.1)]  # longest share fills the bar
    png = tmp_path / "stats.png"
    assert run("stats", coded, "--format", "png", "-o", png).exit_code == 0
    picture = cv2.imread(str(png))
    assert picture.shape[:2] == (2 * int(root.get("height", "0")), 2 * int(root.get("width", "0")))
    blue = (picture[:, :, 0] > 180) & (picture[:, :, 2] < 90)
    assert blue.sum() > 2 * 420 * 2 * 22  # the bars were drawn


def test_png_needs_a_file_and_an_unknown_video_is_refused(run, coded: Path) -> None:
    result = run("stats", coded, "--format", "png")
    assert result.exit_code == 2
    assert "--format png needs -o FILE" in result.output
    result = run("stats", coded, "--video", "nowhere.mp4")
    assert result.exit_code == 2
    assert "no video 'nowhere.mp4'" in result.output


def test_status_and_video_narrow_the_scope(run, coded: Path) -> None:
    result = run("stats", coded, "--status", "approved")
    assert result.exit_code == 0
    assert result.stdout.splitlines()[1:] == ["footage in scope: 4.000 s"]
    result = run("stats", coded, "--video", "numbered_25.mp4", "--by", "video")
    assert "numbered_25.mp4" in result.stdout

"""The CLI contract: each command works, and bad input is one line with exit status 2."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from pathlib import Path

import cv2
import pytest

from annotator.media.synthetic import read_frame_number
from annotator.project.project import Project


def test_new_add_video_and_labels(run, project: Path) -> None:
    result = run("labels", project)
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert len(lines) == 9
    assert lines[1].startswith("2  laughter")


def test_new_refuses_an_existing_project(run, project: Path) -> None:
    result = run("new", project)
    assert result.exit_code == 2
    assert "annotations.db" in result.output or "exists" in result.output


def test_add_video_refuses_a_duplicate_and_a_bad_file(
    run, project: Path, clip_25fps: Path, tmp_path: Path
) -> None:
    again = run("add-video", project, clip_25fps)
    assert again.exit_code == 2
    assert "already in the project" in again.output
    bad = tmp_path / "notes.mp4"
    bad.write_text("this is not a video")
    result = run("add-video", project, bad)
    assert result.exit_code == 2
    assert "notes.mp4" in result.output
    assert "Traceback" not in result.output
    with Project.open(project) as opened:
        assert len(opened.store.videos()) == 1


def test_info(run, clip_2997: Path) -> None:
    result = run("info", clip_2997)
    assert result.exit_code == 0
    assert "30000/1001" in result.output
    assert "frames:              120" in result.output


def test_frame_writes_the_exact_frame(run, clip_2997: Path, tmp_path: Path) -> None:
    for n in (0, 37, 119):
        out = tmp_path / f"f{n}.png"
        assert run("frame", clip_2997, n, "-o", out).exit_code == 0
        assert read_frame_number(cv2.imread(str(out))) == n
    result = run("frame", clip_2997, 120, "-o", tmp_path / "x.png")
    assert result.exit_code == 2
    assert "outside 0..119" in result.output


def test_export_import_round_trip_through_a_fresh_project(
    run, project: Path, clip_25fps: Path, tmp_path: Path
) -> None:
    rows = 'video,label,start_frame,end_frame,note\nnumbered_25.mp4,Laughter,50,80,"=cheers, loud"\n'
    source = tmp_path / "in.csv"
    source.write_text(rows)
    assert run("import", project, source).exit_code == 0
    out = tmp_path / "out.csv"
    assert run("export", project, "--format", "csv", "-o", out).exit_code == 0
    exported = list(csv.DictReader(io.StringIO(out.read_text())))
    assert [(r["label"], r["start_frame"], r["end_frame"], r["start_s"], r["end_s"]) for r in exported] == [
        ("laughter", "50", "80", "2.000", "3.200")
    ]
    fresh = tmp_path / "fresh"
    run("new", fresh)
    run("add-video", fresh, clip_25fps)
    assert run("import", fresh, out).exit_code == 0
    again = tmp_path / "again.csv"
    run("export", fresh, "-o", again)
    assert again.read_text() == out.read_text()


def test_import_is_all_or_nothing_and_names_line_and_field(run, project: Path, tmp_path: Path) -> None:
    rows = (
        "video,label,start_frame,end_frame\nnumbered_25.mp4,laughter,1,5\nnumbered_25.mp4,laughter,10,500\n"
    )
    source = tmp_path / "bad.csv"
    source.write_text(rows)
    result = run("import", project, source)
    assert result.exit_code == 2
    assert "bad.csv line 3" in result.output
    assert "end_frame" in result.output
    with Project.open(project) as opened:
        assert opened.store.segments() == []


@pytest.mark.parametrize("fmt", ["json", "eaf", "vtt", "srt"])
def test_every_export_format_writes_a_file(run, project: Path, tmp_path: Path, fmt: str) -> None:
    source = tmp_path / "in.csv"
    source.write_text("video,label,start_frame,end_frame,note\nnumbered_25.mp4,driving,0,25,road\n")
    run("import", project, source)
    out = tmp_path / f"out.{fmt}"
    result = run("export", project, "--format", fmt, "-o", out)
    assert result.exit_code == 0, result.output
    text = out.read_text()
    assert "driving" in text


def test_json_and_eaf_import_back(run, project: Path, clip_25fps: Path, tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_text("video,label,start_frame,end_frame,note\nnumbered_25.mp4,driving,3,25,road\n")
    run("import", project, source)
    run("export", project, "--format", "json", "-o", tmp_path / "p.json")
    run("export", project, "--format", "eaf", "-o", tmp_path / "p.eaf")
    fresh = tmp_path / "fresh"
    run("new", fresh)
    result = run("import", fresh, tmp_path / "p.json")
    assert result.exit_code == 0, result.output
    assert "1 new videos" in result.output
    other = tmp_path / "other"
    run("new", other)
    run("add-video", other, clip_25fps)
    result = run("import", other, tmp_path / "p.eaf")
    assert result.exit_code == 0, result.output
    with Project.open(fresh) as a, Project.open(other) as b:
        assert [(s.start_frame, s.end_frame, s.note) for s in a.store.segments()] == [(3, 25, "road")]
        assert [(s.start_frame, s.end_frame, s.note) for s in b.store.segments()] == [(3, 25, "road")]


def test_importing_twice_is_refused(run, project: Path, tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_text("video,label,start_frame,end_frame\nnumbered_25.mp4,driving,3,25\n")
    run("import", project, source)
    run("export", project, "-o", tmp_path / "out.csv")
    result = run("import", project, tmp_path / "out.csv")
    assert result.exit_code == 2
    assert "already in the project" in result.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["labels", "no/such/project"], "no/such/project"),
        (["info", "missing.mp4"], "missing.mp4"),
        (["export", "PROJECT", "--format", "eaf"], "needs -o"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(run, project: Path, args: list[str], message: str) -> None:
    result = run(*[project if a == "PROJECT" else a for a in args])
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output


def test_gui_without_a_display_prints_what_to_do(tmp_path: Path) -> None:
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-m", "annotator", str(tmp_path)],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert result.returncode == 2
    assert "no display" in result.stderr
    assert "xvfb-run" in result.stderr
    assert "Traceback" not in result.stderr

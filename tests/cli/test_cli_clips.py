"""`annotator clips`: clips of the selected segments with progress and a manifest, exact by
their pixels; bad input refused in one line with exit 2; Ctrl+C leaves whole clips only."""

from __future__ import annotations

import csv
import signal
import subprocess
import sys
import time
from pathlib import Path

import av
import pytest
from child_process import start_interruptible

from annotator.media.synthetic import read_frame_number

ROWS = (
    "video,label,start_frame,end_frame,annotator,note\n"
    "numbered_25.mp4,laughter,0,25,ana,crowd laughs\n"
    "numbered_25.mp4,driving,30,80,ben,\n"
)


@pytest.fixture
def coded(run, project: Path, tmp_path: Path) -> Path:
    source = tmp_path / "coded.csv"
    source.write_text(ROWS)
    assert run("import", project, source).exit_code == 0
    return project


def numbers(path: Path) -> list[int]:
    with av.open(str(path)) as container:
        return [read_frame_number(frame.to_ndarray(format="rgb24")) for frame in container.decode(video=0)]


def test_clips_of_a_query_with_preroll_progress_and_manifest(run, coded: Path, tmp_path: Path) -> None:
    folder = tmp_path / "out"
    result = run("clips", coded, "--query", "label:driving", "--preroll", "0.4", "--burn-in", "-o", folder)
    assert result.exit_code == 0, result.output
    assert "clips: 100%" in result.stderr
    assert f"1 clips written to {folder}, listed in {folder / 'clips.csv'}" in result.stderr
    (clip,) = folder.glob("*.mp4")
    assert clip.name == "numbered_25_00-00-01-05_driving_" + clip.name.rsplit("_", 1)[1]
    assert numbers(clip) == list(range(20, 80))  # 0.4 s = 10 frames of pre-roll
    with (folder / "clips.csv").open(newline="") as handle:
        (row,) = list(csv.DictReader(handle))
    assert (row["file"], row["first_frame"], row["frame_count"], row["start_frame"]) == (
        clip.name,
        "20",
        "60",
        "30",
    )


def test_bad_input_is_refused_in_one_line(run, coded: Path, tmp_path: Path) -> None:
    folder = tmp_path / "out"
    result = run("clips", coded, "--query", "label:nothing-like-it", "-o", folder)
    assert (result.exit_code, result.stderr.strip()) == (2, "Error: no segment matches: no clip was made")
    result = run("clips", coded, "--preroll", "-1", "-o", folder)
    assert result.exit_code == 2
    assert result.stderr.strip() == "Error: pre-roll and post-roll are seconds >= 0, not -1.0 and 0.0"
    assert not folder.exists()
    assert run("clips", coded, "-o", folder).exit_code == 0
    made = sorted(p.name for p in folder.iterdir())
    result = run("clips", coded, "-o", folder)
    assert result.exit_code == 2
    assert result.stderr.strip().startswith(f"Error: {folder / 'clips.csv'} exists (and 2 more); clips never")
    assert sorted(p.name for p in folder.iterdir()) == made


def test_ctrl_c_leaves_whole_clips_only(run, tmp_path: Path) -> None:
    long_clip = tmp_path / "long.mp4"  # 10 minutes: long enough to be stopped part way
    subprocess.run(["ffmpeg", "-v", "error", "-f", "lavfi", "-i", "testsrc2=s=160x90:r=25:d=600",
                    "-f", "lavfi", "-i", "sine=d=600", "-c:v", "libx264", "-preset", "ultrafast",
                    "-c:a", "aac", "-shortest", str(long_clip)], check=True, timeout=120)  # fmt: skip
    project = tmp_path / "p"
    assert run("new", project).exit_code == 0
    assert run("add-video", project, long_clip).exit_code == 0
    rows = tmp_path / "rows.csv"
    rows.write_text("video,label,start_frame,end_frame\nlong.mp4,laughter,0,25\nlong.mp4,driving,100,15000\n")
    assert run("import", project, rows).exit_code == 0
    folder = tmp_path / "clips"
    command = [sys.executable, "-m", "annotator", "clips", str(project), "--jobs", "1", "-o", str(folder)]
    process = start_interruptible(command)
    assert process.stderr is not None
    started = time.monotonic()
    for line in process.stderr:
        if "clips: 10%" in line:
            break
        assert time.monotonic() - started < 120
    process.send_signal(signal.SIGINT)
    rest = process.communicate(timeout=60)[1]
    assert process.returncode == 130, rest
    assert f"cancelled: no partial clip was left; the 1 finished are listed in {folder / 'clips.csv'}" in rest
    left = sorted(p.name for p in folder.iterdir())
    assert len(left) == 2
    assert left[0] == "clips.csv"
    assert left[1].startswith("long_00-00-00-00_laughter_")
    with (folder / "clips.csv").open(newline="") as handle:
        assert [row["file"] for row in csv.DictReader(handle)] == [left[1]]
    with av.open(str(folder / left[1])) as container:
        assert container.streams.video[0].frames == 25

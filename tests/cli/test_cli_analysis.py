"""The analysis commands' contract: shots and sounds as CSV or JSON, propose into a project,
and Ctrl+C leaving nothing half-written."""

from __future__ import annotations

import csv
import io
import json
import signal
import subprocess
import sys
import time
from pathlib import Path

from analysis_clips import HARD_CUT
from child_process import start_interruptible
from click.testing import CliRunner

from annotator.cli import cli
from annotator.storage.project_store import ProjectStore


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_shots_as_csv_and_json(shot_clip: Path, tmp_path: Path) -> None:
    code, out, err = invoke("shots", str(shot_clip))
    assert code == 0, err
    rows = list(csv.DictReader(io.StringIO(out)))
    assert list(rows[0]) == ["frame", "kind", "start_frame", "end_frame", "score"]
    assert (rows[0]["frame"], rows[0]["kind"], rows[0]["start_frame"], rows[0]["end_frame"]) == (
        str(HARD_CUT), "hard", str(HARD_CUT), str(HARD_CUT + 1))  # fmt: skip
    assert [row["kind"] for row in rows] == ["hard", "gradual", "gradual"]
    assert "3 shot boundaries" in err
    target = tmp_path / "shots.json"
    code, _, err = invoke("shots", str(shot_clip), "--format", "json", "-o", str(target))
    assert code == 0, err
    boundaries = json.loads(target.read_text())
    assert boundaries[0] == {"frame": HARD_CUT, "kind": "hard", "start_frame": HARD_CUT,
                             "end_frame": HARD_CUT + 1, "score": boundaries[0]["score"]}  # fmt: skip


def test_sounds_as_csv(sound_clip: Path) -> None:
    code, out, err = invoke("sounds", str(sound_clip))
    assert code == 0, err
    rows = list(csv.DictReader(io.StringIO(out)))
    assert list(rows[0]) == ["start_frame", "end_frame", "kind", "score"]
    assert rows[0]["kind"] == "silence"
    assert rows[0]["start_frame"] == "0"
    assert {row["kind"] for row in rows} == {"silence", "speech", "loud"}


def test_a_file_that_is_not_a_video_is_refused_in_one_line(tmp_path: Path) -> None:
    text = tmp_path / "notes.txt"
    text.write_text("not a video")
    code, _, err = invoke("shots", str(text))
    assert code == 2
    assert "notes.txt" in err
    assert "Traceback" not in err


def test_propose_twice_adds_nothing_the_second_time(tmp_path: Path, shot_clip: Path) -> None:
    project = tmp_path / "p"
    assert invoke("new", str(project))[0] == 0
    assert invoke("add-video", str(project), str(shot_clip))[0] == 0
    code, _, err = invoke("propose", str(project), "--shots")
    assert code == 0, err
    assert "proposed 4 new segments" in err
    code, _, err = invoke("propose", str(project), "--shots")
    assert "proposed 0 new segments" in err
    code, out, _ = invoke("export", str(project), "--proposals", "only")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == 4
    assert {(row["source"], row["annotator"]) for row in rows} == {("proposal", "")}  # nobody's coding
    code, out, _ = invoke("export", str(project))
    assert list(csv.DictReader(io.StringIO(out))) == []
    code, _, err = invoke("propose", str(project))
    assert code == 2
    assert "say what to propose" in err


def test_ctrl_c_leaves_nothing_half_written(tmp_path: Path) -> None:
    long_clip = tmp_path / "long.mp4"  # 10 minutes: long enough to be stopped part way
    subprocess.run(["ffmpeg", "-v", "error", "-f", "lavfi", "-i", "testsrc2=s=160x90:r=25:d=600",
                    "-f", "lavfi", "-i", "sine=d=600", "-c:v", "libx264", "-preset", "ultrafast",
                    "-c:a", "aac", "-shortest", str(long_clip)], check=True)  # fmt: skip
    project = tmp_path / "p"
    assert invoke("new", str(project))[0] == 0
    assert invoke("add-video", str(project), str(long_clip))[0] == 0
    before = set((project / "cache").rglob("*"))
    command = [sys.executable, "-m", "annotator", "propose", str(project), "--shots", "--sounds"]
    process = start_interruptible(command)
    assert process.stderr is not None
    started = time.monotonic()
    for line in process.stderr:
        if "analysing: 10%" in line:
            break
        assert time.monotonic() - started < 120
    process.send_signal(signal.SIGINT)
    rest = process.communicate(timeout=60)[1]
    assert process.returncode == 130
    assert "cancelled: nothing was written" in rest
    with ProjectStore.open(project) as store:
        assert store.segments() == []
        assert [label.name for label in store.labels() if label.name in ("shot", "speech")] == []
    assert not [p for p in set((project / "cache").rglob("*")) - before if "analysis" in p.name]

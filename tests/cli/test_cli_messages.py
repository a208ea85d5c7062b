"""What ``annotator`` says, whole: the one line on stderr for each mistake, and what an
import reports (its counts, what it skipped)."""

from __future__ import annotations

import shutil
import warnings
from pathlib import Path

import pytest

from annotator.domain.segment import Source
from annotator.project.project import Project

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from pympi.Elan import Eaf


@pytest.fixture
def two_videos(run, tmp_path: Path, clip_25fps: Path, clip_2997: Path) -> Path:
    """A project with numbered_25.mp4 and a copy of another clip under the same name."""
    directory = tmp_path / "two"
    assert run("new", directory).exit_code == 0
    (tmp_path / "b").mkdir()
    shutil.copy(clip_2997, tmp_path / "b" / "numbered_25.mp4")
    assert run("add-video", directory, clip_25fps, tmp_path / "b" / "numbered_25.mp4").exit_code == 0
    return directory


def _error(result) -> str:
    assert result.exit_code == 2, result.output
    (line,) = [line for line in result.output.splitlines() if line.strip()]
    return line


@pytest.mark.parametrize("fmt", ["eaf", "vtt", "srt"])
def test_a_one_video_format_asks_which_video(run, two_videos: Path, tmp_path: Path, fmt: str) -> None:
    result = run("export", two_videos, "--format", fmt, "-o", tmp_path / f"out.{fmt}")
    assert _error(result) == (
        f"Error: {fmt.upper()} holds one video: name it with --video "
        "(videos: numbered_25.mp4, numbered_25.mp4)"
    )


def test_a_video_named_by_a_name_two_share_or_none_has(run, two_videos: Path, tmp_path: Path) -> None:
    with Project.open(two_videos) as opened:
        paths = [video.path for video in opened.store.videos()]
    result = run(
        "export", two_videos, "--format", "vtt", "-o", tmp_path / "o.vtt", "--video", "numbered_25.mp4"
    )
    assert _error(result) == f"Error: 'numbered_25.mp4' names several videos: {paths[0]}, {paths[1]}"
    result = run("export", two_videos, "--format", "vtt", "-o", tmp_path / "o.vtt", "--video", "other.mp4")
    assert _error(result) == (
        "Error: no video 'other.mp4' in the project (videos: numbered_25.mp4, numbered_25.mp4)"
    )
    result = run("export", two_videos, "--format", "vtt", "-o", tmp_path / "o.vtt", "--video", "2")
    assert result.exit_code == 0, result.output  # by id


def test_an_empty_project_says_it_has_no_video(run, tmp_path: Path) -> None:
    assert run("new", tmp_path / "empty").exit_code == 0
    result = run("export", tmp_path / "empty", "--format", "eaf", "-o", tmp_path / "o.eaf")
    assert _error(result) == "Error: EAF holds one video: name it with --video (videos: none)"
    result = run("export", tmp_path / "empty", "--video", "a.mp4")
    assert _error(result) == "Error: no video 'a.mp4' in the project (videos: none)"


def test_csv_to_stdout_keeps_the_video_and_status_filters(run, two_videos: Path, tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_text(
        "video,video_path,label,start_frame,end_frame,status,reviewer\n"
        f",{_paths(two_videos)[0]},driving,1,2,approved,rita\n"
        f",{_paths(two_videos)[0]},driving,3,4,,\n"
        f",{_paths(two_videos)[1]},driving,5,6,approved,rita\n"
    )
    assert run("import", two_videos, source).exit_code == 0
    result = run("export", two_videos, "--video", "1", "--status", "approved")
    rows = [line.split(",")[3:5] for line in result.stdout.splitlines()[1:]]
    assert rows == [["1", "2"]]


def _paths(project: Path) -> list[str]:
    with Project.open(project) as opened:
        return [video.path for video in opened.store.videos()]


def test_importing_a_file_twice_names_the_file_and_counts_the_clashes(
    run, project: Path, tmp_path: Path
) -> None:
    source = tmp_path / "in.csv"
    source.write_text(
        "video,label,start_frame,end_frame\nnumbered_25.mp4,driving,3,25\nnumbered_25.mp4,driving,30,40\n"
    )
    assert run("import", project, source).exit_code == 0
    assert run("export", project, "-o", tmp_path / "out.csv").exit_code == 0
    line = _error(run("import", project, tmp_path / "out.csv"))
    assert line.startswith(f"Error: {tmp_path / 'out.csv'}: segment ")
    assert line.endswith(" is already in the project (2 in all)")
    assert run("export", project, "--format", "json", "-o", tmp_path / "out.json").exit_code == 0
    line = _error(run("import", project, tmp_path / "out.json"))
    assert line.startswith("Error: the JSON file: segment ")
    assert line.endswith(" is already in the project (2 in all)")


def test_an_eaf_import_says_what_it_skipped_and_marks_its_segments_imported(
    run, project: Path, tmp_path: Path
) -> None:
    eaf = Eaf(author="someone")
    eaf.remove_tier("default")
    eaf.add_tier("laughter")
    eaf.add_annotation("laughter", 0, 400, "laughter")
    eaf.add_annotation("laughter", 400, 410, "laughter")  # shorter than a frame
    eaf.add_tier("mood")
    eaf.add_annotation("mood", 0, 400, "x")
    path = tmp_path / "x.eaf"
    eaf.to_file(str(path))
    result = run("import", project, path, "--map", "mood=")
    assert result.exit_code == 0, result.output
    assert result.stdout == f"imported 1 segments from {path}\n"
    assert result.stderr.splitlines() == [
        "skipped: tier 'laughter': 1 annotations shorter than a frame skipped (first: 'a3')",
        "skipped: tier 'mood': 1 annotations mapped to nothing skipped (first: 'a4')",
    ]
    with Project.open(project) as opened:
        (segment,) = opened.store.segments()
    assert segment.source is Source.IMPORT

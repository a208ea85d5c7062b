"""``annotator merge``: the report, a dry run, conflicts refused without --prefer, and bad
input as one line with exit status 2."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from annotator.domain.segment import Segment
from annotator.project.project import Project
from annotator.storage.project_store import DB_NAME


@pytest.fixture
def theirs(project: Path, tmp_path: Path) -> Path:
    """A copy of ``project`` (segment s1 coded by ana) where ben coded s2."""
    with Project.open(project) as opened:
        laughter = opened.store.label_by_name("laughter")
        assert laughter is not None
        assert laughter.id is not None
        opened.store.add_segment(Segment(1, laughter.id, 10, 40, id="s1", annotator="ana"))
    copy = tmp_path / "theirs"
    copy.mkdir()
    shutil.copy(project / DB_NAME, copy / DB_NAME)
    with Project.open(copy) as opened:
        opened.store.add_segment(Segment(1, laughter.id, 50, 60, id="s2", annotator="ben"))
    return copy


def test_dry_run_then_merge_then_again(run, project: Path, theirs: Path) -> None:
    dry = run("merge", project, theirs, "--dry-run")
    assert dry.exit_code == 0, dry.output
    assert f"{theirs}: 1 new segments, 0 replaced by their version, 1 unchanged, 0 conflicts" in dry.output
    assert "dry run: nothing was written" in dry.output
    with Project.open(project) as opened:
        assert opened.store.segment_count() == 1
    done = run("merge", project, theirs)
    assert done.exit_code == 0, done.output
    assert f"merged into {project}" in done.output
    again = run("merge", project, theirs)
    assert "0 new segments, 0 replaced by their version, 2 unchanged" in again.output


def test_a_conflict_needs_prefer(run, project: Path, theirs: Path) -> None:
    """No common ancestor: the same segment with different content is a conflict."""
    with Project.open(theirs) as opened:
        opened.store.update_segment(opened.store.segment("s1").with_note("laughs twice"))
    with Project.open(project) as opened:
        opened.store.update_segment(opened.store.segment("s1").with_bounds(12, 40))
    refused = run("merge", project, theirs)
    assert refused.exit_code == 2
    assert "conflict: segment s1 (laughter 12-40 by ana): start_frame, note differ" in refused.output
    assert "undecided" in refused.output
    assert refused.output.strip().splitlines()[-1] == (
        "Error: 1 conflicts (segments changed on both sides): nothing was merged; "
        "choose --prefer newer|ours|theirs"
    )
    with Project.open(project) as opened:
        assert opened.store.segment_count() == 1
    taken = run("merge", project, theirs, "--prefer", "theirs")
    assert taken.exit_code == 0, taken.output
    assert "took theirs" in taken.output
    with Project.open(project) as opened:
        s1 = opened.store.segment("s1")
        assert (s1.start_frame, s1.note) == (10, "laughs twice")


def test_bad_input_is_one_line(run, project: Path, tmp_path: Path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text("{not json")
    for args, message in (
        ((broken,), "broken.json, line 1"),
        ((tmp_path / "nowhere",), "no such project or file"),
        ((project,), "this is the project being merged into"),
    ):
        result = run("merge", project, *args)
        assert result.exit_code == 2
        assert message in result.output
        assert len(result.output.strip().splitlines()) == 1
        assert "Traceback" not in result.output

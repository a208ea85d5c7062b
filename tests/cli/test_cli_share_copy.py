"""``annotator share FOLDER URL`` and ``annotator copy URL FOLDER``: everything goes across
(ids, reviews, frame tables), and a failure part-way leaves the target as it was."""

from __future__ import annotations

from pathlib import Path

import psycopg
import pytest

from annotator.domain.label import Label
from annotator.domain.segment import Segment
from annotator.project.project import Project
from annotator.storage import transfer
from annotator.storage.errors import StoreError

ROWS = (
    "video,label,start_frame,end_frame,note,annotator,status,reviewer,review_note\n"
    'numbered_25.mp4,Laughter,50,80,"=cheers, loud",ann,approved,rev,fine\n'
    "numbered_25.mp4,driving,0,25,road,ann,needs_fix,rev,too long\n"
    "numbered_25.mp4,driving,30,40,,bob,,,\n"
)


@pytest.fixture
def filled(run, project: Path, tmp_path: Path) -> Path:
    source = tmp_path / "in.csv"
    source.write_text(ROWS)
    assert run("import", project, source).exit_code == 0
    return project


def _tables(url: str) -> int:
    with psycopg.connect(url) as conn:
        return int(conn.execute("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'").fetchone()[0])


def test_share_then_copy_keeps_everything(run, filled: Path, pg_url: str, tmp_path: Path) -> None:
    shared = run("--media-root", filled, "share", filled, pg_url)
    assert shared.exit_code == 0, shared.output
    assert shared.output == f"shared 1 videos, 9 labels, 3 segments, 2 reviews to {pg_url}\n"
    original = run("export", filled).stdout
    assert run("export", pg_url).stdout == original
    copied = run("copy", pg_url, tmp_path / "home")
    assert copied.exit_code == 0, copied.output
    assert run("export", tmp_path / "home").stdout == original
    found = run("search", tmp_path / "home", "cheers").stdout  # the copy's search index is whole
    assert found == run("search", filled, "cheers").stdout
    assert "laughter" in found
    with Project.open(filled) as a, Project.open(tmp_path / "home") as b:
        assert b.store.segments(include_deleted=True) == a.store.segments(include_deleted=True)
        assert b.store.reviews() == a.store.reviews()
        assert b.store.labels() == a.store.labels()
        assert [v.info.frame_times for v in b.store.videos()] == [
            v.info.frame_times for v in a.store.videos()
        ]
        assert b.store.meta_get("project_name") == a.store.meta_get("project_name")
    with Project.open(pg_url, media_root=filled) as server:  # new rows take new ids after the copied ones
        assert server.store.add_label(Label("new one")).id == 10


def _fail_at_reviews(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Make the copy fail writing reviews, after videos, labels and segments were written."""
    real, written = transfer.copy_table, []

    def failing(source, target, table, rebase):
        if table == "reviews":
            raise StoreError("no space left on device (a test's failure)")
        written.append(table)
        return real(source, target, table, rebase)

    monkeypatch.setattr(transfer, "copy_table", failing)
    return written


def test_a_share_failing_part_way_leaves_the_database_empty(
    run, filled: Path, pg_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    written = _fail_at_reviews(monkeypatch)
    result = run("share", filled, pg_url)
    assert written == ["videos", "labels", "segments"]
    assert result.exit_code == 2
    assert result.output == "Error: no space left on device (a test's failure)\n"
    assert _tables(pg_url) == 0
    monkeypatch.undo()
    assert run("share", filled, pg_url).exit_code == 0  # and it can be shared after


def test_a_copy_failing_part_way_leaves_no_project(
    run, filled: Path, pg_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert run("share", filled, pg_url).exit_code == 0
    written = _fail_at_reviews(monkeypatch)
    result = run("copy", pg_url, tmp_path / "home")
    assert written == ["videos", "labels", "segments"]
    assert result.exit_code == 2
    assert not (tmp_path / "home").exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_share_refuses_a_database_with_a_project(run, filled: Path, pg_url: str) -> None:
    assert run("share", filled, pg_url).exit_code == 0
    again = run("share", filled, pg_url)
    assert again.exit_code == 2
    assert again.output == f"Error: {pg_url}: a project already exists in this database\n"


def test_copy_refuses_a_folder_with_a_project(run, filled: Path, pg_url: str) -> None:
    assert run("share", filled, pg_url).exit_code == 0
    before = (filled / "annotations.db").read_bytes()
    result = run("copy", pg_url, filled)
    assert result.exit_code == 2
    assert "a project (or a file) is already there" in result.output
    assert (filled / "annotations.db").read_bytes() == before


def test_merge_a_folder_into_a_shared_project_and_agreement_on_it(
    run, filled: Path, pg_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The media root defaults to the current folder: here, one the footage is outside of, so the
    # server stores its absolute path as the folder project does (a mutation run works in a
    # folder that holds the footage).
    monkeypatch.chdir(tmp_path)
    assert run("share", filled, pg_url).exit_code == 0
    theirs = tmp_path / "theirs"
    assert run("copy", pg_url, theirs).exit_code == 0
    with Project.open(theirs) as opened:  # ben codes one more at home
        label = opened.store.label_by_name("laughter")
        assert label is not None
        assert label.id is not None
        opened.store.add_segment(Segment(1, label.id, 85, 95, id="ben-1", annotator="ben"))
    merged = run("merge", pg_url, theirs)
    assert merged.exit_code == 0, merged.output
    assert "1 new segments, 0 replaced by their version, 3 unchanged, 0 conflicts" in merged.output
    assert run("export", pg_url).stdout == run("export", theirs).stdout
    on_server = run("agreement", pg_url, "--coders", "ann,ben")
    assert on_server.exit_code == 0, on_server.output
    assert on_server.output == run("agreement", theirs, "--coders", "ann,ben").output

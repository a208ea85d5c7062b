"""Edges of the project layer the other tests pass by: a query that keeps proposals, a
label "more like this" does not know, a merge from a project's own ``.db`` file, and a newer
project named by its path."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

import pytest
from merge_helpers import label_id, make_pair, video_info

from annotator.domain.label import Vocabulary
from annotator.domain.segment import Segment, Source
from annotator.project.errors import ProjectError
from annotator.project.merge import merge_files
from annotator.project.project import Project
from annotator.project.propose import like_examples
from annotator.project.selection import select_segments
from annotator.resources import vocabulary_path
from annotator.storage.errors import StoreVersionError
from annotator.storage.project_store import DB_NAME


@pytest.fixture
def project(tmp_path: Path) -> Project:
    created = Project.create(tmp_path / "p", Vocabulary.load(vocabulary_path("state-tv")))
    video = created.store.add_video("clip.mp4", "1-abc", video_info("clip.mp4"))
    laughter = label_id(created, "laughter")
    created.store.add_segments([
        Segment(video.id, laughter, 10, 20, id="coded", annotator="ana", note="crowd laughs"),
        Segment(video.id, laughter, 30, 40, id="proposed", note="crowd laughs", source=Source.PROPOSAL),
    ])  # fmt: skip
    return created


def test_a_query_keeps_or_leaves_out_proposals_as_asked(project: Project) -> None:
    assert [s.id for s in select_segments(project, query="crowd")] == ["coded"]
    both = select_segments(project, query="crowd", proposals="include")
    assert [s.id for s in both] == ["coded", "proposed"]
    assert [s.id for s in select_segments(project, query="crowd", proposals="only")] == ["proposed"]


def test_more_like_a_label_the_project_lacks_is_refused_by_name(project: Project) -> None:
    with pytest.raises(ProjectError, match=r"^no label named 'dancing'$"):
        like_examples(project, "dancing")


def test_a_merge_takes_a_projects_db_file_too(tmp_path: Path) -> None:
    ours, theirs = make_pair(tmp_path)
    with Project.open(theirs) as other:
        other.store.add_segment(Segment(1, label_id(other, "driving"), 5, 9, id="t9", annotator="ben"))
    with Project.open(ours) as project:
        assert merge_files(project, [theirs / DB_NAME]).written
    with Project.open(ours) as project:
        assert "t9" in {s.id for s in project.store.segments()}


def test_a_newer_project_is_refused_naming_its_file(tmp_path: Path) -> None:
    Project.create(tmp_path / "p", Vocabulary.load(vocabulary_path("state-tv"))).close()
    conn = sqlite3.connect(tmp_path / "p" / DB_NAME)
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    with pytest.raises(StoreVersionError, match=f"^{re.escape(str(tmp_path / 'p' / DB_NAME))}"):
        Project.open(tmp_path / "p")

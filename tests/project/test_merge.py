"""Merging copies of a project worked on apart: what comes in, idempotence, conflicts with each
``prefer``, reviews as history, all or nothing, dry runs, and the other copy untouched."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from merge_helpers import dump, label_id, make_pair, stamp, video_info

from annotator.domain.label import Label
from annotator.domain.segment import Review, Segment, Verdict
from annotator.project import exchange
from annotator.project.errors import ProjectError
from annotator.project.merge import MergeResult, merge_files
from annotator.project.merge_plan import Prefer
from annotator.project.project import Project
from annotator.storage.errors import StoreError
from annotator.storage.project_store import ProjectStore

LATER = "2026-03-01T10:00:00.000Z"
EARLIER = "2026-02-01T10:00:00.000Z"


@pytest.fixture
def pair(tmp_path: Path) -> tuple[Path, Path]:
    return make_pair(tmp_path)


def merged(ours: Path, *others: Path, prefer: Prefer | None = None, dry_run: bool = False) -> MergeResult:
    with Project.open(ours) as project:
        return merge_files(project, others, prefer, dry_run)


def work_apart(theirs: Path) -> None:
    """Ben's work in the other copy: a segment, labels (one new, one recoloured), a second
    video with a segment, and a verdict."""
    with Project.open(theirs) as project:
        store = project.store
        swap = store.label_by_name("driver swap")
        assert swap is not None
        store.update_label(replace(swap, key=""))  # key 1 goes to a new label there
        store.add_label(Label("Applause", colour="#123456", key="1"))
        laughter = store.label_by_name("laughter")
        assert laughter is not None
        store.update_label(replace(laughter, name="Laughter", colour="#000000"))
        video = store.add_video("/elsewhere/second.mp4", "2-def", video_info("second.mp4", 500))
        applause = label_id(project, "applause")
        store.add_segments(
            [
                Segment(1, applause, 50, 60, id="t1", annotator="ben"),
                Segment(video.id, label_id(project, "laughter"), 400, 450, id="t2", annotator="ben"),
            ]
        )
        store.add_review(Review("s2", "rita", Verdict.NEEDS_FIX, "edges", created_at=LATER))


def test_new_work_comes_in_with_labels_videos_and_reviews(pair: tuple[Path, Path]) -> None:
    ours, theirs = pair
    work_apart(theirs)
    (plan,) = merged(ours, theirs).plans
    assert (len(plan.additions.segments), plan.unchanged, plan.conflicts) == (2, 2, ())
    assert any("'laughter': colour '#f58231' here, '#000000' in" in note for note in plan.notes)
    assert any("'laughter': name 'laughter' here, 'Laughter' in" in note for note in plan.notes)
    assert any(
        "'Applause' added without its key 1 (held by 'driver swap' here)" in note for note in plan.notes
    )
    assert any("'driver swap': key '1' here, '' in" in note for note in plan.notes)
    with Project.open(ours) as project:
        store = project.store
        applause = store.label_by_name("APPLAUSE")
        assert applause is not None
        assert (applause.colour, applause.key) == ("#123456", "")
        assert store.label_by_name("laughter").colour == "#f58231"  # ours kept, reported
        second = store.video_by_fingerprint("2-def")
        assert second is not None
        assert second.path == "/elsewhere/second.mp4"
        t2 = store.segment("t2")
        assert (t2.video_id, t2.label_id, t2.annotator) == (second.id, label_id(project, "laughter"), "ben")
        assert store.latest_reviews()["s2"].verdict == Verdict.NEEDS_FIX


def test_merging_the_same_copy_twice_changes_nothing(pair: tuple[Path, Path]) -> None:
    ours, theirs = pair
    work_apart(theirs)
    merged(ours, theirs)
    once = dump(ours)
    (again,) = merged(ours, theirs).plans
    assert dump(ours) == once
    assert (len(again.additions.segments), len(again.additions.reviews), again.unchanged) == (0, 0, 4)
    assert (again.additions.new_labels, again.additions.new_videos, again.rewrites) == ((), (), ())
    merged(ours, theirs, theirs)  # the same copy twice in one merge, too
    assert dump(ours) == once


def conflicting(ours: Path, theirs: Path, ours_time: str, theirs_time: str) -> None:
    """s1 changed on both sides: bounds here, note there."""
    with Project.open(ours) as project:
        stamp(project, project.store.segment("s1").with_bounds(12, 40), ours_time)
    with Project.open(theirs) as project:
        stamp(project, project.store.segment("s1").with_note("laughs twice"), theirs_time)


@pytest.mark.parametrize(
    ("prefer", "ours_time", "theirs_time", "winner"),
    [
        (Prefer.OURS, EARLIER, LATER, "ours"),
        (Prefer.THEIRS, LATER, EARLIER, "theirs"),
        (Prefer.NEWER, EARLIER, LATER, "theirs"),
        (Prefer.NEWER, LATER, EARLIER, "ours"),
        (Prefer.NEWER, LATER, LATER, "ours"),  # a tie keeps this project's
    ],
)
def test_a_conflict_is_decided_by_prefer(
    pair: tuple[Path, Path], prefer: Prefer, ours_time: str, theirs_time: str, winner: str
) -> None:
    ours, theirs = pair
    conflicting(ours, theirs, ours_time, theirs_time)
    result = merged(ours, theirs, prefer=prefer)
    (conflict,) = result.plans[0].conflicts
    assert (conflict.fields, conflict.taken, result.written) == (("start_frame", "note"), winner, True)
    with Project.open(ours) as project:
        s1 = project.store.segment("s1")
    expected = (12, "", ours_time) if winner == "ours" else (10, "laughs twice", theirs_time)
    assert (s1.start_frame, s1.note, s1.updated_at) == expected
    once = dump(ours)
    merged(ours, theirs, prefer=prefer)
    assert dump(ours) == once


def test_an_undecided_conflict_merges_nothing(pair: tuple[Path, Path]) -> None:
    ours, theirs = pair
    work_apart(theirs)
    conflicting(ours, theirs, EARLIER, LATER)
    before = dump(ours)
    result = merged(ours, theirs)
    assert (result.unresolved, result.written) == (1, False)
    assert result.plans[0].conflicts[0].taken is None
    assert dump(ours) == before  # not even the new segments


def test_a_deletion_is_a_change_like_any_other(pair: tuple[Path, Path]) -> None:
    ours, theirs = pair
    with Project.open(theirs) as project:
        stamp(project, project.store.segment("s2"), LATER, deleted=True)
        project.store.add_segment(Segment(1, label_id(project, "driving"), 5, 9, id="gone"))
        project.store.delete_segment("gone")
    (plan,) = merged(ours, theirs, prefer=Prefer.NEWER).plans
    assert [(c.ours.id, c.fields, c.taken) for c in plan.conflicts] == [("s2", ("deleted",), "theirs")]
    assert plan.deleted_there_only == 1
    with Project.open(ours) as project:
        assert project.store.is_deleted("s2")
        assert project.store.known_segment_ids(["gone"]) == set()


def test_reviews_merge_as_history_in_time_order(pair: tuple[Path, Path]) -> None:
    ours, theirs = pair  # both have rita's approval of s1 (2026-01-02)
    with Project.open(ours) as project:
        project.store.add_review(
            Review("s1", "rita", Verdict.REJECTED, created_at="2026-01-05T10:00:00.000Z")
        )
    with Project.open(theirs) as project:
        project.store.add_review(
            Review("s1", "sam", Verdict.NEEDS_FIX, created_at="2026-01-03T10:00:00.000Z")
        )
        project.store.add_review(Review("s1", "sam", Verdict.APPROVED, created_at="2026-01-09T10:00:00.000Z"))
    (plan,) = merged(ours, theirs).plans
    assert len(plan.rewrites) == 1  # sam's first verdict is older than rita's rejection
    with Project.open(ours) as project:
        history = [(r.reviewer, r.verdict.value, r.created_at[:10]) for r in project.store.reviews("s1")]
        assert history == [
            ("rita", "approved", "2026-01-02"),
            ("sam", "needs_fix", "2026-01-03"),
            ("rita", "rejected", "2026-01-05"),
            ("sam", "approved", "2026-01-09"),
        ]
        assert project.store.latest_reviews()["s1"].reviewer == "sam"
    once = dump(ours)
    merged(ours, theirs)
    assert dump(ours) == once


def test_all_or_nothing_when_a_write_fails_partway(
    pair: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ours, theirs = pair
    work_apart(theirs)
    other = tmp_path / "other.json"
    with Project.open(theirs) as project:
        exchange.export(project, "json", other)
    before = dump(ours)
    calls = []

    def failing(self: ProjectStore, reviews: object) -> int:
        calls.append(self)
        raise StoreError("disk full (planted)")

    monkeypatch.setattr(ProjectStore, "add_reviews", failing)  # after labels, videos, segments
    with pytest.raises(StoreError, match="planted"):
        merged(ours, theirs, other)
    assert calls
    assert dump(ours) == before


def test_a_dry_run_writes_nothing_but_says_everything(pair: tuple[Path, Path]) -> None:
    ours, theirs = pair
    work_apart(theirs)
    before = dump(ours)
    result = merged(ours, theirs, dry_run=True)
    assert result.written is False
    assert len(result.plans[0].additions.segments) == 2
    assert dump(ours) == before


def test_the_other_copy_is_only_read(pair: tuple[Path, Path]) -> None:
    ours, theirs = pair
    work_apart(theirs)
    before = dump(theirs)
    files = {path.name: path.read_bytes() for path in theirs.iterdir()}
    merged(ours, theirs)
    assert dump(theirs) == before
    assert {path.name: path.read_bytes() for path in theirs.iterdir()} == files


def test_a_json_export_merges_like_the_project(pair: tuple[Path, Path], tmp_path: Path) -> None:
    ours, theirs = pair
    work_apart(theirs)
    exported = tmp_path / "theirs.json"
    with Project.open(theirs) as project:
        exchange.export(project, "json", exported)
    (plan,) = merged(ours, exported).plans
    assert len(plan.additions.segments) == 2
    once = dump(ours)
    (again,) = merged(ours, exported, theirs).plans[:1]
    assert again.unchanged == 4
    assert dump(ours) == once


def test_refusals(pair: tuple[Path, Path], tmp_path: Path) -> None:
    ours, _theirs = pair
    with pytest.raises(ProjectError, match="being merged into"):
        merged(ours, ours)
    with pytest.raises(ProjectError, match="no such project"):
        merged(ours, tmp_path / "missing")
    notes = tmp_path / "notes.txt"
    notes.write_text("hello")
    with pytest.raises(ProjectError, match="project folder"):
        merged(ours, notes)


def test_segments_changed_there_to_new_labels_and_videos_take_them(pair: tuple[Path, Path]) -> None:
    ours, theirs = pair
    with Project.open(theirs) as project:
        store = project.store
        added = [store.add_label(Label(name)) for name in ("Applause", "Cheering", "Booing")]
        videos = [
            store.add_video(f"/elsewhere/{n}.mp4", f"{n}-def", video_info(f"{n}.mp4", 500)) for n in "abc"
        ]
        assert added[1].id is not None
        stamp(project, replace(store.segment("s1"), label_id=added[1].id), LATER)  # relabelled by ben
        stamp(project, replace(store.segment("s2"), video_id=videos[1].id), LATER)  # put on another video
    assert merged(ours, theirs, prefer=Prefer.THEIRS).written
    with Project.open(ours) as project:
        store = project.store
        s1, s2 = store.segment("s1"), store.segment("s2")
        assert [label.name for label in store.labels() if label.id == s1.label_id] == ["Cheering"]
        assert [video.name for video in store.videos() if video.id == s2.video_id] == ["b.mp4"]
        assert (s1.start_frame, s1.end_frame, s2.start_frame, s2.end_frame) == (10, 40, 100, 120)


def test_new_labels_keep_their_keys_unless_an_active_label_here_holds_them(pair: tuple[Path, Path]) -> None:
    ours, theirs = pair
    for copy in (ours, theirs):  # key 6 freed in both copies
        with Project.open(copy) as project:
            driving = project.store.label_by_name("driving")
            assert driving is not None
            project.store.update_label(replace(driving, key=""))
    with Project.open(theirs) as project:
        project.store.add_label(Label("Cheering", key="6"))
        project.store.add_label(Label("Old cheer", key="2", archived=True))  # 2 is laughter's, active here
    (plan,) = merged(ours, theirs).plans
    assert not [note for note in plan.notes if "without its key" in note]
    with Project.open(ours) as project:
        keys = {label.name: (label.key, label.archived) for label in project.store.labels()}
    assert (keys["Cheering"], keys["Old cheer"], keys["laughter"]) == (
        ("6", False),
        ("2", True),
        ("2", False),
    )

"""A JSON import that brings videos the project lacks: each segment lands on its own video."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from merge_helpers import video_info

from annotator.domain.label import Label, Vocabulary
from annotator.domain.segment import Segment
from annotator.domain.video import Video
from annotator.formats.json.writer import save_json
from annotator.project import exchange
from annotator.project.project import Project
from annotator.resources import vocabulary_path


def test_segments_on_two_new_videos_and_a_new_label_land_where_they_belong(tmp_path: Path) -> None:
    info = video_info("a.mp4")
    videos = [
        Video(n, f"far/{name}", f"{n}-fp{n}", replace(info, path=name))
        for n, name in enumerate(["a.mp4", "b.mp4", "c.mp4"])
    ]
    labels = [
        Label("laughter", colour="#ff7f0e", id=0),
        Label("honks", colour="#123456", id=1),
        Label("beeps", colour="#654321", id=2),
    ]
    segments = [Segment(2, 2, 20, 30), Segment(0, 0, 0, 10), Segment(1, 1, 10, 20)]
    save_json(tmp_path / "in.json", videos, labels, segments, [])
    with Project.create(tmp_path / "p", Vocabulary.load(vocabulary_path("state-tv"))) as project:
        project.store.add_video("mine.mp4", "9-mine", info)
        report = exchange.import_file(project, tmp_path / "in.json")
        assert (report.segments, report.videos, report.labels) == (3, 3, 2)
        store = project.store
        placed = sorted(
            (store.video(s.video_id).name, store.label(s.label_id).name, s.start_frame)
            for s in store.segments()
        )
    assert placed == [("a.mp4", "laughter", 0), ("b.mp4", "honks", 10), ("c.mp4", "beeps", 20)]


def test_new_labels_keep_their_keys_unless_an_active_label_holds_them(tmp_path: Path) -> None:
    info = video_info("a.mp4")
    labels = [
        Label("old honks", key="2", archived=True, id=0),  # archived: its key binds nothing
        Label("honks", key="2", id=1),
        Label("beeps", key="1", id=2),  # the project's laughter holds 1
        Label("claps", key="3", id=3),
    ]
    save_json(tmp_path / "in.json", [Video(0, "a.mp4", "0-fp", info)], labels, [Segment(0, 1, 0, 10)], [])
    with Project.create(tmp_path / "p", Vocabulary("v", (Label("laughter", key="1"),))) as project:
        exchange.import_file(project, tmp_path / "in.json")
        keys = {label.name: (label.key, label.archived) for label in project.store.labels()}
    assert keys == {
        "laughter": ("1", False),
        "old honks": ("2", True),
        "honks": ("2", False),
        "beeps": ("", False),
        "claps": ("3", False),
    }

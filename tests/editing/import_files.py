"""Small import files for the editing tests, written with the project's own writers."""

from __future__ import annotations

from pathlib import Path

from annotator.domain.label import Label
from annotator.domain.segment import Review, Segment, Verdict
from annotator.formats.json.writer import save_json
from annotator.storage.project_store import ProjectStore


def json_with_new_labels(store: ProjectStore, path: Path, uses: str = "laughter") -> Path:
    """A project file for the store's video: labels ``uses`` (existing or not), ``horse
    ride`` and ``dogs`` (new), a segment on each, and a review of the first."""
    video = store.videos()[0]
    labels = [
        Label(uses, colour="#ff7f0e", key="2", order=0, id=100),
        Label("horse ride", colour="#00aa00", key="7", order=1, id=101),
        Label("dogs", colour="#aa00aa", key="", order=2, id=102),
    ]
    segments = [
        Segment(video.id, 100, 10, 20, annotator="imp", note="they laugh"),
        Segment(video.id, 101, 30, 60, annotator="imp"),
        Segment(video.id, 102, 70, 71, annotator="imp"),
    ]
    reviews = [Review(segments[0].id, "rita", Verdict.APPROVED, "ok")]
    save_json(path, [video], labels, segments, reviews)
    return path


def csv_using(store: ProjectStore, path: Path, label: str) -> Path:
    """A CSV of two segments of ``label`` on the store's video."""
    name = store.videos()[0].name
    path.write_text(f"video,label,start_frame,end_frame\n{name},{label},5,9\n{name},{label},40,44\n")
    return path

"""Imports that fail while WRITING (the file is fine), for the CLI and the document paths.

A store method is made to raise ``sqlite3.OperationalError("database or disk is full")`` on
its n-th call, after the import has already written other rows (labels, a video, segments).
Only the transaction around the whole import can then leave the project as it was."""

from __future__ import annotations

import sqlite3
import warnings
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from annotator.domain.label import Label
from annotator.domain.segment import Review, Segment, Verdict
from annotator.domain.video import Video
from annotator.formats.json.writer import save_json
from annotator.storage.project_store import ProjectStore

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from pympi.Elan import Eaf

DISK_FULL = "database or disk is full"

# Where each format's import can fail after something else was written: (store method, call).
FAILURE_POINTS = {
    "csv": [("add_reviews", 1)],  # after its segments
    "json": [("add_label", 2), ("add_video", 1), ("add_segments", 1), ("add_reviews", 1)],
    "eaf": [("add_label", 2), ("add_segments", 1)],  # after its new labels
}
CASES = [(fmt, method, call) for fmt, points in FAILURE_POINTS.items() for method, call in points]


class CallCounter:
    """How often the patched method was called (a case must reach its failure point)."""

    def __init__(self) -> None:
        self.calls = 0


def fail_on_call(monkeypatch: pytest.MonkeyPatch, method: str, call: int) -> CallCounter:
    """``ProjectStore.<method>`` raises a disk-full error on its ``call``-th call; the
    calls before it write as usual."""
    original = getattr(ProjectStore, method)
    counter = CallCounter()

    def failing(self: ProjectStore, *args: Any, **kwargs: Any) -> Any:
        counter.calls += 1
        if counter.calls == call:
            raise sqlite3.OperationalError(DISK_FULL)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(ProjectStore, method, failing)
    return counter


def import_file_for(fmt: str, store: ProjectStore, folder: Path) -> Path:
    """A valid file of ``fmt`` that writes everything its format can: segments and
    reviews (CSV); two new labels, a new video, segments and reviews (JSON); two new
    labels from ELAN tiers and their segments (EAF, imported with ``--new-labels``)."""
    video = store.videos()[0]
    if fmt == "csv":
        path = folder / "in.csv"
        path.write_text(
            "video,label,start_frame,end_frame,status,reviewer,review_note\n"
            f"{video.name},laughter,5,9,approved,rita,fine\n"
            f"{video.name},laughter,40,44,unreviewed,,\n"
            f"{video.name},driving,50,60,rejected,rita,too short\n",
            encoding="utf-8",
        )
        return path
    if fmt == "json":
        return _json_file(video, folder / "in.json")
    return _eaf_file(folder / "in.eaf")


def _json_file(video: Video, path: Path) -> Path:
    other = replace(video, id=2, path="elsewhere/other.mp4", fingerprint="999-not-in-this-project")
    labels = [
        Label("laughter", colour="#ff7f0e", key="2", order=0, id=100),
        Label("horse ride", colour="#00aa00", key="7", order=1, id=101),
        Label("dogs", colour="#aa00aa", key="", order=2, id=102),
    ]
    segments = [
        Segment(video.id, 100, 10, 20, annotator="imp", note="they laugh"),
        Segment(video.id, 101, 30, 60, annotator="imp"),
        Segment(other.id, 102, 5, 6, annotator="imp"),
    ]
    reviews = [Review(segments[0].id, "rita", Verdict.APPROVED, "ok")]
    save_json(path, [video, other], labels, segments, reviews)
    return path


def _eaf_file(path: Path) -> Path:
    eaf = Eaf(author="someone")
    eaf.remove_tier("default")
    for tier, spans in {"Gesture R": [(400, 800), (800, 1600)], "Gaze": [(0, 1000)]}.items():
        eaf.add_tier(tier)
        for start_ms, end_ms in spans:
            eaf.add_annotation(tier, start_ms, end_ms, f"{tier} {start_ms}")
    eaf.to_file(str(path))
    return path

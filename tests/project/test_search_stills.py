"""The search grid's pictures: the middle frame of each segment, from the proxy where one
is ready, made in chunks, cached, and none for a missing video."""

from __future__ import annotations

import shutil
from pathlib import Path

import cv2
import numpy as np
import pytest

from annotator.domain.label import Vocabulary
from annotator.domain.segment import Segment
from annotator.media.proxy import build_proxy
from annotator.media.synthetic import read_frame_number
from annotator.project.project import Project
from annotator.project.search_stills import CHUNK, STILL_HEIGHT, middle_frame, still_jobs
from annotator.resources import vocabulary_path


def frame_of(path: Path) -> int:
    bgr = cv2.imdecode(np.frombuffer(path.read_bytes(), np.uint8), cv2.IMREAD_COLOR)
    assert bgr.shape[0] == STILL_HEIGHT
    return read_frame_number(cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB))


@pytest.fixture
def project(tmp_path: Path, clip_25fps: Path, clip_2997: Path) -> Project:
    second_copy = tmp_path / "second.mp4"
    shutil.copyfile(clip_2997, second_copy)
    created = Project.create(tmp_path / "project", Vocabulary.load(vocabulary_path("state-tv")))
    first, second = created.add_video(clip_25fps), created.add_video(second_copy)
    label = created.store.label_by_name("laughter")
    assert label is not None
    assert label.id is not None
    spans = [(first.id, s, s + 3 + s % 5) for s in range(0, 90, 3)] + [
        (second.id, 100, 120),
        (second.id, 7, 8),
    ]
    created.store.add_segments([Segment(video, label.id, start, end) for video, start, end in spans])
    return created


def test_middle_frames_in_chunks_from_the_proxy_when_ready(project: Project) -> None:
    first, second = project.store.videos()
    build_proxy(project.video_path(first), first.info, project.cache.proxy_path(first.fingerprint))
    segments = project.store.segments()
    jobs = still_jobs(project, segments)
    wanted = {(s.video_id, middle_frame(s)) for s in segments}
    assert sorted((job.video_id, frame) for job in jobs for frame in job.frames) == sorted(wanted)
    assert all(len(job.frames) <= CHUNK for job in jobs)
    assert {job.media() for job in jobs if job.video_id == first.id} == {
        project.cache.proxy_path(first.fingerprint)
    }
    assert {job.media() for job in jobs if job.video_id == second.id} == {project.video_path(second)}
    for job in jobs:
        made = job.run()
        assert sorted(made) == sorted(job.frames)
        assert all(frame_of(path) == frame for frame, path in made.items())
    assert still_jobs(project, segments, have=wanted) == []
    assert middle_frame(Segment(second.id, 1, 7, 8)) == 7


def test_a_missing_video_gets_no_job(project: Project) -> None:
    first, second = project.store.videos()
    project.video_path(second).unlink()
    jobs = still_jobs(project, project.store.segments())
    assert {job.video_id for job in jobs} == {first.id}

"""A project's clips: each is its segment's frames (read from the pixels) with pre- and
post-roll worked out in the test, names safe and unique, the manifest value by value,
nothing replaced, and a cancelled run leaving only whole clips, listed."""

from __future__ import annotations

import csv
import threading
from pathlib import Path

import av
import numpy as np
import pytest

from annotator.domain.label import Vocabulary
from annotator.domain.segment import Review, Segment, Verdict
from annotator.media.errors import Cancelled
from annotator.media.synthetic import make_numbered_clip, read_frame_number
from annotator.project.clips import MANIFEST, MANIFEST_COLUMNS, clip_range, make_clips, plan_clips, safe_part
from annotator.project.errors import ProjectError
from annotator.project.project import Project
from annotator.project.selection import select_segments
from annotator.resources import vocabulary_path

NOTE = 'crowd, "laughs"\nloud'


def numbers(path: Path) -> list[int]:
    with av.open(str(path)) as container:
        return [read_frame_number(frame.to_ndarray(format="rgb24")) for frame in container.decode(video=0)]


@pytest.fixture
def project(tmp_path: Path, clip_25fps: Path, clip_2997: Path) -> Project:
    created = Project.create(tmp_path / "project", Vocabulary.load(vocabulary_path("state-tv")))
    first, second = created.add_video(clip_25fps), created.add_video(clip_2997)
    laughter = created.store.label_by_name("laughter")
    gift = created.store.label_by_name("gift exchange")
    assert laughter is not None
    assert laughter.id is not None
    assert gift is not None
    assert gift.id is not None
    created.store.add_segments([
        Segment(first.id, laughter.id, 10, 21, id="aaaaaaaa-1", annotator="ana", note=NOTE),
        Segment(first.id, gift.id, 95, 100, id="bbbbbbbb-2", annotator="ben"),
        Segment(second.id, laughter.id, 100, 110, id="cccccccc-3", annotator="ana"),
    ])  # fmt: skip
    created.store.add_reviews([Review("bbbbbbbb-2", "rita", Verdict.APPROVED)])
    return created


def test_each_clip_is_its_segments_frames_and_the_manifest_lists_it(project: Project, tmp_path: Path) -> None:
    folder = tmp_path / "clips"
    jobs = plan_clips(project, select_segments(project), folder)
    made = make_clips(project, jobs, folder, workers=2)
    assert len(made) == 3
    names = sorted(p.name for p in folder.iterdir())
    assert names == [
        MANIFEST,
        "numbered_25_00-00-00-10_laughter_aaaaaaaa.mp4",
        "numbered_25_00-00-03-20_gift_exchange_bbbbbbbb.mp4",
        "numbered_2997_00-00-03-10_laughter_cccccccc.mp4",  # frame 100 at 29.97: 3 s and 10 frames
    ]
    assert numbers(folder / names[1]) == list(range(10, 21))
    assert numbers(folder / names[2]) == list(range(95, 100))
    assert numbers(folder / names[3]) == list(range(100, 110))
    with (folder / MANIFEST).open(newline="") as handle:
        rows = list(csv.reader(handle))
    assert tuple(rows[0]) == MANIFEST_COLUMNS
    # At 29.97 fps, frame 100 starts at 3336.67 ms and frame 110 at 3670.33 ms: 3337 and 3670.
    assert rows[3] == [
        names[3], "cccccccc-3", "numbered_2997.mp4", "laughter", "ana", "unreviewed", "100", "110",
        "100", "10", "00:00:03;10", "00:00:03;10", "00:00:03;20", "0.333", "", "0",
    ]  # fmt: skip
    assert rows[1][:2] == [names[1], "aaaaaaaa-1"]
    assert rows[1][14] == NOTE
    assert rows[2][5] == "approved"
    assert rows[2][9] == "5"
    assert rows[2][13] == "0.200"


def test_preroll_and_postroll_in_seconds_clamped_to_the_video(project: Project) -> None:
    videos = project.store.videos()
    at_25 = next(v for v in videos if v.name == "numbered_25.mp4")
    segment = Segment(at_25.id, 1, 10, 21)
    assert clip_range(at_25, segment, 0, 0) == (10, 21)
    assert clip_range(at_25, segment, 0.2, 0.2) == (5, 26)  # 5 frames of 40 ms each side
    assert clip_range(at_25, segment, 0.5, 0.5) == (0, 33)  # 0.84 s + 0.5 s is in frame 33
    assert clip_range(at_25, segment, 0.39, 0.0) == (0, 21)  # 0.4 s - 0.39 s = frame 0
    assert clip_range(at_25, segment, 0.41, 0.0) == (0, 21)  # clamped at the start
    assert clip_range(at_25, Segment(at_25.id, 1, 90, 98), 0, 10) == (90, 100)  # clamped at the end
    at_2997 = next(v for v in videos if v.name == "numbered_2997.mp4")
    # 1 s before frame 100 (3.3367 s) is 2.3367 s: frame 70 starts at 2.3357 s.
    assert clip_range(at_2997, Segment(at_2997.id, 1, 100, 110), 1, 0) == (70, 110)
    with pytest.raises(ProjectError, match="pre-roll and post-roll are seconds >= 0, not -1 and 0"):
        clip_range(at_25, segment, -1, 0)


def test_a_clip_with_preroll_starts_at_the_frame_before(project: Project, tmp_path: Path) -> None:
    folder = tmp_path / "rolled"
    segments = [s for s in select_segments(project) if s.id == "aaaaaaaa-1"]
    jobs = plan_clips(project, segments, folder, preroll=0.2, postroll=0.12)
    make_clips(project, jobs, folder, burn_in=True)
    assert numbers(jobs[0].target) == list(range(5, 24))
    plain = plan_clips(project, segments, tmp_path / "plain", preroll=0.2, postroll=0.12)
    make_clips(project, plain, tmp_path / "plain")
    assert numbers(plain[0].target) == list(range(5, 24))
    burnt, bare = (_first_picture(job.target) for job in (jobs[0], plain[0]))
    assert np.abs(burnt - bare).mean() > 5  # the label, note and timecode are drawn on the burnt one


def _first_picture(path: Path) -> np.ndarray:
    with av.open(str(path)) as container:
        frame = next(container.decode(video=0))
        return frame.to_ndarray(format="rgb24").astype(np.int16)


def test_safe_names() -> None:
    assert safe_part("Kim's visit: día 2/3 (final)") == "Kim_s_visit_dia_2_3_final"
    assert safe_part("…///") == "x"
    assert len(safe_part("a" * 100)) == 40


def test_nothing_is_replaced_and_nothing_made_when_a_name_is_taken(project: Project, tmp_path: Path) -> None:
    folder = tmp_path / "taken"
    folder.mkdir()
    segments = select_segments(project)
    first = plan_clips(project, segments, folder)[0].target
    first.write_bytes(b"mine")
    with pytest.raises(ProjectError, match=rf"^{first} exists; clips never replace files"):
        plan_clips(project, segments, folder)
    (folder / MANIFEST).write_text("mine")
    with pytest.raises(ProjectError, match=rf"^{folder / MANIFEST} exists \(and 1 more\)"):
        plan_clips(project, segments, folder)
    assert sorted(p.name for p in folder.iterdir()) == sorted([first.name, MANIFEST])
    assert first.read_bytes() == b"mine"


def test_a_missing_video_is_refused_by_name(project: Project, tmp_path: Path) -> None:
    copy = make_numbered_clip(tmp_path / "gone.mp4", frames=10)
    video = project.add_video(copy)
    assert video.id is not None
    project.store.add_segments([Segment(video.id, 1, 0, 5, id="dddddddd-4")])
    copy.unlink()
    with pytest.raises(ProjectError, match=rf"^gone.mp4: the video is not at {copy}; relink it first"):
        plan_clips(project, select_segments(project), tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_a_cancelled_run_leaves_only_whole_clips_listed(project: Project, tmp_path: Path) -> None:
    folder = tmp_path / "cancelled"
    jobs = plan_clips(project, select_segments(project), folder)
    stop = threading.Event()
    seen: list[float] = []

    def progress(fraction: float) -> None:
        seen.append(fraction)
        if fraction >= 14 / 26:  # the first clip (11 frames) is done, the second started
            stop.set()

    with pytest.raises(Cancelled):
        make_clips(project, jobs, folder, workers=1, progress=progress, stop=stop)
    left = sorted(p.name for p in folder.iterdir())
    assert not [name for name in left if name.endswith(".part")]
    clips = [name for name in left if name.endswith(".mp4")]
    assert clips == ["numbered_25_00-00-00-10_laughter_aaaaaaaa.mp4"]  # planned first: video, then time
    with (folder / MANIFEST).open(newline="") as handle:
        assert [row[0] for row in csv.reader(handle)][1:] == clips
    assert seen == sorted(seen)
    assert seen[-1] < 1


def test_an_existing_empty_folder_takes_the_clips(project: Project, tmp_path: Path) -> None:
    folder = tmp_path / "chosen"
    folder.mkdir()
    segments = [s for s in select_segments(project) if s.id == "bbbbbbbb-2"]
    made = make_clips(project, plan_clips(project, segments, folder), folder)
    assert [item.job.target.parent for item in made] == [folder]
    assert numbers(made[0].job.target) == list(range(95, 100))

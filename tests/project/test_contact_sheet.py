"""Contact sheets: each still is the exact frame it names (read from its pixels), grouping
and order, text escaped, images inline or in a folder, and nothing written when cancelled."""

from __future__ import annotations

import base64
import os
import re
import shutil
from datetime import UTC, datetime
from html.parser import HTMLParser
from pathlib import Path

import cv2
import numpy as np
import pytest

from annotator.domain.label import Label, Vocabulary
from annotator.domain.segment import Review, Segment, Verdict
from annotator.media.errors import Cancelled
from annotator.media.synthetic import read_frame_number
from annotator.project.contact_sheet import make_sheet, still_frames
from annotator.project.errors import ProjectError
from annotator.project.project import Project
from annotator.project.selection import select_segments
from annotator.resources import vocabulary_path


class Sheet(HTMLParser):
    """The images, group headings and text of a sheet."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.images: list[str] = []
        self.headings: list[str] = []
        self.text: list[str] = []
        self._in_h2 = False
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "img":
            self.images.append(dict(attrs)["src"] or "")
        self._in_h2 = tag == "h2"

    def handle_endtag(self, tag: str) -> None:
        self._in_h2 = False if tag == "h2" else self._in_h2

    def handle_data(self, data: str) -> None:
        (self.headings if self._in_h2 else self.text).append(data)


def frame_of(image_bytes: bytes) -> int:
    bgr = cv2.imdecode(np.frombuffer(image_bytes, np.uint8), cv2.IMREAD_COLOR)
    return read_frame_number(cv2.cvtColor(bgr, cv2.COLOR_BGR2RGB))


@pytest.fixture
def project(tmp_path: Path, clip_25fps: Path, clip_2997: Path) -> Project:
    created = Project.create(tmp_path / "project", Vocabulary.load(vocabulary_path("state-tv")))
    first, second = created.add_video(clip_25fps), created.add_video(clip_2997)
    laughter = created.store.label_by_name("laughter")
    driving = created.store.label_by_name("driving")
    assert laughter is not None
    assert laughter.id is not None
    assert driving is not None
    assert driving.id is not None
    created.store.add_segments([
        Segment(first.id, laughter.id, 10, 21, id="a", annotator="ana", note="crowd <laughs> & waves"),
        Segment(first.id, driving.id, 40, 41, id="b", annotator="ben"),
        Segment(second.id, laughter.id, 100, 120, id="c", annotator="ana", note="second video"),
    ])  # fmt: skip
    return created


def test_every_still_is_the_frame_it_names(project: Project, tmp_path: Path) -> None:
    target = tmp_path / "sheet.html"
    segments = select_segments(project)
    assert make_sheet(project, segments, target) == 3
    sheet = Sheet(target.read_text())
    expected = [frame for segment in segments for frame in still_frames(segment)]
    assert expected == [10, 15, 20, 40, 40, 40, 100, 109, 119]
    shown = [frame_of(base64.b64decode(src.split(",", 1)[1])) for src in sheet.images]
    assert shown == expected
    assert all(src.startswith("data:image/jpeg;base64,") for src in sheet.images)


def test_groups_order_and_what_each_segment_says(project: Project, tmp_path: Path) -> None:
    target = tmp_path / "sheet.html"
    make_sheet(project, select_segments(project), target, group_by="label")
    sheet = Sheet(target.read_text())
    assert sheet.headings == ["driving (1)", "laughter (2)"]
    text = " ".join(sheet.text)
    assert "crowd <laughs> & waves" in text  # escaped in the file, read back as text
    assert "<laughs>" not in target.read_text()
    for expected in ("00:00:00:10 – 00:00:00:21", "(0.440 s)", "ana", "unreviewed", "numbered_25.mp4"):
        assert expected in text


def test_images_in_a_folder_beside_the_sheet_replace_an_earlier_one(project: Project, tmp_path: Path) -> None:
    target = tmp_path / "out" / "sheet.html"
    target.parent.mkdir()
    make_sheet(project, select_segments(project, query="label:laughter"), target, images="folder")
    sheet = Sheet(target.read_text())
    assert len(sheet.images) == 6
    assert [frame_of((target.parent / src).read_bytes()) for src in sheet.images] == [
        10,
        15,
        20,
        100,
        109,
        119,
    ]
    make_sheet(project, select_segments(project, query="annotator:ben"), target, images="folder")
    assert sorted(p.name for p in (target.parent / "sheet_files").iterdir()) == ["1-40.jpg"]
    assert sorted(p.name for p in target.parent.iterdir()) == ["sheet.html", "sheet_files"]


def test_a_cancelled_sheet_writes_nothing(project: Project, tmp_path: Path) -> None:
    target = tmp_path / "sheet.html"
    calls = [0]

    def cancel() -> bool:
        calls[0] += 1
        return calls[0] > 2

    with pytest.raises(Cancelled):
        make_sheet(project, select_segments(project), target, images="folder", cancel=cancel)
    assert list(tmp_path.glob("sheet*")) == []
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_a_missing_video_is_named(project: Project, tmp_path: Path) -> None:
    video = project.store.videos()[0]
    project.store.update_video_path(video.id, str(tmp_path / "gone.mp4"))
    expected = f"gone.mp4: the video is not at {tmp_path / 'gone.mp4'}; relink it first"
    with pytest.raises(ProjectError, match=re.escape(expected)):
        make_sheet(project, select_segments(project), tmp_path / "sheet.html")
    assert not (tmp_path / "sheet.html").exists()


def test_groups_follow_the_names_ignoring_case_and_each_says_its_latest_verdict(
    project: Project, tmp_path: Path
) -> None:
    store = project.store
    video = store.videos()[0]
    gifts, exchange = store.add_label(Label("gifts")), store.add_label(Label("Gift_exchange"))
    assert gifts.id is not None
    assert exchange.id is not None
    store.add_segments([
        Segment(video.id, gifts.id, 60, 61, id="g1"),
        Segment(video.id, exchange.id, 70, 71, id="g2"),
    ])  # fmt: skip
    store.add_review(Review("g1", "rita", Verdict.NEEDS_FIX))
    store.add_review(Review("g1", "rita", Verdict.APPROVED))
    target = tmp_path / "sheet.html"
    make_sheet(
        project,
        [segment for segment in store.segments() if segment.id in ("g1", "g2")],
        target,
        group_by="label",
    )
    sheet = Sheet(target.read_text())
    # compared as lower-case text: "_" sorts before the letters, as in "gift_exchange" < "gifts"
    assert sheet.headings == ["Gift_exchange (1)", "gifts (1)"]
    assert sheet.text.count("approved") == 1
    assert "unreviewed" in sheet.text
    make_sheet(project, select_segments(project), target)
    assert Sheet(target.read_text()).headings == ["numbered_25.mp4 (4)", "numbered_2997.mp4 (1)"]


def test_each_still_says_its_frame(project: Project, tmp_path: Path) -> None:
    target = tmp_path / "sheet.html"
    make_sheet(project, select_segments(project, query="annotator:ben"), target)
    assert re.findall(r'alt="([^"]*)"', target.read_text()) == ["frame 40", "frame 40", "frame 40"]


def test_a_failure_while_copying_the_stills_leaves_the_earlier_folder(
    project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "sheet.html"
    make_sheet(project, select_segments(project, query="annotator:ben"), target, images="folder")
    before = target.read_bytes()
    copies = [0]
    real_copy = shutil.copyfile

    def disk_full(source: Path, destination: Path) -> Path:
        copies[0] += 1
        if copies[0] == 3:
            raise OSError(28, "No space left on device")
        return real_copy(source, destination)

    monkeypatch.setattr(shutil, "copyfile", disk_full)
    with pytest.raises(OSError, match="No space left"):
        make_sheet(project, select_segments(project), target, images="folder")
    assert target.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["project", "sheet.html", "sheet_files"]
    assert [p.name for p in (tmp_path / "sheet_files").iterdir()] == ["1-40.jpg"]


def test_a_folder_left_by_a_crashed_run_is_not_mixed_in(project: Project, tmp_path: Path) -> None:
    target = tmp_path / "sheet.html"
    stale = tmp_path / f".sheet_files.{os.getpid()}.tmp"
    stale.mkdir()
    (stale / "9-9.jpg").write_bytes(b"old")
    make_sheet(project, select_segments(project, query="annotator:ben"), target, images="folder")
    assert [p.name for p in (tmp_path / "sheet_files").iterdir()] == ["1-40.jpg"]
    assert not stale.exists()


def test_the_heading_names_the_project_and_says_what_and_when(project: Project, tmp_path: Path) -> None:
    target = tmp_path / "sheet.html"
    progress: list[float] = []
    project.store.meta_set("project_name", "State visits")  # not its folder's name
    before = datetime.now(UTC).replace(second=0, microsecond=0)
    make_sheet(project, select_segments(project), target, subtitle="label:laughter", progress=progress.append)
    html = target.read_text()
    assert "<title>Contact sheet: State visits</title>" in html
    (line,) = re.findall(r"<header><h1>[^<]*</h1><p>([^<]*)</p></header>", html)
    found = re.fullmatch(
        r"3 segments, grouped by video, made (\d{4}-\d\d-\d\d \d\d:\d\d) UTC; label:laughter", line
    )
    assert found is not None, line
    made = datetime.strptime(found[1], "%Y-%m-%d %H:%M").replace(tzinfo=UTC)
    assert before <= made <= datetime.now(UTC)
    assert progress == sorted(progress)
    assert progress[-1] == 1.0
    assert len(progress) == 7  # a step per still: first, middle, last of 3 segments, one of them 1 frame long
    make_sheet(project, select_segments(project), target)
    assert re.search(r"<p>3 segments, grouped by video, made [^<;]* UTC</p>", target.read_text())


def test_stills_are_as_high_as_asked(project: Project, tmp_path: Path) -> None:
    target = tmp_path / "sheet.html"
    for height, expected in ((None, 180), (96, 96)):
        extra = {} if height is None else {"height": height}
        make_sheet(project, select_segments(project, query="annotator:ben"), target, **extra)
        src = Sheet(target.read_text()).images[0]
        still = cv2.imdecode(
            np.frombuffer(base64.b64decode(src.split(",", 1)[1]), np.uint8), cv2.IMREAD_COLOR
        )
        assert still.shape[0] == expected


@pytest.mark.parametrize(("group_by", "images"), [("coder", "inline"), ("video", "zip")])
def test_an_unknown_grouping_or_image_place_is_refused(
    project: Project, tmp_path: Path, group_by: str, images: str
) -> None:
    with pytest.raises(ProjectError) as caught:
        make_sheet(project, select_segments(project), tmp_path / "s.html", group_by=group_by, images=images)
    assert str(caught.value) == f"group by video|label and images inline|folder, not {group_by}/{images}"
    assert not (tmp_path / "s.html").exists()

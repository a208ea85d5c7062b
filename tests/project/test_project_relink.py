"""A moved video is found again by its fingerprint, and only the same file is accepted."""

import shutil
from pathlib import Path

import pytest

from annotator.domain.label import Vocabulary
from annotator.project.errors import ProjectError
from annotator.project.project import Project
from annotator.resources import vocabulary_path


@pytest.fixture
def project(tmp_path: Path, clip_25fps: Path):
    media = tmp_path / "project" / "media"
    media.mkdir(parents=True)
    shutil.copy(clip_25fps, media / "clip.mp4")
    created = Project.create(tmp_path / "project", Vocabulary.load(vocabulary_path("state-tv")))
    created.add_video(media / "clip.mp4")
    yield created
    created.close()


def test_video_inside_the_project_is_stored_relative(project: Project) -> None:
    (video,) = project.store.videos()
    assert video.path == "media/clip.mp4"
    assert not project.is_missing(video)


def test_find_moved_by_fingerprint_and_relink(project: Project, tmp_path: Path, clip_2997: Path) -> None:
    (video,) = project.store.videos()
    elsewhere = tmp_path / "archive" / "2026" / "renamed.mp4"
    elsewhere.parent.mkdir(parents=True)
    shutil.copy(clip_2997, tmp_path / "archive" / "decoy.mp4")
    (project.directory / "media" / "clip.mp4").rename(elsewhere)
    assert project.is_missing(video)
    found = project.find_moved(video, [tmp_path / "archive"])
    assert found == elsewhere
    relinked = project.relink(video, found)
    assert relinked.path == str(elsewhere.resolve())
    assert not project.is_missing(relinked)


def test_relink_refuses_another_file(project: Project, clip_2997: Path) -> None:
    (video,) = project.store.videos()
    with pytest.raises(ProjectError, match="not the same file"):
        project.relink(video, clip_2997)


def test_find_moved_returns_none_when_absent(project: Project, tmp_path: Path) -> None:
    (video,) = project.store.videos()
    (tmp_path / "empty").mkdir()
    assert project.find_moved(video, [tmp_path / "empty"]) is None


def test_adding_the_same_file_twice_is_refused(project: Project) -> None:
    with pytest.raises(ProjectError, match="already in the project"):
        project.add_video(project.directory / "media" / "clip.mp4")


def test_a_file_of_the_same_size_is_not_taken_for_the_moved_video(
    project: Project, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    from annotator.project import project as project_module

    (video,) = project.store.videos()
    original = project.directory / "media" / "clip.mp4"
    archive = tmp_path / "archive"
    archive.mkdir()
    same_size = archive / "same-size.mp4"
    data = bytearray(original.read_bytes())
    data[100] ^= 0xFF  # the same length, other bytes
    same_size.write_bytes(bytes(data))
    moved = archive / "moved.mp4"
    original.rename(moved)
    (archive / "broken-link.mp4").symlink_to(tmp_path / "nowhere.mp4")
    # os.walk lists a folder's files in no set order: list the impostors first.
    listing = [(str(archive), [], ["broken-link.mp4", "same-size.mp4", "moved.mp4"])]
    monkeypatch.setattr(project_module.os, "walk", lambda root: iter(listing))
    assert project.find_moved(video, [archive]) == moved
    assert os.path.exists(moved)

"""Videos: every field round trips, paths are stored portably, moved files are relinked."""

from __future__ import annotations

import os
import re
from dataclasses import replace
from fractions import Fraction
from pathlib import Path

import pytest
from storage_helpers import OtherProgram, make_info, reopen

from annotator.domain.frame_times import FrameTimes
from annotator.domain.video import Video
from annotator.storage import ProjectStore, StoreConstraintError, StoreNotFoundError
from annotator.storage.errors import StoreCorruptError
from annotator.storage.store_base import BaseStore


def test_every_field_round_trips_with_a_90000_frame_table(store: ProjectStore) -> None:
    info = make_info(frame_count=90_000, fps=Fraction(30000, 1001))
    vfr_times = FrameTimes(Fraction(1, 1000), (33, 66, 120, 150), 190)
    vfr = replace(
        make_info(4), frame_times=vfr_times, is_vfr=True, has_audio=False, fps=Fraction(24000, 1001)
    )
    long_video = store.add_video(str(store.directory / "long.mp4"), "fp-long", info)
    short_video = store.add_video(str(store.directory / "vfr.mkv"), "fp-vfr", vfr)
    for added, original in ((long_video, info), (short_video, vfr)):
        again = store.video(added.id)
        assert again == added
        assert again.info == replace(original, path=str(store.resolve_path(again)))
    assert store.video(long_video.id).info.frame_times == info.frame_times
    assert [video.id for video in store.videos()] == [long_video.id, short_video.id]


def test_a_video_without_a_timestamp_table(store: ProjectStore) -> None:
    video = store.add_video("/elsewhere/a.avi", "fp-a", replace(make_info(), frame_times=None))
    assert video.info.frame_times is None
    assert video.info.times() == FrameTimes.constant(Fraction(25), 100, Fraction(1, 30))


def test_path_inside_the_project_is_stored_relative_with_slashes(store: ProjectStore, video: Video) -> None:
    assert video.path == "media/clip.mp4"
    assert store.resolve_path(video) == store.directory / "media" / "clip.mp4"
    assert video.info.path == str(store.directory / "media" / "clip.mp4")


def test_path_outside_the_project_is_stored_absolute(store: ProjectStore, tmp_path: Path) -> None:
    outside = tmp_path / "footage" / "b.mp4"
    video = store.add_video(str(outside), "fp-b", make_info())
    assert video.path == str(outside)
    assert store.resolve_path(video) == outside


def test_relative_input_is_taken_from_the_project_directory(store: ProjectStore, tmp_path: Path) -> None:
    inside = store.add_video(os.path.join("media", "..", "media", "c.mp4"), "fp-c", make_info())
    assert inside.path == "media/c.mp4"
    outside = store.add_video("../footage/d.mp4", "fp-d", make_info())
    assert outside.path == str(tmp_path / "footage" / "d.mp4")


def test_a_project_moved_with_its_media_still_finds_them(
    store: ProjectStore, video: Video, tmp_path: Path
) -> None:
    store.close()
    moved = tmp_path / "moved"
    store.directory.rename(moved)
    with reopen(store, moved) as again:
        assert again.resolve_path(again.video(video.id)) == moved / "media" / "clip.mp4"


def test_the_same_file_twice_is_refused(store: ProjectStore, video: Video) -> None:
    with pytest.raises(StoreConstraintError, match=re.escape("already in the project as 'media/clip.mp4'")):
        store.add_video("/other/copy.mp4", video.fingerprint, make_info())


def test_relink_a_moved_video_by_fingerprint(store: ProjectStore, video: Video, tmp_path: Path) -> None:
    found = store.video_by_fingerprint("fp-clip")
    assert found == video
    assert store.video_by_fingerprint("fp-unknown") is None
    new_place = tmp_path / "archive" / "clip.mp4"
    relinked = store.update_video_path(video.id, str(new_place))
    assert relinked.path == str(new_place)
    assert store.resolve_path(store.video(video.id)) == new_place
    assert relinked.info == replace(video.info, path=str(new_place))


def test_unknown_video_ids_are_named(store: ProjectStore) -> None:
    with pytest.raises(StoreNotFoundError, match="no video with id 42"):
        store.video(42)
    with pytest.raises(StoreNotFoundError, match="no video with id 42"):
        store.update_video_path(42, "/x.mp4")


def test_a_damaged_frame_table_is_named_by_project_and_video(store: BaseStore, video: Video) -> None:
    other = OtherProgram(store)
    other.execute("UPDATE videos SET frame_times = ? WHERE id = ?", (b"not a table", video.id))
    other.close()
    with pytest.raises(StoreCorruptError) as caught:
        store.video(video.id)
    assert str(caught.value).startswith(
        f"{store.location}: video {video.id}: damaged frame timestamp table: "
    )

"""A review queue that spans two videos, driven with real keys across the boundary."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from review_helpers import FrameLog, played, press, shown_frame

from annotator.domain.label import Vocabulary
from annotator.domain.segment import Segment
from annotator.media.synthetic import make_numbered_clip
from annotator.project.project import Project
from annotator.resources import vocabulary_path
from annotator.ui.app_settings import AppSettings
from annotator.ui.main_window import MainWindow

CTRL = Qt.KeyboardModifier.ControlModifier
FRAMES = 60
# Two numbered clips of 60 frames at 25 fps; the second is wider, so the picture on screen
# tells which video it came from as well as which frame.
WIDTHS = (320, 384)
# (clip, label, start, end): pre-roll 25 frames, post-roll ends in frame end + 12 (clamped).
CODED = [
    (0, "laughter", 10, 20),
    (0, "driving", 35, 50),
    (1, "conversation", 30, 40),
    (1, "laughter", 45, 55),
]
EXPECTED_RANGES = [(0, 32), (10, 59), (5, 52), (20, 59)]


@pytest.fixture
def two_clips(clips_dir: Path) -> tuple[Path, Path]:
    return tuple(  # type: ignore[return-value]
        make_numbered_clip(clips_dir / f"numbered_{width}.mp4", frames=FRAMES, size=(width, width * 9 // 16))
        for width in WIDTHS
    )


@pytest.fixture
def two_video_project(tmp_path: Path, two_clips: tuple[Path, Path]) -> Path:
    directory = tmp_path / "two-videos"
    with Project.create(directory, Vocabulary.load(vocabulary_path("state-tv"))) as project:
        videos = [project.add_video(clip) for clip in two_clips]
        store = project.store
        segments = []
        for clip, name, start, end in CODED:
            label = store.label_by_name(name)
            assert label is not None
            assert label.id is not None
            segments.append(Segment(videos[clip].id, label.id, start, end, annotator="ana"))
        store.add_segments(segments)
    return directory


@pytest.fixture
def window(open_window, settings: AppSettings, two_video_project: Path) -> MainWindow:
    """The main window on the first video; the second has no proxy yet."""
    return open_window(settings, two_video_project, FRAMES)


def shown_width(window: MainWindow) -> int:
    return window.player_panel.view.image.width()


def test_review_crosses_from_one_video_to_the_next(qtbot, window: MainWindow) -> None:
    log = FrameLog(window)
    store = window.workspace.project.store
    first_video, second_video = (video.id for video in store.videos())
    assert window.workspace.video is not None
    assert window.workspace.video.id == first_video

    ranges = [
        played(
            qtbot,
            window,
            log,
            lambda: press(qtbot, window, Qt.Key.Key_R, CTRL),
        )
    ]
    session = window.review.session
    assert session is not None
    ids = session.queue
    assert [(store.segment(i).video_id, store.segment(i).start_frame) for i in ids] == [
        (first_video if clip == 0 else second_video, start) for clip, _name, start, _end in CODED
    ]
    assert shown_width(window) == WIDTHS[0]
    ranges.append(played(qtbot, window, log, lambda: press(qtbot, window, Qt.Key.Key_A)))
    assert shown_width(window) == WIDTHS[0]

    # R on the last segment of the first video: the player switches to the second video
    # and plays the third segment from its pre-roll frame (5), not from the frame 0 the
    # freshly loaded video opens on.
    ranges.append(played(qtbot, window, log, lambda: press(qtbot, window, Qt.Key.Key_R)))
    assert window.workspace.video is not None
    assert window.workspace.video.id == second_video
    assert window.workspace.engine.frame_count == FRAMES
    assert shown_width(window) == WIDTHS[1]
    assert log.frames[0][0] == 5
    assert window.views.timeline.video_id() == second_video
    assert window.views.timeline.selected_segment_ids() == [ids[2]]
    assert window.review.panel.counts_label.text() == "3 / 4, 1 approved, 1 rejected"

    ranges.append(played(qtbot, window, log, lambda: press(qtbot, window, Qt.Key.Key_F)))
    assert shown_width(window) == WIDTHS[1]

    # Up twice: back across the boundary, on the first video's last segment.
    ranges.append(played(qtbot, window, log, lambda: press(qtbot, window, Qt.Key.Key_Up)))
    ranges.append(played(qtbot, window, log, lambda: press(qtbot, window, Qt.Key.Key_Up)))
    assert window.workspace.video.id == first_video
    assert shown_width(window) == WIDTHS[0]
    assert shown_frame(window) == 59
    assert window.views.timeline.selected_segment_ids() == [ids[1]]
    assert ranges == [*EXPECTED_RANGES, EXPECTED_RANGES[2], EXPECTED_RANGES[1]]

    # Down twice, forth across it again, and A on the last segment finishes the review.
    press(qtbot, window, Qt.Key.Key_Down)
    assert played(qtbot, window, log, lambda: press(qtbot, window, Qt.Key.Key_Down)) == EXPECTED_RANGES[3]
    assert window.workspace.video.id == second_video
    press(qtbot, window, Qt.Key.Key_A)
    assert session.current() is None

    verdicts = {i: [(r.reviewer, r.verdict.value) for r in store.reviews(i)] for i in ids}
    assert verdicts == {
        ids[0]: [("rita", "approved")],
        ids[1]: [("rita", "rejected")],
        ids[2]: [("rita", "needs_fix")],
        ids[3]: [("rita", "approved")],
    }


def test_a_proxy_loaded_mid_review_does_not_cut_the_segment_short(qtbot, window: MainWindow) -> None:
    """The window swaps in a proxy when it is built; the review carries on through the reload."""
    store = window.workspace.project.store
    first_video, second_video = (video.id for video in store.videos())
    window.video_list.select_video(second_video)  # build the second proxy now, to reload it below
    qtbot.waitUntil(lambda: not window.runner.running, timeout=60_000)
    second = store.video(second_video)
    proxy = window.workspace.project.cache.ready_proxy(second.fingerprint, second.info)
    assert proxy is not None
    window.video_list.select_video(first_video)
    qtbot.waitUntil(lambda: window.workspace.engine.frame_count == FRAMES and not window.runner.running)

    log = FrameLog(window)
    played(qtbot, window, log, lambda: press(qtbot, window, Qt.Key.Key_R, CTRL))
    played(qtbot, window, log, lambda: press(qtbot, window, Qt.Key.Key_A))
    controller = window.review.controller
    assert controller is not None

    def reload_while_seeking() -> None:
        press(qtbot, window, Qt.Key.Key_A)  # crosses into the second video, seeking frame 5
        window.media_tasks.proxy_ready.emit(second_video, str(proxy))

    assert played(qtbot, window, log, reload_while_seeking) == EXPECTED_RANGES[2]

    reloaded_at: list[tuple[int, int]] = []  # (frame on screen, frames logged so far)

    def reload_while_playing() -> None:
        press(qtbot, window, Qt.Key.Key_A)
        qtbot.waitUntil(
            lambda: window.workspace.engine.is_playing and window.workspace.engine.current_frame >= 30,
            timeout=15_000,
        )
        reloaded_at.append((window.workspace.engine.current_frame, len(log.frames)))
        window.media_tasks.proxy_ready.emit(second_video, str(proxy))

    assert played(qtbot, window, log, reload_while_playing) == EXPECTED_RANGES[3]
    frame, logged = reloaded_at[0]
    after = [shown for shown, _playing in log.frames[logged:]]
    assert abs(after[0] - frame) <= 1  # on from where it was, not from the pre-roll again
    assert min(after) >= frame - 1
    assert [r.verdict.value for r in store.reviews()] == ["approved"] * 3

"""The search panel in the real window (Ctrl+F): typed queries, refusals, the grid's
pictures by their pixels, playing a result in context, Queue for review, Play all, and
results that follow edits. Two numbered videos: every picture carries its frame number."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from window_helpers import LEFT, NO_MODIFIER, image_frame_number, shown_frame

from annotator.domain.label import Vocabulary
from annotator.domain.segment import Segment
from annotator.editing.review_queue import DEFAULT_POSTROLL_S, DEFAULT_PREROLL_S, play_range
from annotator.project import search_stills
from annotator.project.project import Project
from annotator.project.search_stills import STILL_HEIGHT, middle_frame
from annotator.resources import vocabulary_path
from annotator.ui.app_settings import AppSettings
from annotator.ui.main_window import MainWindow
from annotator.ui.search.search_results_model import LINES_ROLE, SEGMENT_ID_ROLE, picture_key

# (video: 0 the 25 fps clip, 1 the 29.97 one; label, start, end, annotator, note)
SEGMENTS = [
    (0, "laughter", 10, 20, "ana", "they laugh at the horse"),
    (0, "driving", 30, 60, "ben", "laughing crowd outside"),
    (0, "laughter", 70, 81, "ben", ""),
    (0, "conversation", 82, 95, "ana", "about the weather"),
    (1, "laughter", 40, 51, "ana", "in the car"),
    (1, "conversation", 5, 25, "ben", "horse talk"),
]


@pytest.fixture
def project_dir(tmp_path: Path, clip_25fps: Path, clip_2997: Path) -> Path:
    directory = tmp_path / "project"
    with Project.create(directory, Vocabulary.load(vocabulary_path("state-tv"))) as project:
        videos = [project.add_video(clip_25fps), project.add_video(clip_2997)]
        for video, name, start, end, annotator, note in SEGMENTS:
            label = project.store.label_by_name(name)
            assert label is not None
            assert label.id is not None
            segment = Segment(videos[video].id, label.id, start, end, annotator=annotator, note=note)
            project.store.add_segment(segment)
    return directory


@pytest.fixture
def window(open_window, settings: AppSettings, project_dir: Path) -> MainWindow:
    return open_window(settings, project_dir, 100)


def segments(window: MainWindow) -> list[Segment]:
    assert window.workspace.project is not None
    return window.workspace.project.store.segments()


def label_of(window: MainWindow, segment: Segment) -> str:
    assert window.workspace.document is not None
    return window.workspace.document.label(segment.label_id).name


def shown_ids(window: MainWindow) -> list[str]:
    model = window.search.panel.grid.model()
    return [model.index(row, 0).data(SEGMENT_ID_ROLE) for row in range(model.rowCount())]


def type_query(qtbot, window: MainWindow, text: str) -> None:
    """Ctrl+F, then the text typed key by key into the query box, then a pause in typing."""
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    panel = window.search.panel
    qtbot.waitUntil(lambda: panel.query.hasFocus(), timeout=3000)
    panel.query.clear()
    with qtbot.waitSignal(panel.query_changed, timeout=3000):
        if text:
            qtbot.keyClicks(panel.query, text)
        else:
            qtbot.keyClick(panel.query, Qt.Key.Key_Return)


def wait_for_results(qtbot, window: MainWindow, expected: set[str]) -> None:
    qtbot.waitUntil(lambda: set(shown_ids(window)) == expected, timeout=3000)
    assert len(shown_ids(window)) == len(expected)


def words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def test_typing_a_query_shows_the_segments_it_finds(qtbot, window: MainWindow) -> None:
    everything = segments(window)
    names = {v.id: v.name for v in window.workspace.project.store.videos()}
    type_query(qtbot, window, "laugh")
    # Written apart from the index: a word of label, note, annotator or video starting with "laugh".
    expected = {
        s.id
        for s in everything
        if any(w.startswith("laugh") for w in words(f"{label_of(window, s)} {s.note} {s.annotator}"))
    }
    assert len(expected) == 4
    wait_for_results(qtbot, window, expected)
    assert window.search.panel.message.text() == "4 segments"
    assert not window.workspace.engine.is_playing  # "l" went into the box, not to the shuttle
    type_query(qtbot, window, "horse annotator:ben")
    wait_for_results(qtbot, window, {s.id for s in everything if s.note == "horse talk"})
    second = next(v for v in window.workspace.project.store.videos() if v.info.frame_count == 120)
    type_query(qtbot, window, f"label:laughter video:{Path(second.name).stem}")
    wait_for_results(
        qtbot,
        window,
        {s.id for s in everything if s.video_id == second.id and label_of(window, s) == "laughter"},
    )
    assert names[second.id] == second.name
    lines = window.search.panel.grid.model().index(0, 0).data(LINES_ROLE)
    assert lines == ["laughter", second.name, "00:00:01;10 – 00:00:01;21", "in the car"]


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("colour:red", "unknown filter colour: (filters: label:, video:, status:, annotator:)"),
        ("status:maybe", "status:maybe: not a status"),
        ("laughter label:", "label: needs a value"),
    ],
)
def test_a_refused_query_shows_its_message_in_the_panel(
    qtbot, window: MainWindow, query: str, message: str
) -> None:
    type_query(qtbot, window, "laugh")
    qtbot.waitUntil(lambda: len(shown_ids(window)) == 4, timeout=3000)
    type_query(qtbot, window, query)
    panel = window.search.panel
    qtbot.waitUntil(lambda: message in panel.message.text(), timeout=3000)
    assert shown_ids(window) == []
    assert "color" in panel.message.styleSheet()
    assert not panel.queue_button.isEnabled()
    assert not panel.play_all_button.isEnabled()
    type_query(qtbot, window, "weather")
    qtbot.waitUntil(lambda: panel.message.text() == "1 segment", timeout=3000)
    assert panel.message.styleSheet() == ""


def test_every_picture_is_the_middle_frame_of_its_segment(qtbot, window: MainWindow) -> None:
    type_query(qtbot, window, "")
    model = window.search.model
    qtbot.waitUntil(lambda: model.rowCount() == len(SEGMENTS), timeout=3000)
    qtbot.waitUntil(
        lambda: all(model.picture(row) is not None for row in range(model.rowCount())), timeout=30_000
    )
    for row in range(model.rowCount()):
        found = model.results()[row]
        image = model.picture(row)
        assert isinstance(image, QImage)
        assert image.height() == STILL_HEIGHT
        assert image_frame_number(image) == middle_frame(found.segment), found
    project = window.workspace.project
    stills = list(project.cache.root.glob(f"*/stills-h{STILL_HEIGHT}/*.jpg"))
    assert len(stills) == len(SEGMENTS)  # on disk, in the project's cache


def play_and_watch(qtbot, window: MainWindow, act) -> tuple[list[int], int]:
    """Run ``act`` and return the frames shown until the player stops, and where it stopped."""
    shown: list[int] = []
    window.workspace.engine.frame_shown.connect(lambda frame, _image: shown.append(frame))
    with qtbot.waitSignal(window.search.player.finished, timeout=15_000) as stopped:
        act()
    return shown, stopped.args[0]


def expected_range(window: MainWindow, segment: Segment) -> tuple[int, int]:
    video = window.workspace.project.store.video(segment.video_id)
    played = play_range(segment, video.info.times(), DEFAULT_PREROLL_S, DEFAULT_POSTROLL_S)
    return played.first_frame, played.stop_frame


def test_double_click_plays_the_segment_in_context(qtbot, window: MainWindow) -> None:
    type_query(qtbot, window, "car")
    target = next(s for s in segments(window) if s.note == "in the car")
    wait_for_results(qtbot, window, {target.id})
    assert window.workspace.video.id != target.video_id
    grid = window.search.panel.grid
    point = grid.visualRect(grid.model().index(0, 0)).center()

    def double_click() -> None:  # Qt 6 item views need the press first, as a real mouse sends
        qtbot.mouseClick(grid.viewport(), LEFT, NO_MODIFIER, point)
        qtbot.mouseDClick(grid.viewport(), LEFT, NO_MODIFIER, point)

    shown, stop = play_and_watch(qtbot, window, double_click)
    first, last = expected_range(window, target)
    assert window.workspace.video.id == target.video_id
    assert (shown[0], stop) == (first, last)
    assert first < target.start_frame
    assert last >= target.end_frame - 1
    assert shown_frame(window) == last
    assert not window.workspace.engine.is_playing
    assert window.views.timeline.selected_segment_ids() == [target.id]


def test_enter_on_a_result_plays_it(qtbot, window: MainWindow) -> None:
    type_query(qtbot, window, "weather")
    target = next(s for s in segments(window) if s.note == "about the weather")
    wait_for_results(qtbot, window, {target.id})
    grid = window.search.panel.grid
    grid.setFocus()
    grid.setCurrentIndex(grid.model().index(0, 0))
    shown, stop = play_and_watch(qtbot, window, lambda: qtbot.keyClick(grid, Qt.Key.Key_Return))
    assert (shown[0], stop) == expected_range(window, target)
    assert shown_frame(window) == stop


def test_queue_for_review_fills_the_queue_with_exactly_the_results(qtbot, window: MainWindow) -> None:
    type_query(qtbot, window, "laugh")
    qtbot.waitUntil(lambda: len(shown_ids(window)) == 4, timeout=3000)
    results = shown_ids(window)
    qtbot.mouseClick(window.search.panel.queue_button, LEFT)
    review = window.review
    assert review.active
    assert review.session is not None
    by_place = {s.id: (s.video_id, s.start_frame, s.end_frame) for s in segments(window)}
    assert review.session.queue == sorted(results, key=by_place.__getitem__)
    assert review.session.current().id == review.session.queue[0]


def test_play_all_walks_every_result_in_order(qtbot, window: MainWindow) -> None:
    type_query(qtbot, window, "horse")
    everything = {s.id: s for s in segments(window)}
    expected_ids = {s.id for s in everything.values() if "horse" in s.note}
    wait_for_results(qtbot, window, expected_ids)
    order = shown_ids(window)
    played: list[tuple[int, int, list[str]]] = []
    grid = window.search.panel.grid
    window.search.player.finished.connect(
        lambda stop: played.append(
            (window.workspace.video.id, stop, window.views.timeline.selected_segment_ids())
        )
    )
    current: list[str] = []  # the result current in the grid as each one finishes
    window.search.player.finished.connect(
        lambda _stop: current.append(grid.currentIndex().data(SEGMENT_ID_ROLE))
    )
    qtbot.mouseClick(window.search.panel.play_all_button, LEFT)
    qtbot.waitUntil(lambda: len(played) == len(order), timeout=30_000)
    expected = [(everything[i].video_id, expected_range(window, everything[i])[1], [i]) for i in order]
    assert played == expected
    assert current == order


def test_results_follow_edits(qtbot, window: MainWindow) -> None:
    type_query(qtbot, window, "laugh")
    qtbot.waitUntil(lambda: len(shown_ids(window)) == 4, timeout=3000)
    document = window.workspace.document
    crowd = next(s for s in segments(window) if s.note == "laughing crowd outside")
    model = window.search.model

    def lines_of(segment_id: str) -> list[str] | None:
        rows = [r for r in range(model.rowCount()) if model.index(r, 0).data(SEGMENT_ID_ROLE) == segment_id]
        return model.index(rows[0], 0).data(LINES_ROLE) if rows else None

    document.set_note(crowd.id, "laughter in the crowd")
    qtbot.waitUntil(lambda: (lines_of(crowd.id) or [""])[-1] == "laughter in the crowd", timeout=3000)
    document.set_note(crowd.id, "a crowd")  # no longer found
    qtbot.waitUntil(lambda: lines_of(crowd.id) is None, timeout=3000)
    first = shown_ids(window)[0]
    document.remove_segments([first])
    qtbot.waitUntil(lambda: first not in shown_ids(window), timeout=3000)
    assert len(shown_ids(window)) == 2
    document.undo_stack.undo()
    document.undo_stack.undo()
    qtbot.waitUntil(lambda: len(shown_ids(window)) == 4, timeout=3000)


def test_k_stops_play_all(qtbot, window: MainWindow) -> None:
    type_query(qtbot, window, "laugh")
    qtbot.waitUntil(lambda: len(shown_ids(window)) == 4, timeout=3000)
    engine = window.workspace.engine
    qtbot.mouseClick(window.search.panel.play_all_button, LEFT)
    qtbot.waitUntil(lambda: engine.is_playing, timeout=10_000)
    assert window.search.playing_all
    window.views.timeline.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_K)
    qtbot.waitUntil(lambda: not engine.is_playing, timeout=3000)
    assert not window.search.playing_all  # nothing more will start


def test_nothing_is_searched_or_decoded_until_the_panel_shows(qtbot, window: MainWindow) -> None:
    search = window.search
    assert not search.dock.isVisible()
    assert search.model.rowCount() == 0
    assert search.stills.running == []
    window.workspace.document.set_note(segments(window)[0].id, "edited while hidden")
    assert search.model.rowCount() == 0
    qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: search.model.rowCount() == len(SEGMENTS), timeout=3000)  # the empty query: all
    assert "edited while hidden" in [found.segment.note for found in search.model.results()]


def test_the_results_model_passes_qtmodeltester_through_edits(
    qtmodeltester, qtbot, window: MainWindow
) -> None:
    type_query(qtbot, window, "laugh")
    qtbot.waitUntil(lambda: len(shown_ids(window)) == 4, timeout=3000)
    model = window.search.model
    qtmodeltester.check(model, force_py=True)  # and it watches every change after
    document = window.workspace.document
    document.set_note(shown_ids(window)[1], "laughing, changed")
    document.remove_segments([shown_ids(window)[0]])
    qtbot.waitUntil(lambda: len(shown_ids(window)) == 3, timeout=3000)
    qtbot.waitUntil(lambda: model.rowCount() > 0 and model.picture(0) is not None, timeout=30_000)


def test_a_picture_that_cannot_be_made_is_said_once_and_not_asked_again(
    qtbot, window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(_job, cancel=None):
        raise RuntimeError("cannot decode")

    monkeypatch.setattr(search_stills.StillJob, "run", broken)
    search = window.search
    type_query(qtbot, window, "laugh")  # four results on two videos: two jobs
    qtbot.waitUntil(lambda: len(shown_ids(window)) == 4, timeout=3000)
    qtbot.waitUntil(lambda: search.stills.running == [] and search._tasks == 2, timeout=10_000)
    assert window.status_line.text() == "Search pictures: cannot decode"
    assert search.model.missing_pictures() == {picture_key(found) for found in search.model.results()}
    type_query(qtbot, window, "laughter")  # the same pictures: not asked for again
    qtbot.waitUntil(lambda: len(shown_ids(window)) == 3, timeout=3000)
    assert search._tasks == 2

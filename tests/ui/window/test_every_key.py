"""Every key of the window (all but review mode's), pressed in the real window and checked
by what it does.

What each shortcut should do is written here, apart from the key table: a key bound to the
wrong action, or to the right one with the wrong arguments, fails. A test checks that this
list and the table name the same keys, so a new row needs a check here too.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtGui import QKeySequence
from window_helpers import wait_for_frame

from annotator.analysis.results import ShotBoundary, ShotKind
from annotator.domain.segment import Segment, Source
from annotator.project.analyze import VideoAnalysis
from annotator.project.import_plan import ImportPlan
from annotator.ui import dialogs, project_actions
from annotator.ui.main_window import MainWindow

# The state-tv vocabulary's keys (resources/vocabularies/state-tv.json).
LABELS = {
    "1": "driver swap",
    "2": "laughter",
    "3": "animal interaction",
    "4": "gift exchange",
    "5": "conversation",
    "6": "driving",
    "7": "vehicle showcase",
    "8": "greeting/handshake",
    "9": "agreement signing",
}


class Keys:
    """Presses one shortcut at a time in the window, with what the checks need."""

    def __init__(self, qtbot, window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
        self.qtbot = qtbot
        self.window = window
        self.monkeypatch = monkeypatch
        self.workspace = window.workspace
        self.engine = window.workspace.engine

    def press(self, shortcut: str) -> None:
        combination = QKeySequence(shortcut)[0]
        self.qtbot.keyClick(self.window, combination.key(), combination.keyboardModifiers())

    def show(self, frame: int) -> None:
        self.engine.pause()
        self.workspace.seek(frame)
        wait_for_frame(self.qtbot, self.window, frame)

    def label_id(self, name: str) -> int:
        assert self.workspace.project is not None
        label = self.workspace.project.store.label_by_name(name)
        assert label is not None
        assert label.id is not None
        return label.id

    def only_segment(self, start: int, end: int, select: bool = True) -> Segment:
        """The video's one segment (driving, ``[start, end)``), selected on the timeline."""
        document, video = self.workspace.document, self.workspace.video
        assert document is not None
        assert video is not None
        document.remove_segments([segment.id for segment in document.segments()])
        segment = document.add_segment(video.id, self.label_id("driving"), start, end)
        if select:
            assert self.window.views.timeline is not None
            self.window.views.timeline.select_segments([segment.id])
        return segment

    def bounds(self) -> list[tuple[int, int]]:
        assert self.workspace.document is not None
        return [(s.start_frame, s.end_frame) for s in self.workspace.document.segments()]


Check = Callable[[Keys, str], None]


def steps_to(start: int, frame: int) -> Check:
    def check(keys: Keys, shortcut: str) -> None:
        keys.show(start)
        keys.press(shortcut)
        wait_for_frame(keys.qtbot, keys.window, frame)

    return check


def play_pause(keys: Keys, shortcut: str) -> None:
    keys.show(10)
    keys.press(shortcut)
    keys.qtbot.waitUntil(lambda: keys.engine.is_playing, timeout=3000)
    keys.press(shortcut)
    keys.qtbot.waitUntil(lambda: not keys.engine.is_playing, timeout=3000)


def shuttles(rate: float) -> Check:
    """J and L play at 1x, and at 2x when pressed again; K pauses."""

    def check(keys: Keys, shortcut: str) -> None:
        keys.show(50)
        if not rate:
            keys.engine.play()
        keys.press(shortcut)
        assert keys.engine.is_playing == (rate != 0)
        if rate:
            assert keys.engine.rate == rate
            keys.press(shortcut)
            assert keys.engine.rate == 2 * rate
        keys.engine.pause()
        keys.engine.set_rate(1.0)

    return check


def sets_speed(rate: float) -> Check:
    def check(keys: Keys, shortcut: str) -> None:
        keys.engine.set_rate(1.0)
        keys.press(shortcut)
        assert keys.engine.rate == rate
        keys.engine.set_rate(1.0)

    return check


def goes_to_frame_17(keys: Keys, shortcut: str) -> None:
    keys.monkeypatch.setattr(dialogs, "ask_position", lambda *_args: "17")
    keys.show(50)
    keys.press(shortcut)
    wait_for_frame(keys.qtbot, keys.window, 17)


def undoes(keys: Keys, shortcut: str) -> None:
    keys.only_segment(30, 40)
    keys.press(shortcut)
    assert keys.bounds() == []


def redoes(keys: Keys, shortcut: str) -> None:
    keys.only_segment(30, 40)
    assert keys.workspace.document is not None
    keys.workspace.document.undo_stack.undo()
    keys.press(shortcut)
    assert keys.bounds() == [(30, 40)]


def marks(which: str) -> Check:
    def check(keys: Keys, shortcut: str) -> None:
        coding = keys.workspace.coding
        assert coding is not None
        coding.clear_marks()
        keys.show(20)
        keys.press(shortcut)
        # I marks the start of the frame on screen, O its end
        assert (coding.mark_in, coding.mark_out) == ((20, None) if which == "in" else (None, 21))
        coding.clear_marks()

    return check


def cancels_open_segments_and_marks(keys: Keys, shortcut: str) -> None:
    coding = keys.workspace.coding
    assert coding is not None
    coding.press_label(keys.label_id("laughter"), 10)
    coding.set_mark_in(12)
    keys.press(shortcut)
    assert (coding.open_labels, coding.mark_in, coding.mark_out) == ({}, None, None)


def nudges(start_delta: int, end_delta: int) -> Check:
    def check(keys: Keys, shortcut: str) -> None:
        keys.only_segment(40, 60)
        keys.press(shortcut)
        assert keys.bounds() == [(40 + start_delta, 60 + end_delta)]

    return check


def deletes(keys: Keys, shortcut: str) -> None:
    keys.only_segment(40, 60)
    keys.press(shortcut)
    assert keys.bounds() == []


def opens_label(name: str) -> Check:
    def check(keys: Keys, shortcut: str) -> None:
        coding = keys.workspace.coding
        assert coding is not None
        coding.cancel_open()
        keys.show(10)
        keys.press(shortcut)
        assert coding.open_labels == {keys.label_id(name): 10}
        coding.cancel_open()

    return check


def zooms(start: float, factor: float | None) -> Check:
    """From ``start`` pixels per frame, by ``factor``; None: to fit the video."""

    def check(keys: Keys, shortcut: str) -> None:
        timeline = keys.window.views.timeline
        assert timeline is not None
        timeline.zoom_to_fit()
        fit = timeline.pixels_per_frame()
        timeline.set_pixels_per_frame(start)
        keys.press(shortcut)
        assert timeline.pixels_per_frame() == pytest.approx(fit if factor is None else start * factor)

    return check


def asks(dialog: str, title: str) -> Check:
    """Opens the file dialog ``dialog`` titled ``title`` (cancelled here)."""
    cancelled = {"getExistingDirectory": "", "getOpenFileNames": ([], ""), "getOpenFileName": ("", "")}

    def check(keys: Keys, shortcut: str) -> None:
        asked: list[str] = []

        def answer(_parent, caption, *_args):
            asked.append(caption)
            return cancelled.get(dialog, ("", ""))

        keys.monkeypatch.setattr(project_actions.QFileDialog, dialog, answer)
        keys.press(shortcut)
        assert asked == [title]

    return check


def asks_which_clips(keys: Keys, shortcut: str) -> None:
    """File ▸ Export clips asks which segments (cancelled here), counting each choice."""
    asked: list[dict[str, int]] = []

    class Asked:
        def __init__(self, counts: dict[str, int], *_args: object) -> None:
            asked.append(counts)

        def exec(self) -> int:
            return 0

    keys.show(50)
    segment = keys.only_segment(40, 60)
    store = keys.workspace.project.store
    coded = [s for s in store.segments() if s.source is not Source.PROPOSAL]
    assert segment in coded
    keys.monkeypatch.setattr(keys.window.project_actions.clips, "dialog_class", Asked)
    keys.press(shortcut)
    video_id = keys.workspace.video.id
    expected = {"selected": 1, "video": sum(s.video_id == video_id for s in coded), "project": len(coded)}
    assert asked == [expected]


def toggles_review_mode(keys: Keys, shortcut: str) -> None:
    keys.press(shortcut)
    assert keys.window.review.active
    assert keys.workspace.reviewing
    keys.press(shortcut)
    assert not keys.window.review.active


BOUNDARIES = (40, 70)  # shot boundaries the checks below give the video


def with_shots(keys: Keys) -> None:
    """What an analysis of the video would have found: cuts at ``BOUNDARIES``."""
    video = keys.workspace.video
    assert video is not None
    cuts = [ShotBoundary(frame, ShotKind.HARD, frame, frame + 1, 30.0) for frame in BOUNDARIES]
    keys.window.analysis.keep({video.id: VideoAnalysis(cuts, np.zeros((0, 1), np.float32), None, [])})


def jumps_to_shot(start: int, frame: int) -> Check:
    def check(keys: Keys, shortcut: str) -> None:
        with_shots(keys)
        steps_to(start, frame)(keys, shortcut)

    return check


def codes_the_shot(keys: Keys, shortcut: str) -> None:
    with_shots(keys)
    keys.only_segment(0, 5, select=False)
    vocabulary = keys.window.views.vocabulary
    assert vocabulary is not None
    row = next(
        i for i in range(vocabulary.list.count()) if vocabulary.list.item(i).text().endswith("laughter")
    )
    vocabulary.list.setCurrentRow(row)
    keys.show(50)
    keys.press(shortcut)
    assert sorted(keys.bounds()) == [(0, 5), (40, 70)]


def only_proposals(keys: Keys) -> list[str]:
    """The video's segments: two proposals, ``[20, 30)`` and ``[60, 80)``."""
    document, video = keys.workspace.document, keys.workspace.video
    assert document is not None
    assert video is not None
    document.remove_segments([segment.id for segment in document.segments()])
    label = keys.label_id("laughter")
    plan = ImportPlan(
        Path("analysis"),
        tuple(
            Segment(video.id, label, start, end, source=Source.PROPOSAL, attributes={"score": 0.5})
            for start, end in ((20, 30), (60, 80))
        ),
    )
    document.add_proposals(plan)
    return [segment.id for segment in sorted(document.segments(), key=lambda s: s.start_frame)]


def plays_proposal(start: int, which: int, last: int) -> Check:
    """From ``start``, selects proposal ``which`` and plays it to its ``last`` frame."""

    def check(keys: Keys, shortcut: str) -> None:
        ids = only_proposals(keys)
        keys.show(start)
        keys.press(shortcut)
        timeline = keys.window.views.timeline
        assert timeline is not None
        assert timeline.selected_segment_ids() == [ids[which]]
        keys.qtbot.waitUntil(
            lambda: not keys.engine.is_playing and keys.engine.current_frame == last, timeout=10_000
        )

    return check


def accepts_proposal(keys: Keys, shortcut: str) -> None:
    ids = only_proposals(keys)
    assert keys.window.views.timeline is not None
    keys.window.views.timeline.select_segments([ids[1]])
    keys.press(shortcut)
    assert keys.workspace.document is not None
    assert [s.source for s in sorted(keys.workspace.document.segments(), key=lambda s: s.start_frame)] == [
        Source.PROPOSAL,
        Source.MANUAL,
    ]


def disagreeing(keys: Keys, current: int | None = 0) -> list[str]:
    """The video's segments: ana's laughter ``[10, 40)`` and ben's ``[14, 42)``, listed in the
    disagreements dock (edges off by 4 and 2 frames, more than its tolerance of 2); the
    disagreement made current (``current`` 0) or none."""
    document, video = keys.workspace.document, keys.workspace.video
    assert document is not None
    assert video is not None
    document.remove_segments([segment.id for segment in document.segments()])
    ids = []
    for coder, start, end in (("ana", 10, 40), ("ben", 14, 42)):
        document.user = coder
        ids.append(document.add_segment(video.id, keys.label_id("laughter"), start, end).id)
    document.user = "tester"
    disagreements = keys.window.disagreements
    disagreements.show()
    panel = disagreements.panel
    assert panel is not None
    keys.qtbot.waitUntil(lambda: [d.segment_ids for d in disagreements.listed] == [tuple(ids)])
    assert panel.coders() == ("ana", "ben")
    if current is None:
        panel.clear_current()
    else:
        panel.set_current_row(current)
    return ids


def toggles_coder_lanes(keys: Keys, shortcut: str) -> None:
    disagreeing(keys)
    timeline = keys.window.views.timeline
    assert timeline is not None
    keys.press(shortcut)
    assert timeline.coder_lanes() == ["ana", "ben"]
    assert "└ ben" in [text for _top, _height, text, _colour in timeline.overlay.header_rows()]
    keys.press(shortcut)
    assert timeline.coder_lanes() == []


def opens_agreement(keys: Keys, shortcut: str) -> None:
    disagreeing(keys)
    keys.press(shortcut)
    dialog = keys.window.agreement.dialog
    assert dialog is not None
    assert dialog.isVisible()
    keys.qtbot.waitUntil(lambda: "frames" in dialog.status.text(), timeout=10_000)
    assert dialog.cell_text("laughter", "Matched") == "1"
    dialog.close()
    keys.window.activateWindow()  # the window's shortcuts work while it is the active one
    keys.qtbot.waitUntil(keys.window.isActiveWindow)


def shows_disagreements(keys: Keys, shortcut: str) -> None:
    disagreeing(keys)
    dock = keys.window.disagreements.dock
    assert dock is not None
    dock.hide()
    keys.press(shortcut)
    assert dock.isVisible()


def plays_disagreement(start: int) -> Check:
    """From frame ``start`` with none current, goes to the one disagreement and plays it
    from a second before its first frame (10) to half a second after its end (42)."""

    def check(keys: Keys, shortcut: str) -> None:
        ids = disagreeing(keys, current=None)
        keys.show(start)
        keys.press(shortcut)
        timeline = keys.window.views.timeline
        assert timeline is not None
        assert sorted(timeline.selected_segment_ids()) == sorted(ids)
        keys.qtbot.waitUntil(
            lambda: not keys.engine.is_playing and keys.engine.current_frame == 54, timeout=10_000
        )

    return check


def resolves(kept: tuple[int, int]) -> Check:
    def check(keys: Keys, shortcut: str) -> None:
        keys.monkeypatch.setattr(dialogs, "ask_bounds", lambda _parent, _title, offered, _count: offered)
        disagreeing(keys)
        keys.press(shortcut)
        keys.engine.pause()
        assert keys.bounds() == [kept]

    return check


def opens_search(keys: Keys, shortcut: str) -> None:
    """The search dock comes to the front with its query box focused, text selected."""
    search = keys.window.search
    search.dock.hide()
    search.panel.query.setText("laughter")
    keys.window.views.timeline.setFocus()
    keys.press(shortcut)
    keys.qtbot.waitUntil(lambda: search.panel.query.hasFocus(), timeout=3000)
    assert search.dock.isVisible()
    assert search.panel.query.selectedText() == "laughter"
    search.dock.hide()


def quits(keys: Keys, shortcut: str) -> None:
    assert keys.window.isVisible()
    keys.press(shortcut)
    keys.qtbot.waitUntil(lambda: not keys.window.isVisible(), timeout=5000)
    assert keys.workspace.project is None  # closed with the window


KEYS: dict[str, Check] = {
    "Space": play_pause,
    "Left": steps_to(50, 49),
    "Right": steps_to(50, 51),
    "Shift+Left": steps_to(50, 25),
    "Shift+Right": steps_to(50, 75),
    "J": shuttles(-1.0),
    "K": shuttles(0),
    "L": shuttles(1.0),
    "Ctrl+Up": sets_speed(2.0),
    "Ctrl+Down": sets_speed(0.5),
    "Home": steps_to(50, 0),
    "End": steps_to(50, 99),
    "Ctrl+G": goes_to_frame_17,
    "Ctrl+Z": undoes,
    "Ctrl+Shift+Z": redoes,
    "Ctrl+Y": redoes,
    "I": marks("in"),
    "O": marks("out"),
    "Escape": cancels_open_segments_and_marks,
    "[": nudges(-1, 0),
    "]": nudges(0, 1),
    "Ctrl+[": nudges(1, 0),
    "Ctrl+]": nudges(0, -1),
    "Shift+[": nudges(-10, 0),
    "{": nudges(-10, 0),
    "Shift+]": nudges(0, 10),
    "}": nudges(0, 10),
    "Ctrl+Shift+[": nudges(10, 0),
    "Ctrl+{": nudges(10, 0),
    "Ctrl+Shift+]": nudges(0, -10),
    "Ctrl+}": nudges(0, -10),
    "Delete": deletes,
    "Backspace": deletes,
    **{digit: opens_label(name) for digit, name in LABELS.items()},
    "+": zooms(10, 1.5),
    "=": zooms(10, 1.5),
    "Ctrl+=": zooms(10, 1.5),
    "-": zooms(20, 1 / 1.5),
    "Ctrl+-": zooms(20, 1 / 1.5),
    "Ctrl+0": zooms(20, None),
    "Ctrl+Shift+L": toggles_coder_lanes,
    "Ctrl+N": asks("getExistingDirectory", "New project: choose an empty folder"),
    "Ctrl+O": asks("getExistingDirectory", "Open project folder"),
    "Ctrl+Shift+A": asks("getOpenFileNames", "Add videos"),
    "Ctrl+I": asks("getOpenFileName", "Import annotations"),
    "Ctrl+E": asks("getSaveFileName", "Export annotations"),
    "Ctrl+Shift+E": asks_which_clips,
    "Ctrl+Left": jumps_to_shot(50, 40),
    "Ctrl+Right": jumps_to_shot(50, 70),
    "S": codes_the_shot,
    "Tab": plays_proposal(35, 1, 79),
    "Shift+Tab": plays_proposal(50, 0, 29),
    "Return": accepts_proposal,
    "Enter": accepts_proposal,
    "Ctrl+Shift+K": opens_agreement,
    "Ctrl+Shift+D": shows_disagreements,
    "D": plays_disagreement(0),
    "Shift+D": plays_disagreement(90),
    "Shift+A": resolves((10, 40)),
    "Shift+B": resolves((14, 42)),
    "Shift+M": resolves((12, 41)),  # the offered bounds: the pair's mean edges
    "Ctrl+F": opens_search,
    "Ctrl+R": toggles_review_mode,
    "Ctrl+Q": quits,  # last: it closes the window
}


def test_every_key_of_the_table_has_a_check_here(window: MainWindow) -> None:
    table = [s for row in window.keys.rows if not row.review for s in row.shortcuts]
    assert len(table) == len(set(table))
    assert set(table) == set(KEYS)


def test_every_key_does_what_it_says(qtbot, window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    keys = Keys(qtbot, window, monkeypatch)
    for shortcut, check in KEYS.items():
        try:
            check(keys, shortcut)
        except AssertionError as error:
            raise AssertionError(f"{shortcut}: {error}") from error

"""Every review-mode key, pressed in the real window in review mode and checked by what it
does to the segment under review (the expected effects are written here, apart from the
key table; a test checks that both name the same keys)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence

from annotator.domain.segment import Segment, Verdict
from annotator.editing.review_session import EDITED_BY, ReviewSession
from annotator.ui.main_window import MainWindow

LABELS = {  # the state-tv vocabulary's keys
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


class ReviewKeys:
    """Presses one shortcut at a time in review mode; places the review on a segment."""

    def __init__(self, qtbot, window: MainWindow) -> None:
        self.qtbot = qtbot
        self.window = window
        self.engine = window.workspace.engine

    @property
    def session(self) -> ReviewSession:
        session = self.window.review.session
        assert session is not None
        return session

    def press(self, shortcut: str) -> None:
        combination = QKeySequence(shortcut)[0]
        self.qtbot.keyClick(self.window, combination.key(), combination.keyboardModifiers())

    def at(self, position: int) -> Segment:
        """The review on the queue's segment at ``position``, its playback stopped."""
        self.session.go_to(position)
        self.stop()
        segment = self.session.current()
        assert segment is not None
        return segment

    def stop(self) -> None:
        controller = self.window.review.controller
        assert controller is not None
        controller.stop()
        self.engine.pause()

    def stored(self, segment_id: str) -> Segment:
        assert self.window.workspace.project is not None
        return self.window.workspace.project.store.segment(segment_id)


Check = Callable[[ReviewKeys, str], None]


def judges(verdict: Verdict) -> Check:
    def check(keys: ReviewKeys, shortcut: str) -> None:
        segment = keys.at(1)
        keys.press(shortcut)
        assert keys.session.latest_review(segment.id).verdict == verdict
        assert keys.session.position == 2  # and on to the next one
        keys.stop()

    return check


def edits_the_note(keys: ReviewKeys, shortcut: str) -> None:
    keys.at(1)
    note = keys.window.review.panel.note_edit
    keys.press(shortcut)
    keys.qtbot.waitUntil(note.hasFocus)
    keys.qtbot.keyClick(note, Qt.Key.Key_Escape)  # gives the keys back to the window
    assert not note.hasFocus()


def replays(keys: ReviewKeys, shortcut: str) -> None:
    segment = keys.at(1)
    controller = keys.window.review.controller
    started: list[int] = []
    controller.range_started.connect(started.append)
    keys.press(shortcut)
    assert controller.is_active
    keys.qtbot.waitUntil(lambda: bool(started), timeout=10_000)
    assert started == [max(segment.start_frame - 25, 0)]  # from its 1 s pre-roll
    controller.range_started.disconnect(started.append)
    keys.stop()


def moves(start: int, end: int) -> Check:
    def check(keys: ReviewKeys, shortcut: str) -> None:
        keys.at(start)
        keys.press(shortcut)
        assert keys.session.position == end
        keys.stop()

    return check


def shows_frame(last: bool) -> Check:
    def check(keys: ReviewKeys, shortcut: str) -> None:
        segment = keys.at(2)
        keys.press(shortcut)
        frame = segment.last_frame if last else segment.start_frame
        keys.qtbot.waitUntil(lambda: keys.engine.current_frame == frame, timeout=5000)

    return check


def fixes(start_delta: int, end_delta: int) -> Check:
    def check(keys: ReviewKeys, shortcut: str) -> None:
        before = keys.at(2)
        keys.press(shortcut)
        after = keys.stored(before.id)
        assert (after.start_frame, after.end_frame) == (
            before.start_frame + start_delta,
            before.end_frame + end_delta,
        )
        assert after.attributes[EDITED_BY] == "rita"
        edge = after.start_frame if start_delta else after.last_frame
        keys.qtbot.waitUntil(lambda: keys.engine.current_frame == edge, timeout=5000)  # shown as a still

    return check


def relabels(name: str) -> Check:
    def check(keys: ReviewKeys, shortcut: str) -> None:
        segment = keys.at(3)
        keys.press(shortcut)
        store = keys.window.workspace.project.store
        assert store.label(keys.stored(segment.id).label_id).name == name
        assert len(store.segments()) == 5  # not a new segment

    return check


KEYS: dict[str, Check] = {
    "A": judges(Verdict.APPROVED),
    "R": judges(Verdict.REJECTED),
    "F": judges(Verdict.NEEDS_FIX),
    "N": edits_the_note,
    "Space": replays,
    "Return": moves(1, 2),
    "Enter": moves(1, 2),
    "Down": moves(1, 2),
    "Up": moves(2, 1),
    "Home": shows_frame(last=False),
    "End": shows_frame(last=True),
    "[": fixes(-1, 0),
    "]": fixes(0, 1),
    "Ctrl+[": fixes(1, 0),
    "Ctrl+]": fixes(0, -1),
    "Shift+[": fixes(-10, 0),
    "{": fixes(-10, 0),
    "Shift+]": fixes(0, 10),
    "}": fixes(0, 10),
    "Ctrl+Shift+[": fixes(10, 0),
    "Ctrl+{": fixes(10, 0),
    "Ctrl+Shift+]": fixes(0, -10),
    "Ctrl+}": fixes(0, -10),
    **{digit: relabels(name) for digit, name in LABELS.items()},
}


def test_every_review_key_of_the_table_has_a_check_here(window: MainWindow) -> None:
    table = [s for row in window.keys.rows if row.review for s in row.shortcuts]
    assert len(table) == len(set(table))
    assert set(table) == set(KEYS)


def test_every_review_key_does_what_it_says(qtbot, window: MainWindow) -> None:
    keys = ReviewKeys(qtbot, window)
    keys.press("Ctrl+R")
    qtbot.waitUntil(lambda: window.review.controller is not None)
    for shortcut, check in KEYS.items():
        try:
            check(keys, shortcut)
        except AssertionError as error:
            raise AssertionError(f"{shortcut}: {error}") from error
    keys.press("Ctrl+R")
    assert not window.review.active

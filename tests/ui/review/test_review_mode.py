"""Review mode driven with real keys on footage that carries its frame number in its pixels."""

from __future__ import annotations

import csv
import io

from click.testing import CliRunner
from PySide6.QtCore import Qt
from review_helpers import CODED, FrameLog, played, press, shown_frame

from annotator.cli import cli
from annotator.domain.segment import Verdict
from annotator.editing.review_session import EDITED_BY
from annotator.ui.main_window import MainWindow

PREROLL_FRAMES = 25  # 1.0 s at 25 fps
POSTROLL_FRAMES = 12  # 0.5 s ends inside frame end + 12 (12.5 frames)
CTRL = Qt.KeyboardModifier.ControlModifier


def expected_range(start: int, end: int) -> tuple[int, int]:
    return max(start - PREROLL_FRAMES, 0), min(end + POSTROLL_FRAMES, 99)


def reviews(window: MainWindow) -> dict[int, list[tuple[str, str, str]]]:
    """Review history per segment, by the segment's place in ``CODED``."""
    assert window.review.session is not None
    store = window.workspace.project.store
    return {
        index: [(r.reviewer, r.verdict.value, r.note) for r in store.reviews(segment_id)]
        for index, segment_id in enumerate(window.review.session.queue)
    }


def test_review_five_segments_with_keys(qtbot, window: MainWindow) -> None:
    log = FrameLog(window)
    store = window.workspace.project.store
    # Ctrl+R: review mode, the queue of the five unreviewed segments, the first one plays.
    first = played(qtbot, window, log, lambda: press(qtbot, window, Qt.Key.Key_R, CTRL))
    session = window.review.session
    assert session is not None
    assert session.reviewer == "rita"
    ids = session.queue
    assert [store.segment(i).start_frame for i in ids] == [start for _l, start, _e in CODED]
    assert first == expected_range(10, 20) == (0, 32)
    assert window.views.timeline.selected_segment_ids() == [ids[0]]
    assert window.review.panel.counts_label.text() == "1 / 5, 0 approved, 0 rejected"

    # Home and End show the segment's exact first and last frames as stills.
    press(qtbot, window, Qt.Key.Key_Home)
    qtbot.waitUntil(lambda: window.workspace.engine.current_frame == 10 and shown_frame(window) == 10)
    press(qtbot, window, Qt.Key.Key_End)
    qtbot.waitUntil(lambda: window.workspace.engine.current_frame == 19 and shown_frame(window) == 19)

    # A approves; the next segment starts on its own.
    assert played(qtbot, window, log, lambda: press(qtbot, window, Qt.Key.Key_A)) == expected_range(30, 45)
    assert window.views.timeline.selected_segment_ids() == [ids[1]]

    # N, a note, Return, R: rejected with the note.
    press(qtbot, window, Qt.Key.Key_N)
    note_edit = window.review.panel.note_edit
    qtbot.waitUntil(note_edit.hasFocus)
    qtbot.keyClicks(note_edit, "starts late, a handshake")
    qtbot.keyClick(note_edit, Qt.Key.Key_Return)
    assert not note_edit.hasFocus()
    assert played(qtbot, window, log, lambda: press(qtbot, window, Qt.Key.Key_R)) == expected_range(50, 60)

    # [ moves the start one frame earlier and shows the new first frame; Space replays.
    press(qtbot, window, Qt.Key.Key_BracketLeft)
    qtbot.waitUntil(lambda: window.workspace.engine.current_frame == 49 and shown_frame(window) == 49)
    assert (store.segment(ids[2]).start_frame, store.segment(ids[2]).end_frame) == (49, 60)
    replayed = played(qtbot, window, log, lambda: press(qtbot, window, Qt.Key.Key_Space))
    assert replayed == expected_range(49, 60)
    assert played(qtbot, window, log, lambda: press(qtbot, window, Qt.Key.Key_A)) == expected_range(65, 75)

    # 6 relabels as driving (not a new segment: review keys take precedence); F needs fix.
    press(qtbot, window, Qt.Key.Key_6)
    assert store.label(store.segment(ids[3]).label_id).name == "driving"
    assert len(store.segments()) == 5
    assert played(qtbot, window, log, lambda: press(qtbot, window, Qt.Key.Key_F)) == expected_range(80, 90)

    # Up goes back to the fourth; approving it now keeps the history; the fifth plays next.
    assert played(qtbot, window, log, lambda: press(qtbot, window, Qt.Key.Key_Up)) == expected_range(65, 75)
    assert session.position == 3
    assert played(qtbot, window, log, lambda: press(qtbot, window, Qt.Key.Key_A)) == expected_range(80, 90)
    press(qtbot, window, Qt.Key.Key_A)
    assert session.current() is None
    assert window.review.panel.counts_label.text() == "5 / 5, 4 approved, 1 rejected"
    assert "Summary" in window.review.panel.summary_label.text()

    assert reviews(window) == {
        0: [("rita", "approved", "")],
        1: [("rita", "rejected", "starts late, a handshake")],
        2: [("rita", "approved", "")],
        3: [("rita", "needs_fix", ""), ("rita", "approved", "")],
        4: [("rita", "approved", "")],
    }
    fixed, relabelled = store.segment(ids[2]), store.segment(ids[3])
    assert (fixed.start_frame, fixed.end_frame, fixed.annotator) == (49, 60, "ana")
    assert fixed.attributes == {EDITED_BY: "rita"}
    assert relabelled.attributes == {EDITED_BY: "rita"}
    assert store.segment(ids[0]).attributes == {}

    check_csv_and_cli(window, ids)


def check_csv_and_cli(window: MainWindow, ids: list[str]) -> None:
    """The CSV's status, reviewer and review_note columns, and ``--status approved``."""
    out = io.StringIO(newline="")
    window.workspace.project.export_csv(out)
    rows = {row["segment_id"]: row for row in csv.DictReader(io.StringIO(out.getvalue()))}
    got = [(rows[i]["status"], rows[i]["reviewer"], rows[i]["review_note"]) for i in ids]
    assert got == [
        ("approved", "rita", ""),
        ("rejected", "rita", "starts late, a handshake"),
        ("approved", "rita", ""),
        ("approved", "rita", ""),
        ("approved", "rita", ""),
    ]
    assert (rows[ids[2]]["start_frame"], rows[ids[2]]["end_frame"]) == ("49", "60")
    assert rows[ids[3]]["label"] == "driving"
    result = CliRunner().invoke(
        cli, ["export", str(window.workspace.project.directory), "--status", "approved"]
    )
    assert result.exit_code == 0, result.output
    approved = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [row["segment_id"] for row in approved] == [ids[0], ids[2], ids[3], ids[4]]
    assert {row["status"] for row in approved} == {"approved"}


def test_review_keys_take_precedence_only_in_review_mode(qtbot, window: MainWindow) -> None:
    controller_ready = lambda: window.review.controller is not None  # noqa: E731
    press(qtbot, window, Qt.Key.Key_R, CTRL)
    qtbot.waitUntil(controller_ready)
    assert window.keys.actions["Label key 2"].isEnabled() is False
    assert window.keys.actions["Play/pause"].isEnabled() is False
    press(qtbot, window, Qt.Key.Key_R, CTRL)  # leave review mode
    assert window.review.session is None
    assert window.review.dock is not None
    assert not window.review.dock.isVisible()
    window.workspace.seek(5)
    qtbot.waitUntil(lambda: window.workspace.engine.current_frame == 5)
    press(qtbot, window, Qt.Key.Key_2)  # a label key again: opens a laughter segment
    assert "laughter from 5" in window.coding_label.text()
    press(qtbot, window, Qt.Key.Key_A)  # no review action: nothing recorded
    assert window.workspace.project.store.reviews() == []


def test_undo_a_verdict_and_loop(qtbot, window: MainWindow) -> None:
    log = FrameLog(window)
    played(qtbot, window, log, lambda: press(qtbot, window, Qt.Key.Key_R, CTRL))
    session = window.review.session
    assert session is not None
    played(qtbot, window, log, lambda: press(qtbot, window, Qt.Key.Key_A))
    assert [r.verdict for r in window.workspace.project.store.reviews()] == [Verdict.APPROVED]
    press(qtbot, window, Qt.Key.Key_Z, CTRL)
    assert window.workspace.project.store.reviews() == []
    assert session.counts().approved == 0
    window.review.panel.loop.setChecked(True)
    controller = window.review.controller
    starts: list[int] = []
    controller.range_started.connect(starts.append)
    press(qtbot, window, Qt.Key.Key_Space)  # replays, then starts over by itself
    qtbot.waitUntil(lambda: len(starts) >= 2, timeout=15_000)
    assert starts[:2] == [session.play_range().first_frame] * 2
    press(qtbot, window, Qt.Key.Key_K)  # the player's pause key stops the loop
    qtbot.waitUntil(lambda: not window.workspace.engine.is_playing and not controller.is_active)


def test_ctrl_z_on_a_verdict_returns_to_its_segment(qtbot, window: MainWindow) -> None:
    log = FrameLog(window)
    store = window.workspace.project.store
    played(qtbot, window, log, lambda: press(qtbot, window, Qt.Key.Key_R, CTRL))
    session = window.review.session
    assert session is not None
    ids = session.queue
    counts = window.review.panel.counts_label
    played(qtbot, window, log, lambda: press(qtbot, window, Qt.Key.Key_A))
    assert played(qtbot, window, log, lambda: press(qtbot, window, Qt.Key.Key_R)) == expected_range(50, 60)
    assert counts.text() == "3 / 5, 1 approved, 1 rejected"

    # Ctrl+Z takes the reject back and replays the second segment, the one it was on.
    assert played(qtbot, window, log, lambda: press(qtbot, window, Qt.Key.Key_Z, CTRL)) == expected_range(
        30, 45
    )
    assert (session.position, session.current().id) == (1, ids[1])
    assert counts.text() == "2 / 5, 1 approved, 0 rejected"
    assert window.views.timeline.selected_segment_ids() == [ids[1]]
    assert window.review.panel.queue_list.currentRow() == 1
    assert store.reviews(ids[1]) == []

    # Again: the approval of the first segment.
    assert played(qtbot, window, log, lambda: press(qtbot, window, Qt.Key.Key_Z, CTRL)) == expected_range(
        10, 20
    )
    assert (session.position, counts.text()) == (0, "1 / 5, 0 approved, 0 rejected")

    # A new verdict on it lands on the first segment, and the review goes on from there.
    assert played(qtbot, window, log, lambda: press(qtbot, window, Qt.Key.Key_F)) == expected_range(30, 45)
    assert [(r.reviewer, r.verdict) for r in store.reviews()] == [("rita", Verdict.NEEDS_FIX)]
    assert store.reviews()[0].segment_id == ids[0]
    assert counts.text() == "2 / 5, 0 approved, 0 rejected, 1 needs fix"


def test_leaving_review_mode_stops_playback_where_it_is(qtbot, window: MainWindow) -> None:
    log = FrameLog(window)
    press(qtbot, window, Qt.Key.Key_R, CTRL)  # the first segment starts playing from its pre-roll
    qtbot.waitUntil(lambda: window.workspace.engine.is_playing, timeout=5000)
    qtbot.waitUntil(lambda: len(log.frames) >= 3, timeout=5000)
    press(qtbot, window, Qt.Key.Key_R, CTRL)
    assert not window.review.active
    assert not window.workspace.engine.is_playing
    stopped_at = window.workspace.engine.current_frame
    qtbot.wait(200)  # nothing moves on afterwards
    assert window.workspace.engine.current_frame == stopped_at
    assert shown_frame(window) == stopped_at

"""The review dock: in the table's place beside the video, room for its queue at 1366x768,
the status readable first in each row, Approve / Reject / Fix buttons clicked with the
mouse, and no part changing height when a segment or a verdict carries a note."""

from __future__ import annotations

from PySide6.QtCore import Qt
from review_helpers import press

from annotator.domain.segment import Verdict
from annotator.ui.main_window import MainWindow

CTRL = Qt.KeyboardModifier.ControlModifier


def _heights(window: MainWindow) -> tuple[int, int, int]:
    panel = window.review.panel
    return window.review.dock.height(), panel.current_label.height(), panel.queue_list.height()


def test_the_review_dock_has_room_buttons_and_steady_heights(qtbot, window: MainWindow) -> None:
    window.setGeometry(0, 0, 1366, 768)
    window.apply_default_layout()
    store = window.workspace.project.store
    first, second = sorted(store.segments(), key=lambda s: s.start_frame)[:2]
    window.workspace.document.set_note(second.id, "the horse turns to the camera, the guests laugh, " * 3)
    press(qtbot, window, Qt.Key.Key_R, CTRL)
    panel = window.review.panel
    dock = window.review.dock
    qtbot.waitUntil(dock.isVisible)
    assert window.table_dock in window.tabifiedDockWidgets(dock)  # in the table's place
    assert window.table_dock.visibleRegion().isEmpty()  # (the table's tab behind it)
    assert dock.x() >= window.player_panel.view.mapTo(window, window.player_panel.view.rect().topRight()).x()
    row_height = panel.queue_list.sizeHintForRow(0)
    assert panel.queue_list.viewport().height() >= 5 * row_height  # room for the queue
    assert panel.queue_list.item(0).text().startswith("unreviewed · ")  # the status first
    before = _heights(window)

    approve = panel.verdict_buttons[Verdict.APPROVED]
    assert approve.focusPolicy() == Qt.FocusPolicy.NoFocus
    qtbot.mouseClick(approve, Qt.MouseButton.LeftButton)
    assert [(r.segment_id, r.verdict) for r in store.reviews()] == [(first.id, Verdict.APPROVED)]
    assert panel.queue_list.item(0).text().startswith("approved · ")
    qtbot.waitUntil(lambda: window.review.session.current().id == second.id)
    assert "note: the horse" in panel.current_label.text()  # a segment with a long note
    assert _heights(window) == before

    press(qtbot, window, Qt.Key.Key_N)
    qtbot.keyClicks(panel.note_edit, "check the horse's entry")
    qtbot.keyClick(panel.note_edit, Qt.Key.Key_Return)
    qtbot.mouseClick(panel.verdict_buttons[Verdict.NEEDS_FIX], Qt.MouseButton.LeftButton)
    press(qtbot, window, Qt.Key.Key_Up)  # back to it: its verdict and note show too
    qtbot.waitUntil(lambda: "needs fix by rita" in panel.current_label.text())
    assert _heights(window) == before
    qtbot.mouseClick(panel.verdict_buttons[Verdict.REJECTED], Qt.MouseButton.LeftButton)
    assert [r.verdict for r in store.reviews(second.id)] == [Verdict.NEEDS_FIX, Verdict.REJECTED]
    assert panel.queue_list.item(1).text().startswith("rejected · ")

"""Analyze ▸ Agreement… (Ctrl+Shift+K) in the real window: the figures of the current
video for the checked coders and labels, computed in the background, undefined ones shown
as "—" with their reason; the choices are made with the keyboard."""

from __future__ import annotations

from PySide6.QtCore import Qt

from annotator.ui.agreement.agreement_dialog import ALL_LABELS, AgreementDialog
from annotator.ui.main_window import MainWindow

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def open_dialog(qtbot, window: MainWindow) -> AgreementDialog:
    qtbot.keyClick(window, Qt.Key.Key_K, CTRL_SHIFT)
    dialog = window.agreement.dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: "frames" in dialog.status.text(), timeout=10_000)
    return dialog


def test_the_figures_of_the_video_hand_checked(qtbot, window: MainWindow) -> None:
    dialog = open_dialog(qtbot, window)
    assert dialog.isVisible()
    assert dialog.status.text() == "numbered_25.mp4: 100 frames; coders ana (reference), ben"
    # laughter, per frame: both 26 (14-39), only ana 14 (10-13, 60-69), only ben 2 (40-41),
    # neither 58: p_o = .84, p_e = .4 * .28 + .6 * .72 = .544, kappa = .296 / .456 = .649.
    # Segments: [10, 40) and [14, 42) match (IoU 26/32); ana's [60, 70) does not.
    expected = {
        "Kappa": "0.649",
        "Precision": "1.000",
        "Recall": "0.500",
        "F1": "0.667",
        "Matched": "1",
        "Start Δ med": "4.000",
        "End Δ med": "2.000",
    }
    assert {column: dialog.cell_text("laughter", column) for column in expected} == expected
    # driving: only ben coded it, so recall (ana is the reference) and boundaries are undefined
    assert dialog.cell_text("driving", "Precision") == "0.000"
    assert dialog.cell_text("driving", "Recall") == "—"
    assert "reference coder has no segments" in dialog.cell_tooltip("driving", "Recall")
    assert dialog.cell_text("driving", "Start Δ med") == "—"
    assert "driving: recall: undefined: the reference coder has no segments" in dialog.notes.text()
    assert dialog.cell_text(ALL_LABELS, "Alpha") not in ("", "—")
    assert dialog.cell_text(ALL_LABELS, "Kappa") == ""
    assert dialog.table.rowCount() == 3  # the labels the coders used, then all labels


def test_choices_by_keyboard_recompute(qtbot, window: MainWindow) -> None:
    dialog = open_dialog(qtbot, window)
    dialog.coders.setFocus()
    dialog.coders.setCurrentRow(1)
    qtbot.keyClick(dialog.coders, Qt.Key.Key_Space)  # ben unchecked: one coder is not enough
    assert dialog.chosen_coders() == ("ana",)
    assert not dialog.compute_button.isEnabled()
    assert dialog.status.text() == "Check two or more coders."
    qtbot.keyClick(dialog.coders, Qt.Key.Key_Space)
    dialog.labels.setFocus()
    row = next(i for i in range(dialog.labels.count()) if dialog.labels.item(i).text() == "driving")
    dialog.labels.setCurrentRow(row)
    qtbot.keyClick(dialog.labels, Qt.Key.Key_Space)  # driving left out: the others named
    dialog.status.setText("")
    qtbot.keyClick(dialog.labels, Qt.Key.Key_Return)  # the dialog's default button: Compute
    qtbot.waitUntil(lambda: "frames" in dialog.status.text(), timeout=10_000)
    shown = [dialog.table.item(r, 0).text() for r in range(dialog.table.rowCount())]
    assert "driving" not in shown
    assert shown[-1] == ALL_LABELS
    assert len(shown) == dialog.labels.count()  # 8 labels named, even unused ones, + all labels
    assert dialog.cell_text("gift exchange", "Kappa") == "—"  # nobody used it: p_e = 1
    assert dialog.cell_text("laughter", "Kappa") == "0.649"


def test_a_stricter_iou_leaves_the_pair_unmatched(qtbot, window: MainWindow) -> None:
    dialog = open_dialog(qtbot, window)
    dialog.iou.setFocus()
    dialog.iou.selectAll()
    qtbot.keyClicks(dialog.iou, "0.9")
    dialog.status.setText("")
    qtbot.keyClick(dialog.iou, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "frames" in dialog.status.text(), timeout=10_000)
    assert dialog.cell_text("laughter", "Matched") == "0"  # IoU 26/32 < 0.9
    assert dialog.cell_text("laughter", "Start Δ med") == "—"


def test_the_figures_follow_a_resolution_and_its_undo(qtbot, window: MainWindow) -> None:
    dialog = open_dialog(qtbot, window)
    qtbot.mouseClick(dialog.disagreements_button, Qt.MouseButton.LeftButton)
    window.disagreements.panel.set_current_row(0)  # the laughter pair
    window.workspace.engine.pause()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_B, Qt.KeyboardModifier.ShiftModifier)  # keep ben's
    qtbot.waitUntil(lambda: dialog.cell_text("laughter", "Matched") == "0", timeout=10_000)
    assert dialog.cell_text("laughter", "Recall") == "0.000"  # ana's [60, 70) left alone
    qtbot.keyClick(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: dialog.cell_text("laughter", "Matched") == "1", timeout=10_000)
    assert dialog.cell_text("laughter", "Kappa") == "0.649"


def test_list_disagreements_opens_their_dock_for_the_coders(qtbot, window: MainWindow) -> None:
    dialog = open_dialog(qtbot, window)
    qtbot.mouseClick(dialog.disagreements_button, Qt.MouseButton.LeftButton)
    keys = window.disagreements
    assert keys.dock is not None
    assert keys.dock.isVisible()
    assert keys.panel is not None
    assert keys.panel.coders() == ("ana", "ben")
    assert len(keys.listed) == 3

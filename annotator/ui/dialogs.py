"""Small dialogs the window asks through (kept apart so tests can replace them)."""

from __future__ import annotations

from fractions import Fraction

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QInputDialog,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from annotator.domain.timecode import is_drop_frame_rate
from annotator.ui.app_settings import UserRole

_NAME_QUESTIONS = {
    UserRole.ANNOTATOR: ("Annotator", "Your name (stored with every segment you code):"),
    UserRole.REVIEWER: ("Reviewer", "Your name (stored with every verdict):"),
}


def ask_position(parent: QWidget, fps: Fraction) -> str | None:
    """Ask for a timecode, a frame number or seconds; None if cancelled."""
    example = "00:01:00;02" if is_drop_frame_rate(fps) else "00:01:00:00"
    text, ok = QInputDialog.getText(
        parent, "Go to", f"Timecode ({example}), frame number (1500) or seconds (60.0s):"
    )
    return text.strip() if ok and text.strip() else None


def ask_user_name(parent: QWidget, role: UserRole, offered: str) -> str:
    """Ask the user's name in ``role``, ``offered`` filled in; "" if cancelled or blank."""
    title, question = _NAME_QUESTIONS[role]
    name, ok = QInputDialog.getText(parent, title, question, QLineEdit.EchoMode.Normal, offered)
    return name.strip() if ok else ""


def ask_bounds(
    parent: QWidget, title: str, bounds: tuple[int, int], frame_count: int
) -> tuple[int, int] | None:
    """Ask for a segment's frames ``[start, end)``, ``bounds`` filled in; None if cancelled."""
    dialog = QDialog(parent)
    dialog.setWindowTitle(title)
    start, end = QSpinBox(), QSpinBox()
    start.setRange(0, max(frame_count - 1, 0))
    end.setRange(1, max(frame_count, 1))
    start.setValue(bounds[0])
    end.setValue(bounds[1])
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    form = QFormLayout(dialog)
    form.addRow("First frame", start)
    form.addRow("End frame (not included)", end)
    form.addRow(buttons)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return start.value(), end.value()

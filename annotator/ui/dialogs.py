"""Small dialogs the window asks through (kept apart so tests can replace them)."""

from __future__ import annotations

from fractions import Fraction

from PySide6.QtWidgets import QInputDialog, QWidget

from annotator.domain.timecode import is_drop_frame_rate


def ask_position(parent: QWidget, fps: Fraction) -> str | None:
    """Ask for a timecode, a frame number or seconds; None if cancelled."""
    example = "00:01:00;02" if is_drop_frame_rate(fps) else "00:01:00:00"
    text, ok = QInputDialog.getText(
        parent, "Go to", f"Timecode ({example}), frame number (1500) or seconds (60.0s):"
    )
    return text.strip() if ok and text.strip() else None

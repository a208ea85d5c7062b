"""The player's keys: play, step, shuttle, speed, first and last frame, go to a position.

Each command acts on the workspace's engine and does nothing without a video.
"""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from annotator.domain.goto import parse_position
from annotator.ui import dialogs
from annotator.ui.player.player_engine import clamp_rate
from annotator.ui.workspace import Workspace


class Transport:
    """Owns the transport actions of the key table."""

    def __init__(self, workspace: Workspace) -> None:
        self._workspace = workspace
        self._engine = workspace.engine

    def toggle_play(self) -> None:
        if self._workspace.video is not None:
            self._engine.toggle()

    def step_frames(self, delta: int) -> None:
        if self._workspace.video is not None:
            self._engine.step(delta)

    def step_seconds(self, direction: int) -> None:
        video = self._workspace.video
        if video is not None:
            self._engine.step(direction * max(1, round(video.info.fps)))

    def shuttle_reverse(self) -> None:
        if self._workspace.video is not None:
            self._engine.shuttle_reverse()

    def shuttle_stop(self) -> None:
        if self._workspace.video is not None:
            self._engine.shuttle_stop()

    def shuttle_forward(self) -> None:
        if self._workspace.video is not None:
            self._engine.shuttle_forward()

    def change_speed(self, factor: float) -> None:
        rate = clamp_rate(abs(self._engine.rate) * factor)
        self._engine.set_rate(rate)
        self._workspace.show_message(f"Speed {rate:g}x", 2000)

    def go_to_start(self) -> None:
        self._workspace.seek(0)

    def go_to_end(self) -> None:
        self._workspace.seek(self._workspace.frame_count - 1)

    def go_to_dialog(self) -> None:
        """Ctrl+G: a timecode, a frame number or seconds."""
        video = self._workspace.video
        if video is None:
            return
        parent = self._workspace.dialog_parent
        text = dialogs.ask_position(parent, video.info.fps)
        if text is None:
            return
        try:
            frame = parse_position(text, video.info.times(), video.info.fps)
        except ValueError as error:
            QMessageBox.warning(parent, "Go to", str(error))
            return
        self._workspace.seek(frame)

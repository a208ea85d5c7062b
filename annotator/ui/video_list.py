"""The project's videos; a missing or unreadable one is marked and can be relinked."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

from annotator.domain.video import Video


class VideoList(QListWidget):
    """One row per video: name, frames, and a mark when the file is missing."""

    video_selected = Signal(int)  # video id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.currentItemChanged.connect(self._on_current_item_changed)

    def set_videos(self, videos: list[Video], missing: set[int], current: int | None = None) -> None:
        self.blockSignals(True)
        self.clear()
        for video in videos:
            info = video.info
            text = f"{video.name}\n{info.frame_count} frames · {float(info.fps):.3f} fps"
            if video.id in missing:
                text += "\nMISSING: double-click to relink"
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, video.id)
            item.setToolTip(video.path)
            if video.id in missing:
                item.setForeground(QColor("#c0392b"))
            self.addItem(item)
            if video.id == current:
                self.setCurrentItem(item)
        self.blockSignals(False)

    def video_ids(self) -> list[int]:
        return [int(self.item(row).data(Qt.ItemDataRole.UserRole)) for row in range(self.count())]

    def select_video(self, video_id: int) -> None:
        for row in range(self.count()):
            if int(self.item(row).data(Qt.ItemDataRole.UserRole)) == video_id:
                self.setCurrentRow(row)
                return

    def show_current(self, video_id: int) -> None:
        """Mark the video made current elsewhere, without announcing it again."""
        self.blockSignals(True)
        self.select_video(video_id)
        self.blockSignals(False)

    def _on_current_item_changed(self, current: QListWidgetItem | None, _previous: object) -> None:
        if current is not None:
            self.video_selected.emit(int(current.data(Qt.ItemDataRole.UserRole)))

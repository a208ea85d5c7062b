"""The toolbar's video box: picks among the project's videos when the list is hidden."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QComboBox, QSizePolicy, QWidget

from annotator.domain.video import Video


class VideoPicker(QComboBox):
    """One entry per video (``name`` or ``name (missing)``); choosing one emits its id."""

    video_selected = Signal(int)  # video id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setToolTip("The video on screen (View ▸ Videos shows them all as a list)")
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.setMinimumContentsLength(22)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.setEnabled(False)
        self.activated.connect(self._on_activated)

    def set_videos(self, videos: list[Video], missing: set[int], current: int | None = None) -> None:
        self.blockSignals(True)
        self.clear()
        for video in videos:
            self.addItem(f"{video.name} (missing)" if video.id in missing else video.name, video.id)
            self.setItemData(self.count() - 1, video.path, Qt.ItemDataRole.ToolTipRole)
        self.setEnabled(bool(videos))
        if current is not None:
            self.setCurrentIndex(max(self.findData(current), 0))
        self.blockSignals(False)

    def show_current(self, video_id: int) -> None:
        """Show the video made current elsewhere, without announcing it again."""
        self.blockSignals(True)
        self.setCurrentIndex(self.findData(video_id))
        self.blockSignals(False)

    def clear_videos(self) -> None:
        self.clear()
        self.setEnabled(False)

    def _on_activated(self, index: int) -> None:
        if index >= 0:
            self.video_selected.emit(int(self.itemData(index)))

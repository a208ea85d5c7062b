"""The search's results as a list model for the grid: one row per found segment, its
picture (the middle frame) once made, and the lines written under it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QImage

from annotator.domain.search_result import Found
from annotator.project.search_stills import middle_frame

SEGMENT_ID_ROLE = Qt.ItemDataRole.UserRole + 1
FOUND_ROLE = Qt.ItemDataRole.UserRole + 2
LINES_ROLE = Qt.ItemDataRole.UserRole + 3  # [label, video, timecodes, note]
COLOUR_ROLE = Qt.ItemDataRole.UserRole + 4  # the label's colour, "#rrggbb"
Index = QModelIndex | QPersistentModelIndex


def picture_key(found: Found) -> tuple[int, int]:
    """(video id, frame) of the picture a result shows."""
    return found.segment.video_id, middle_frame(found.segment)


class SearchResultsModel(QAbstractListModel):
    """Results in the order the search ranked them; pictures by (video id, frame)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Found] = []
        self._pictures: dict[tuple[int, int], QImage] = {}
        self._colours: dict[str, str] = {}

    def set_colours(self, colours: dict[str, str]) -> None:
        """Each label's colour, by name (drawn beside its name)."""
        self._colours = dict(colours)

    def set_results(self, found: Sequence[Found]) -> None:
        """New results; rows that stay keep their place in any view (a note edited
        changes only that row's text)."""
        new = list(found)
        if [f.segment.id for f in new] == [f.segment.id for f in self._rows]:
            changed = [row for row, (old, now) in enumerate(zip(self._rows, new, strict=True)) if old != now]
            self._rows = new
            for row in changed:
                self.dataChanged.emit(self.index(row), self.index(row))
            return
        self.beginResetModel()
        self._rows = new
        self.endResetModel()

    def results(self) -> list[Found]:
        return list(self._rows)

    def segment_ids(self) -> list[str]:
        return [found.segment.id for found in self._rows]

    def missing_pictures(self) -> set[tuple[int, int]]:
        return {key for key in map(picture_key, self._rows) if key not in self._pictures}

    def known_pictures(self) -> set[tuple[int, int]]:
        return set(self._pictures)

    def set_picture(self, video_id: int, frame: int, image: QImage) -> None:
        self._pictures[(video_id, frame)] = image
        for row, found in enumerate(self._rows):
            if picture_key(found) == (video_id, frame):
                self.dataChanged.emit(self.index(row), self.index(row), [Qt.ItemDataRole.DecorationRole])

    def picture(self, row: int) -> QImage | None:
        return self._pictures.get(picture_key(self._rows[row]))

    def forget_pictures(self) -> None:
        """Another project: none of the pictures belongs to it."""
        self._pictures.clear()

    # -- Qt model API -----------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        found = self._rows[index.row()]
        if role == SEGMENT_ID_ROLE:
            return found.segment.id
        if role == FOUND_ROLE:
            return found
        if role == LINES_ROLE:
            return result_lines(found)
        if role == COLOUR_ROLE:
            return self._colours.get(found.label, "#808080")
        if role == Qt.ItemDataRole.DisplayRole:
            return " · ".join(result_lines(found)[:3])
        if role == Qt.ItemDataRole.DecorationRole:
            return self._pictures.get(picture_key(found))
        if role == Qt.ItemDataRole.ToolTipRole:
            return tooltip(found)
        return None


def result_lines(found: Found) -> list[str]:
    """What is written under a result's picture."""
    return [found.label, found.video, f"{found.start_tc} – {found.end_tc}", found.segment.note]


def tooltip(found: Found) -> str:
    segment = found.segment
    lines = [
        f"{found.label} on {found.video}",
        f"{found.start_tc} – {found.end_tc} (frames {segment.start_frame}–{segment.end_frame - 1})",
        f"{found.status.replace('_', ' ')}, coded by {segment.annotator or '(nobody)'}",
    ]
    if segment.note:
        lines.append(segment.note)
    return "\n".join(lines)

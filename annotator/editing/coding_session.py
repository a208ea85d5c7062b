"""Coding with keys: label keys open and close segments at the playhead.

Like BORIS state events, several labels may be open at once; a second press closes the
segment at the start of the frame on screen, so opening at frame 50 and closing at
frame 80 gives ``[50, 80)``. With in and out marked, a label key labels exactly that
range. A point label makes a one-frame segment.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from annotator.domain.label import LabelKind
from annotator.domain.segment import Segment
from annotator.editing.annotation_document import AnnotationDocument


class CodingSession(QObject):
    """Open segments and in/out marks for the video being coded."""

    open_labels_changed = Signal()
    marks_changed = Signal()

    def __init__(self, document: AnnotationDocument, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._document = document
        self._video_id: int | None = None
        self._open: dict[int, int] = {}  # label id -> start frame
        self.mark_in: int | None = None
        self.mark_out: int | None = None
        document.reset.connect(self._on_document_reset)

    @property
    def open_labels(self) -> dict[int, int]:
        return dict(self._open)

    def set_video(self, video_id: int | None) -> None:
        """Switching videos abandons open segments and marks (nothing was stored yet)."""
        self._video_id = video_id
        self.cancel_open()
        self.clear_marks()

    def set_mark_in(self, frame: int) -> None:
        self.mark_in = frame
        if self.mark_out is not None and self.mark_out <= frame:
            self.mark_out = None
        self.marks_changed.emit()

    def set_mark_out(self, frame: int) -> None:
        """Mark the out point at the end of the frame on screen, so I..O covers it."""
        self.mark_out = frame + 1
        if self.mark_in is not None and self.mark_in >= self.mark_out:
            self.mark_in = None
        self.marks_changed.emit()

    def clear_marks(self) -> None:
        if self.mark_in is not None or self.mark_out is not None:
            self.mark_in = self.mark_out = None
            self.marks_changed.emit()

    def cancel_open(self) -> None:
        if self._open:
            self._open.clear()
            self.open_labels_changed.emit()

    def _on_document_reset(self) -> None:
        """An import was undone: a segment open on one of its labels cannot be closed."""
        known = {label.id for label in self._document.labels(include_archived=True)}
        if any(label_id not in known for label_id in self._open):
            self._open = {label_id: start for label_id, start in self._open.items() if label_id in known}
            self.open_labels_changed.emit()

    def press_label(self, label_id: int, frame: int) -> Segment | None:
        """A label key at ``frame`` (the frame on screen); returns the segment it stored."""
        if self._video_id is None:
            return None
        label = self._document.label(label_id)
        if self.mark_in is not None and self.mark_out is not None:
            start, end = self.mark_in, self.mark_out
            self.clear_marks()
            return self._add(label_id, start, end)
        if label.kind is LabelKind.POINT:
            return self._add(label_id, frame, frame + 1)
        if label_id not in self._open:
            self._open[label_id] = frame
            self.open_labels_changed.emit()
            return None
        start = self._open.pop(label_id)
        self.open_labels_changed.emit()
        low, high = min(start, frame), max(start, frame)
        return self._add(label_id, low, max(high, low + 1))

    def _add(self, label_id: int, start: int, end: int) -> Segment:
        assert self._video_id is not None
        end = min(end, self._document.frame_count(self._video_id))
        return self._document.add_segment(self._video_id, label_id, start, max(end, start + 1))

"""The review dock: filters, queue, counts, the segment under review, note, roll times, summary.

It mirrors a ``ReviewSession`` and hands the reviewer's input straight to it; what a
verdict or a fix does is the session's business, not the panel's.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QVBoxLayout,
    QWidget,
)

from annotator.domain.segment import Segment
from annotator.editing.review_queue import ReviewCounts
from annotator.editing.review_session import ReviewSession
from annotator.ui.review import review_text
from annotator.ui.review.review_filter_bar import ReviewFilterBar

_KEYS_OWNED_BY_NOTE = (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Escape)


class NoteEdit(QLineEdit):
    """A line edit that keeps Return and Escape (the window would take them as shortcuts)."""

    finished = Signal()

    def event(self, event: QEvent) -> bool:
        overriding = event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent)
        if overriding and event.key() in _KEYS_OWNED_BY_NOTE:  # type: ignore[attr-defined]
            event.accept()
            return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in _KEYS_OWNED_BY_NOTE:
            self.finished.emit()
            return
        super().keyPressEvent(event)


class ReviewPanel(QWidget):
    """Everything the reviewer reads and sets beside the video."""

    note_finished = Signal()

    def __init__(self, session: ReviewSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.filter_bar = ReviewFilterBar(session.document)
        self.counts_label = QLabel()
        self.current_label = QLabel()
        self.current_label.setWordWrap(True)
        self.queue_list = QListWidget()
        self.note_edit = NoteEdit()
        self.note_edit.setPlaceholderText("Note for the next verdict (N)")
        self.preroll = _seconds_box(session.preroll_s)
        self.postroll = _seconds_box(session.postroll_s)
        self.loop = QCheckBox("Loop")
        self.summary_label = QLabel()
        self.summary_label.setTextFormat(Qt.TextFormat.RichText)
        self._row_status: dict[str, str] = {}
        self._build_layout()
        self._connect()

    def _build_layout(self) -> None:
        form = QFormLayout()
        form.addRow("Pre-roll", self.preroll)
        form.addRow("Post-roll", self.postroll)
        form.addRow("", self.loop)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        for widget in (self.filter_bar, self.counts_label, self.current_label, self.note_edit):
            layout.addWidget(widget)
        layout.addLayout(form)
        layout.addWidget(self.queue_list, 1)
        layout.addWidget(self.summary_label)

    def _connect(self) -> None:
        session = self._session
        self.filter_bar.filters_changed.connect(session.set_filters)
        self.queue_list.currentRowChanged.connect(self._on_queue_list_current_row_changed)
        self.note_edit.textEdited.connect(session.set_note)
        self.note_edit.finished.connect(self.note_finished)
        self.preroll.valueChanged.connect(self._on_preroll_value_changed)
        self.postroll.valueChanged.connect(self._on_postroll_value_changed)
        self.loop.toggled.connect(self._on_loop_toggled)
        session.queue_changed.connect(self._on_session_queue_changed)
        session.current_changed.connect(self._on_session_current_changed)
        session.counts_changed.connect(self._on_session_counts_changed)
        session.note_changed.connect(self._on_session_note_changed)

    def focus_note(self) -> None:
        self.note_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.note_edit.selectAll()

    # -- user input ---------------------------------------------------------------------
    def _on_queue_list_current_row_changed(self, row: int) -> None:
        if row >= 0:
            self._session.go_to(row)

    def _on_preroll_value_changed(self, seconds: float) -> None:
        self._session.preroll_s = seconds

    def _on_postroll_value_changed(self, seconds: float) -> None:
        self._session.postroll_s = seconds

    def _on_loop_toggled(self, loop: bool) -> None:
        self._session.loop = loop

    # -- session signals ----------------------------------------------------------------
    def _on_session_queue_changed(self) -> None:
        self.queue_list.blockSignals(True)
        self.queue_list.clear()
        self.queue_list.addItems([review_text.queue_row(self._session, sid) for sid in self._session.queue])
        self._row_status = {sid: self._session.status(sid) for sid in self._session.queue}
        self.queue_list.blockSignals(False)

    def _on_session_current_changed(self, segment: Segment | None) -> None:
        self.queue_list.blockSignals(True)
        self.queue_list.setCurrentRow(self._session.position if segment is not None else -1)
        self.queue_list.blockSignals(False)
        self.current_label.setText(review_text.current(self._session, segment))
        finished = segment is None and bool(self._session.queue)
        self.summary_label.setText(review_text.summary_html(self._session) if finished else "")

    def _on_session_counts_changed(self, counts: ReviewCounts) -> None:
        self.counts_label.setText(counts.text())
        for row, segment_id in enumerate(self._session.queue):
            status = self._session.status(segment_id)
            item = self.queue_list.item(row)
            if item is not None and self._row_status.get(segment_id) != status:
                self._row_status[segment_id] = status
                item.setText(review_text.queue_row(self._session, segment_id))

    def _on_session_note_changed(self, note: str) -> None:
        if self.note_edit.text() != note:
            self.note_edit.setText(note)


def _seconds_box(value: float) -> QDoubleSpinBox:
    box = QDoubleSpinBox()
    box.setRange(0.0, 30.0)
    box.setSingleStep(0.1)
    box.setDecimals(2)
    box.setSuffix(" s")
    box.setValue(value)
    return box

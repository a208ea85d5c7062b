"""The review dock: filters, queue, counts, the segment under review, note, roll times, summary.

It mirrors a ``ReviewSession`` and hands the reviewer's input straight to it; what a
verdict or a fix does is the session's business, not the panel's.
"""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from annotator.domain.segment import UNREVIEWED, Segment, Verdict
from annotator.editing.review_queue import ReviewCounts
from annotator.editing.review_session import ReviewSession
from annotator.ui.review import review_text
from annotator.ui.review.review_filter_bar import ReviewFilterBar

_KEYS_OWNED_BY_NOTE = (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Escape)
CURRENT_LINES = 5
"""Lines kept for the segment under review, whether or not it has notes."""
VERDICT_BUTTONS = {
    Verdict.APPROVED: "Approve (A)",
    Verdict.REJECTED: "Reject (R)",
    Verdict.NEEDS_FIX: "Fix (F)",
}
STATUS_COLOURS = {"approved": "#1e8449", "rejected": "#c0392b", "needs_fix": "#b9770e", UNREVIEWED: "#555555"}


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
    """Everything the reviewer reads and sets beside the video.

    Its parts keep their heights whatever the segment says (the segment under review
    gets a fixed number of lines), so the queue never jumps when a note appears."""

    note_finished = Signal()

    def __init__(self, session: ReviewSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._session = session
        self.filter_bar = ReviewFilterBar(session.document)
        self.counts_label = QLabel()
        self.current_label = QLabel()
        self.current_label.setWordWrap(True)
        self.current_label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.current_label.setFixedHeight(self.fontMetrics().lineSpacing() * CURRENT_LINES + 4)
        self.verdict_buttons = {verdict: _button(text) for verdict, text in VERDICT_BUTTONS.items()}
        self.queue_list = QListWidget()
        self.queue_list.setUniformItemSizes(True)
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
        """Two columns, for a dock as wide as the segment table's: what is reviewed and the
        verdict on the left, the queue its whole height on the right."""
        buttons = QHBoxLayout()
        for button in self.verdict_buttons.values():
            buttons.addWidget(button)
        rolls = QHBoxLayout()
        for text, widget in (("Pre-roll", self.preroll), ("Post-roll", self.postroll)):
            rolls.addWidget(QLabel(text))
            rolls.addWidget(widget)
        rolls.addWidget(self.loop)
        rolls.addStretch(1)
        left = QVBoxLayout()
        left.addWidget(self.filter_bar)
        left.addLayout(rolls)
        for widget in (self.counts_label, self.current_label):
            left.addWidget(widget)
        left.addLayout(buttons)
        left.addWidget(self.note_edit)
        left.addWidget(self.summary_label)
        left.addStretch(1)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(left, 3)
        layout.addWidget(self.queue_list, 2)

    def _connect(self) -> None:
        session = self._session
        self.filter_bar.filters_changed.connect(session.set_filters)
        self.queue_list.currentRowChanged.connect(self._on_queue_list_current_row_changed)
        self.note_edit.textEdited.connect(session.set_note)
        self.note_edit.finished.connect(self.note_finished)
        self.preroll.valueChanged.connect(self._on_preroll_value_changed)
        self.postroll.valueChanged.connect(self._on_postroll_value_changed)
        self.loop.toggled.connect(self._on_loop_toggled)
        for verdict, button in self.verdict_buttons.items():
            button.clicked.connect(partial(self._on_verdict_button_clicked, verdict))
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

    def _on_verdict_button_clicked(self, verdict: Verdict, _checked: bool = False) -> None:
        self._session.judge(verdict)

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
        for segment_id in self._session.queue:
            self.queue_list.addItem(review_text.queue_row(self._session, segment_id))
            self._show_status(self.queue_list.item(self.queue_list.count() - 1), segment_id)
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
                self._show_status(item, segment_id)

    def _show_status(self, item: QListWidgetItem, segment_id: str) -> None:
        status = self._session.status(segment_id)
        item.setForeground(QColor(STATUS_COLOURS.get(status, STATUS_COLOURS[UNREVIEWED])))
        item.setToolTip(status.replace("_", " "))

    def _on_session_note_changed(self, note: str) -> None:
        if self.note_edit.text() != note:
            self.note_edit.setText(note)


def _button(text: str) -> QPushButton:
    button = QPushButton(text)
    button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Space and the verdict keys stay the window's
    return button


def _seconds_box(value: float) -> QDoubleSpinBox:
    box = QDoubleSpinBox()
    box.setRange(0.0, 30.0)
    box.setSingleStep(0.1)
    box.setDecimals(2)
    box.setSuffix(" s")
    box.setValue(value)
    return box

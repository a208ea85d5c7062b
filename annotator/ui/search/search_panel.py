"""The search dock's widget: the query box, a one-line message (how many found, or why a
query is refused), "Queue for review", "Play all" and the grid. It shows what it is given
and forwards what the user asks for; running the query is ``SearchPanelPart``'s business."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from annotator.ui.elided_label import ElidedLabel
from annotator.ui.note_delegate import KeyKeepingLineEdit
from annotator.ui.search.search_grid import SearchGrid
from annotator.ui.search.search_results_model import SearchResultsModel

TYPING_PAUSE_MS = 150
"""A query runs once typing pauses this long (Return runs it at once)."""
PLACEHOLDER = "Search: words, label:laughter video:kim* status:approved annotator:ana"
ERROR_COLOUR = "#c0392b"


class SearchPanel(QWidget):
    query_changed = Signal(str)  # the query to run (after a pause in typing, or Return)
    play_requested = Signal(str)  # segment id
    queue_requested = Signal()
    play_all_requested = Signal()

    def __init__(self, model: SearchResultsModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.query = KeyKeepingLineEdit()
        self.query.setPlaceholderText(PLACEHOLDER)
        self.query.setClearButtonEnabled(True)
        self.message = ElidedLabel("")
        self.queue_button = QPushButton("Queue for review")
        self.queue_button.setToolTip("Review mode on these results (Ctrl+R leaves it)")
        self.play_all_button = QPushButton("Play all")
        self.play_all_button.setToolTip("Play every result in context, one after another (K stops)")
        self.grid = SearchGrid()
        self.grid.setModel(model)
        self._typing = QTimer(self)
        self._typing.setSingleShot(True)
        self._typing.setInterval(TYPING_PAUSE_MS)
        self._typing.timeout.connect(self._run_query)
        self.query.textChanged.connect(lambda _text: self._typing.start())
        self.query.returnPressed.connect(self._on_query_return_pressed)
        self.queue_button.clicked.connect(self.queue_requested)
        self.play_all_button.clicked.connect(self.play_all_requested)
        self.grid.play_requested.connect(self.play_requested)
        bar = QHBoxLayout()
        bar.addWidget(self.message, 1)
        bar.addWidget(self.queue_button)
        bar.addWidget(self.play_all_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.query)
        layout.addLayout(bar)
        layout.addWidget(self.grid, 1)
        self.show_found(0)

    def focus_query(self) -> None:
        self.query.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.query.selectAll()

    def show_found(self, count: int, limit: int | None = None) -> None:
        """How many results the grid shows (``limit``: the most a search returns)."""
        text = f"{count} segment{'' if count == 1 else 's'}"
        if limit is not None and count >= limit:
            text += f" (the best {limit}; narrow the search for more)"
        self._set_message(text, error=False)
        self.queue_button.setEnabled(count > 0)
        self.play_all_button.setEnabled(count > 0)

    def show_refusal(self, message: str) -> None:
        """A query that cannot be read: its one line, in red; the grid is emptied."""
        self._set_message(message, error=True)
        self.queue_button.setEnabled(False)
        self.play_all_button.setEnabled(False)

    def _set_message(self, text: str, error: bool) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(f"color: {ERROR_COLOUR};" if error else "")

    def _on_query_return_pressed(self) -> None:
        self._typing.stop()
        self._run_query()

    def _run_query(self) -> None:
        self.query_changed.emit(self.query.text())

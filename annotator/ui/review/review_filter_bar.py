"""The review queue's filters: video, label, annotator, status (default: unreviewed) and
analysis proposals (left out by default, included, or only they)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QGridLayout, QLabel, QWidget

from annotator.domain.segment import UNREVIEWED
from annotator.editing.annotation_document import AnnotationDocument
from annotator.editing.review_queue import STATUSES, ReviewFilters

ANY = "Any"
PROPOSALS = (("leave out", "exclude"), ("include", "include"), ("only", "only"))


class ReviewFilterBar(QWidget):
    """Five combo boxes; emits the filters they make whenever one changes."""

    filters_changed = Signal(object)  # ReviewFilters

    def __init__(self, document: AnnotationDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._document = document
        self.video = QComboBox()
        self.label = QComboBox()
        self.annotator = QComboBox()
        self.status = QComboBox()
        self.proposals = QComboBox()
        for text, value in PROPOSALS:
            self.proposals.addItem(text, value)
        self.proposals.setToolTip("Analysis proposals: approving one accepts it, rejecting removes it")
        layout = QGridLayout(self)  # two filters a row: the queue keeps the height
        layout.setContentsMargins(0, 0, 0, 0)
        named = (
            ("Video", self.video),
            ("Label", self.label),
            ("Annotator", self.annotator),
            ("Status", self.status),
            ("Proposals", self.proposals),
        )
        for place, (name, combo) in enumerate(named):
            row, column = divmod(place, 2)
            layout.addWidget(QLabel(name), row, column * 2)
            layout.addWidget(combo, row, column * 2 + 1)
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(8)
        layout.setColumnStretch(1, 1)
        layout.setColumnStretch(3, 1)
        self.refill()
        for combo in (self.video, self.label, self.annotator, self.status, self.proposals):
            combo.currentIndexChanged.connect(self._on_combo_changed)
        document.labels_changed.connect(self.refill)
        document.reset.connect(self.refill)

    def refill(self) -> None:
        """Fill the choices from the project (videos, labels, annotators who coded); the
        choices made stay (the status starts at unreviewed)."""
        store = self._document.store
        chosen = [combo.currentData() for combo in (self.video, self.label, self.annotator)]
        status = self.status.currentData() if self.status.count() else UNREVIEWED
        annotators = sorted({segment.annotator for segment in self._document.segments()})
        choices = (
            (self.video, [(video.name, video.id) for video in store.videos()]),
            (self.label, [(label.name, label.id) for label in self._document.labels()]),
            (self.annotator, [(name or "(no name)", name) for name in annotators]),
            (self.status, [(status.replace("_", " "), status) for status in STATUSES]),
        )
        for combo, items in choices:
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(ANY, None)
            for text, value in items:
                combo.addItem(text, value)
            combo.blockSignals(False)
        for combo, data in zip((self.video, self.label, self.annotator), chosen, strict=True):
            combo.blockSignals(True)
            combo.setCurrentIndex(max(combo.findData(data), 0))
            combo.blockSignals(False)
        self.status.blockSignals(True)
        self.status.setCurrentIndex(self.status.findData(status))
        self.status.blockSignals(False)

    def show_filters(self, filters: ReviewFilters) -> None:
        """Show ``filters`` (a queue chosen elsewhere: disagreements, search results) without
        emitting; the tooltip says when the queue is a list of segments."""
        combos = (self.video, self.label, self.annotator, self.status, self.proposals)
        values = (filters.video_id, filters.label_id, filters.annotator, filters.status, filters.proposals)
        for combo, value in zip(combos, values, strict=True):
            combo.blockSignals(True)
            combo.setCurrentIndex(max(combo.findData(value), 0))
            combo.blockSignals(False)
        listed = "The queue is a list of segments; a filter chosen here replaces it"
        self.setToolTip(listed if filters.segment_ids is not None else "")

    def filters(self) -> ReviewFilters:
        return ReviewFilters(
            video_id=self.video.currentData(),
            label_id=self.label.currentData(),
            annotator=self.annotator.currentData(),
            status=self.status.currentData(),
            proposals=self.proposals.currentData(),
        )

    def _on_combo_changed(self, _index: int) -> None:
        self.filters_changed.emit(self.filters())

"""The statistics dock's widget: "By" (label, video, annotator), the airtime bars and the
current video's label-by-time strip. It draws what it is given and forwards clicks."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QSplitter, QVBoxLayout, QWidget

from annotator.analysis.statistics import BY
from annotator.domain.statistics import Statistics
from annotator.ui.elided_label import ElidedLabel
from annotator.ui.statistics.airtime_chart import AirtimeChart
from annotator.ui.statistics.label_strip_chart import LabelStripChart

WIDTH_PX = 540
CLICK_HINTS = {
    "label": "click a bar to filter the table",
    "video": "click a bar to show that video",
    "annotator": "click a bar to filter the table",
}


class StatisticsPanel(QWidget):
    by_changed = Signal(str)
    bar_clicked = Signal(str, str)  # by, group name

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.by = QComboBox()
        for name in BY:
            self.by.addItem(name, name)
        self.summary = ElidedLabel("")
        self.airtime = AirtimeChart()
        self.strip = LabelStripChart()
        self.by.currentIndexChanged.connect(lambda _index: self.by_changed.emit(self.by.currentData()))
        self.airtime.bar_clicked.connect(lambda name: self.bar_clicked.emit(self.by.currentData(), name))
        bar = QHBoxLayout()
        bar.addWidget(QLabel("By"))
        bar.addWidget(self.by)
        bar.addWidget(self.summary, 1)
        charts = QSplitter(Qt.Orientation.Vertical)
        charts.addWidget(self.airtime)
        charts.addWidget(self.strip)
        charts.setStretchFactor(0, 1)
        charts.setStretchFactor(1, 1)
        charts.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addLayout(bar)
        layout.addWidget(charts, 1)

    def sizeHint(self) -> QSize:
        """Room for a bar per label and their names beside the video, on first showing."""
        return QSize(WIDTH_PX, 600)

    def show_statistics(self, stats: Statistics, colours: Mapping[str, str]) -> None:
        count = sum(group.count for group in stats.groups)
        self.summary.setText(
            f"{count} segments, {stats.footage_s:.0f} s of footage; {CLICK_HINTS.get(stats.by, '')}"
        )
        self.airtime.show_statistics(stats, colours)

    def show_strip(
        self,
        title: str,
        duration_s: float,
        spans: Mapping[str, Sequence[tuple[float, float]]],
        order: Sequence[str],
        colours: Mapping[str, str],
    ) -> None:
        self.strip.show_spans(title, duration_s, spans, order, colours)

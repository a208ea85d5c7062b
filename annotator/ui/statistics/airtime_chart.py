"""Airtime bars with Qt Charts: one horizontal bar per group (label, video or annotator),
its share of the footage's airtime, in the group's colour. A click on a bar names its group.

Qt Charts colours a bar set, not a bar: each group is a set of its own in a stacked series,
with its value at its own category and zero elsewhere, so every bar keeps its colour."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSet,
    QChart,
    QChartView,
    QHorizontalStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QMargins, QPoint, QPointF, Qt, Signal
from PySide6.QtGui import QColor, QFont, QPainter
from PySide6.QtWidgets import QWidget

from annotator.domain.statistics import Statistics

OTHER_COLOURS = ("#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948", "#b07aa1", "#9c755f")


class AirtimeChart(QChartView):
    """The bars of the groups it is given; ``bar_clicked(name)`` on a click."""

    bar_clicked = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        chart = QChart()
        chart.legend().hide()
        chart.setMargins(QMargins(2, 2, 2, 2))
        chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        self.setChart(chart)
        self.names: list[str] = []
        self.series: QHorizontalStackedBarSeries | None = None

    def show_statistics(self, stats: Statistics, colours: Mapping[str, str]) -> None:
        """A bar per group, the first at the top; ``colours`` by group name (others get a palette's)."""
        chart = self.chart()
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
        groups = list(reversed(stats.groups))  # a horizontal bar chart draws its first category lowest
        self.names = [group.name for group in groups]
        series = QHorizontalStackedBarSeries()
        series.setBarWidth(0.75)
        for index, group in enumerate(groups):
            bar = QBarSet(group.name)
            bar.append([100 * group.airtime_share if i == index else 0.0 for i in range(len(groups))])
            fallback = OTHER_COLOURS[(len(groups) - 1 - index) % len(OTHER_COLOURS)]
            bar.setColor(QColor(colours.get(group.name, fallback)))
            bar.setBorderColor(QColor(Qt.GlobalColor.transparent))
            series.append(bar)
        series.clicked.connect(self._on_series_clicked)
        chart.addSeries(series)
        categories = QBarCategoryAxis()
        categories.append([f"{g.name}  {100 * g.airtime_share:.1f}%" for g in groups] or [""])
        small = QFont(self.font())
        small.setPointSizeF(max(small.pointSizeF() - 1.5, 6.0))
        categories.setLabelsFont(small)  # a bar's name fits its height, not elided to "..."
        shares = QValueAxis()
        top = max((100 * g.airtime_share for g in groups), default=0.0)
        shares.setRange(0, max(top * 1.05, 1.0))
        shares.applyNiceNumbers()
        shares.setLabelFormat("%.0f%%")
        shares.setTitleText(f"share of airtime, by {stats.by}")
        chart.addAxis(categories, Qt.AlignmentFlag.AlignLeft)
        chart.addAxis(shares, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(categories)
        series.attachAxis(shares)
        self.series = series

    def bar_point(self, name: str) -> QPoint:
        """Where the bar of group ``name`` is, in the view's viewport (the middle of the bar)."""
        assert self.series is not None
        index = self.names.index(name)
        value = self.series.barSets()[index].at(index)
        scene = self.chart().mapToScene(self.chart().mapToPosition(QPointF(value / 2, index), self.series))
        return self.mapFromScene(scene)

    def _on_series_clicked(self, index: int, _bar: QBarSet) -> None:
        if 0 <= index < len(self.names):
            self.bar_clicked.emit(self.names[index])

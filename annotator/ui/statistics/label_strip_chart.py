"""The current video's labels over time with Qt Charts: a row per label, a filled band
wherever its segments cover the video (``analysis.statistics.spans``), in its colour."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCharts import QAreaSeries, QCategoryAxis, QChart, QChartView, QLineSeries, QValueAxis
from PySide6.QtCore import QMargins, QPointF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import QWidget

BAND = (0.15, 0.85)
"""Where a band sits in its row (0 to 1): rows stay apart."""


class LabelStripChart(QChartView):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        chart = QChart()
        chart.legend().hide()
        chart.setMargins(QMargins(2, 2, 2, 2))
        chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        self.setChart(chart)
        self.rows: list[str] = []

    def show_spans(
        self,
        title: str,
        duration_s: float,
        spans: Mapping[str, Sequence[tuple[float, float]]],
        order: Sequence[str],
        colours: Mapping[str, str],
    ) -> None:
        """One row per label of ``order`` that has spans, the first at the top."""
        chart = self.chart()
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
        chart.setTitle(title)
        shown = [name for name in order if spans.get(name)]
        shown += sorted(name for name in spans if name not in shown and spans[name])
        self.rows = shown
        time = QValueAxis()
        time.setRange(0, max(duration_s, 0.001))
        time.setLabelFormat("%.0f s")
        rows = QCategoryAxis()
        rows.setLabelsPosition(QCategoryAxis.AxisLabelsPosition.AxisLabelsPositionCenter)
        small = QFont(self.font())
        small.setPointSizeF(max(small.pointSizeF() - 1.5, 6.0))
        rows.setLabelsFont(small)  # a row's name fits a row's height, not elided to "..."
        rows.setRange(0, max(len(shown), 1))
        for place, name in enumerate(reversed(shown)):
            rows.append(name, place + 1)
        chart.addAxis(time, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(rows, Qt.AlignmentFlag.AlignLeft)
        for place, name in enumerate(reversed(shown)):
            area = _band(place, spans[name], duration_s)
            area.setColor(QColor(colours.get(name, "#808080")))
            area.setPen(QPen(Qt.PenStyle.NoPen))
            chart.addSeries(area)
            area.attachAxis(time)
            area.attachAxis(rows)


def _band(row: int, spans: Sequence[tuple[float, float]], duration_s: float) -> QAreaSeries:
    """A filled band in ``row`` over each span: the upper line steps up over a span and down
    after it; the lower line runs flat along the row's bottom. The band owns both lines, so
    they go when the chart drops it (every redraw)."""
    low, high = row + BAND[0], row + BAND[1]
    area = QAreaSeries()
    upper, lower = QLineSeries(area), QLineSeries(area)
    points = [QPointF(0, low)]
    for start, end in spans:
        points += [QPointF(start, low), QPointF(start, high), QPointF(end, high), QPointF(end, low)]
    points.append(QPointF(duration_s, low))
    upper.append(points)
    lower.append([QPointF(0, low), QPointF(duration_s, low)])
    area.setUpperSeries(upper)
    area.setLowerSeries(lower)
    return area

"""The statistics dock in the real window: airtime bars (checked against the segments'
frames), the label-by-time strip of the current video, redrawing after edits, the "By"
selector, and a click on a bar filtering the segment table through its own filter."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import pytest
from PySide6.QtCharts import QAreaSeries, QLineSeries
from window_helpers import LEFT, NO_MODIFIER

from annotator.domain.label import Vocabulary
from annotator.domain.segment import Segment
from annotator.project.project import Project
from annotator.resources import vocabulary_path
from annotator.ui.app_settings import AppSettings
from annotator.ui.main_window import MainWindow
from annotator.ui.segment_table_model import LABEL

# (video: 0 the 25 fps clip of 100 frames, 1 the 29.97 one of 120; label, start, end)
SEGMENTS = [
    (0, "laughter", 10, 20),
    (0, "laughter", 15, 30),  # overlaps the one before: counted once in the airtime
    (0, "driving", 30, 60),
    (0, "conversation", 80, 100),
    (1, "laughter", 40, 51),
    (1, "driving", 0, 120),
]


@pytest.fixture
def project_dir(tmp_path: Path, clip_25fps: Path, clip_2997: Path) -> Path:
    directory = tmp_path / "project"
    with Project.create(directory, Vocabulary.load(vocabulary_path("state-tv"))) as project:
        videos = [project.add_video(clip_25fps), project.add_video(clip_2997)]
        for video, name, start, end in SEGMENTS:
            label = project.store.label_by_name(name)
            assert label is not None
            assert label.id is not None
            project.store.add_segment(Segment(videos[video].id, label.id, start, end, annotator="ana"))
    return directory


@pytest.fixture
def window(open_window, settings: AppSettings, project_dir: Path) -> MainWindow:
    opened = open_window(settings, project_dir, 100)
    opened.statistics.dock.toggleViewAction().trigger()  # View ▸ Statistics
    return opened


FRAME_S = (Fraction(1, 25), Fraction(1001, 30000))  # each video's frame duration
FOOTAGE_S = 100 * FRAME_S[0] + 120 * FRAME_S[1]


def expected_shares() -> dict[str, float]:
    """Written apart from the statistics code: the frames each label covers, counted once."""
    frames: dict[str, set[tuple[int, int]]] = {}
    for video, name, start, end in SEGMENTS:
        frames.setdefault(name, set()).update((video, f) for f in range(start, end))
    return {name: float(sum(FRAME_S[v] for v, _ in covered) / FOOTAGE_S) for name, covered in frames.items()}


def bars(window: MainWindow) -> dict[str, float]:
    chart = window.statistics.panel.airtime
    assert chart.series is not None
    sets = chart.series.barSets()
    return {name: sets[i].at(i) / 100 for i, name in enumerate(chart.names)}


def test_airtime_bars_are_each_labels_share_of_the_footage(qtbot, window: MainWindow) -> None:
    qtbot.waitUntil(lambda: window.statistics.panel.airtime.series is not None, timeout=3000)
    shown = bars(window)
    assert shown == pytest.approx(expected_shares(), abs=1e-4)
    chart = window.statistics.panel.airtime
    assert sorted(chart.names) == ["conversation", "driving", "laughter"]
    tops = [chart.bar_point(name).y() for name in ("conversation", "driving", "laughter")]
    assert tops == sorted(tops)  # A to Z, top down
    colours = {label.name: label.colour for label in window.workspace.project.store.labels()}
    for index, name in enumerate(chart.names):
        assert chart.series.barSets()[index].color().name() == colours[name].lower()


def test_clicking_a_bar_filters_the_segment_table_to_that_label(qtbot, window: MainWindow) -> None:
    chart = window.statistics.panel.airtime
    qtbot.waitUntil(lambda: chart.series is not None, timeout=3000)
    table = window.views.table
    assert table.proxy.rowCount() == 4  # the first video's segments
    qtbot.mouseClick(chart.viewport(), LEFT, NO_MODIFIER, chart.bar_point("laughter"))
    assert table.label_filter.currentText() == "laughter"  # the table's own filter, set
    shown = [table.proxy.index(row, LABEL).data() for row in range(table.proxy.rowCount())]
    assert shown == ["laughter", "laughter"]
    assert window.table_dock.isVisible()
    qtbot.mouseClick(chart.viewport(), LEFT, NO_MODIFIER, chart.bar_point("conversation"))
    assert [table.proxy.index(row, LABEL).data() for row in range(table.proxy.rowCount())] == ["conversation"]


def test_by_video_and_a_click_makes_that_video_current(qtbot, window: MainWindow) -> None:
    panel = window.statistics.panel
    panel.by.setCurrentIndex(panel.by.findData("video"))
    videos = window.workspace.project.store.videos()
    qtbot.waitUntil(lambda: sorted(panel.airtime.names) == sorted(v.name for v in videos), timeout=3000)
    second = next(v for v in videos if v.info.frame_count == 120)
    assert bars(window)[second.name] == pytest.approx(1.0)  # driving covers all of it
    qtbot.mouseClick(panel.airtime.viewport(), LEFT, NO_MODIFIER, panel.airtime.bar_point(second.name))
    assert window.workspace.video.id == second.id


def strip(window: MainWindow) -> dict[str, list[tuple[float, float]]]:
    """The bands drawn: per row, each span where the upper line is raised."""
    chart = window.statistics.panel.strip
    found: dict[str, list[tuple[float, float]]] = {}
    areas = [s for s in chart.chart().series() if isinstance(s, QAreaSeries)]
    for row, (name, area) in enumerate(zip(reversed(chart.rows), areas, strict=True)):
        points = area.upperSeries().points()
        high = [p.x() for p in points if p.y() > row + 0.5]
        found[name] = [(round(high[i], 3), round(high[i + 1], 3)) for i in range(0, len(high), 2)]
    return found


def test_the_strip_shows_the_current_video_and_follows_edits(qtbot, window: MainWindow) -> None:
    qtbot.waitUntil(lambda: window.statistics.panel.strip.rows != [], timeout=3000)
    assert window.statistics.panel.strip.rows == ["laughter", "conversation", "driving"]  # vocabulary order
    assert strip(window) == {"driving": [(1.2, 2.4)], "laughter": [(0.4, 1.2)], "conversation": [(3.2, 4.0)]}
    document, store = window.workspace.document, window.workspace.project.store
    gift = store.label_by_name("gift exchange")
    added = document.add_segment(window.workspace.video.id, gift.id, 50, 75)
    qtbot.waitUntil(lambda: "gift exchange" in window.statistics.panel.airtime.names, timeout=3000)
    assert strip(window)["gift exchange"] == [(2.0, 3.0)]
    assert bars(window)["gift exchange"] == pytest.approx(float(25 * FRAME_S[0] / FOOTAGE_S), abs=1e-4)
    document.remove_segments([added.id])
    qtbot.waitUntil(lambda: "gift exchange" not in window.statistics.panel.airtime.names, timeout=3000)
    assert "gift exchange" not in strip(window)
    chart = window.statistics.panel.strip.chart()
    for _ in range(3):  # a redraw drops the old bands with their lines
        window.statistics.refresh()
    assert len(chart.findChildren(QLineSeries)) == 2 * 3

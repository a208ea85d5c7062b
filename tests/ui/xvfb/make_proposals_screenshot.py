"""Open the real window on the demo project, analyse its video, ask for more laughter like
the coded laughter, and save a screenshot showing shot boundaries, the sound lane and
proposals (ghosts) beside real segments.

Run under a real X server, as ``make_screenshot.py`` (``scripts/screenshot`` writes
``docs/screenshot-proposals.png``).
"""

from __future__ import annotations

import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from make_screenshot import _grab, build_project
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from annotator.ui.app_settings import AppSettings
from annotator.ui.main_window import MainWindow

TIMELINE_PX = 440  # a little taller than the default: the analysis adds a track
SHOWN_FRAMES = (0, 560)  # proposed laughter beside coded laughter, two cuts (250, 500)


def _spin(app: QApplication, until: Callable[[], bool], seconds: float = 300) -> None:
    deadline = time.monotonic() + seconds
    while not until() and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.02)


def main(out: Path) -> int:
    app = QApplication(sys.argv[:1])
    work = Path(tempfile.mkdtemp(prefix="annotator-proposals-"))
    project_dir = build_project(work / "state-visit")
    settings = AppSettings(work / "settings.ini")
    settings.annotator_name = "demo"
    window = MainWindow(settings=settings, ask_names=False)
    window.show()
    window.project_actions.open_project(project_dir)
    _spin(app, lambda: not window.runner.running and window.workspace.engine.frame_count > 0)
    window.keys.actions["Analyze this video"].trigger()
    _spin(app, lambda: not window.analysis.running)
    store = window.workspace.project.store
    window.analysis.more_like(store.label_by_name("laughter").id)
    _spin(app, lambda: not window.analysis.running and not window.runner.running)
    window.resizeDocks([window.timeline_dock], [TIMELINE_PX], Qt.Orientation.Vertical)
    _spin(app, lambda: False, 0.3)
    timeline = window.views.timeline
    first, last = SHOWN_FRAMES
    timeline.set_pixels_per_frame(timeline.viewport().width() / (last - first) * 0.85)
    timeline.horizontalScrollBar().setValue(
        round(timeline.scale.x(first)) + timeline.horizontalScrollBar().minimum()
    )
    window.workspace.seek(100)
    _spin(app, lambda: window.workspace.engine.current_frame == 100, 10)
    window.keys.actions["Next proposal"].trigger()  # selects the next proposal and plays it
    _spin(app, lambda: False, 0.8)
    window.workspace.engine.pause()
    timeline.verticalScrollBar().setValue(0)
    QTimer.singleShot(1500, lambda: _grab(window, out, app))
    return app.exec()


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))

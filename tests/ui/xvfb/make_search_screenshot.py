"""Open the real window on the demo project (with the extra segments of
``make_screenshot.py``) and save a screenshot of the search grid or the statistics dock
(its laughter bar clicked: the segment table shows laughter).

Run under a real X server: ``xvfb-run -a -s "-screen 0 1920x1080x24" python
tests/ui/xvfb/make_search_screenshot.py search|statistics OUT.png``. The search types a query
into the panel (Ctrl+F) and waits for every picture; ``scripts/screenshot`` takes both.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from annotator.ui.app_settings import AppSettings
from annotator.ui.main_window import MainWindow

sys.path.insert(0, str(Path(__file__).resolve().parent))
from make_screenshot import build_project

QUERY = "label:laughter label:conversation label:driving"


def wait(app: QApplication, done, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while not done() and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.02)


def main(mode: str, out: Path) -> int:
    app = QApplication(sys.argv[:1])
    work = Path(tempfile.mkdtemp(prefix="annotator-shot-"))
    project_dir = build_project(work / "state-visit")
    settings = AppSettings(work / "settings.ini")
    settings.annotator_name = "demo"
    window = MainWindow(settings=settings, ask_names=False)
    window.show()
    window.project_actions.open_project(project_dir)
    wait(app, lambda: not window.runner.running and window.workspace.engine.frame_count > 0)
    window.workspace.seek(363)
    if mode == "search":
        window.search.show_panel()  # Ctrl+F (no window manager here to make the window active)
        QTest.keyClicks(window.search.panel.query, QUERY)
        model = window.search.model
        wait(app, lambda: model.rowCount() > 0 and not model.missing_pictures())
        grid = window.search.panel.grid
        grid.setCurrentIndex(model.index(1, 0))
    else:
        window.statistics.dock.show()  # View ▸ Statistics
        chart = window.statistics.panel.airtime
        wait(app, lambda: "laughter" in chart.names)
        app.processEvents()
        QTest.mouseClick(chart.viewport(), Qt.MouseButton.LeftButton, pos=chart.bar_point("laughter"))
    QTimer.singleShot(1500, lambda: _grab(window, out, app))
    return app.exec()


def _grab(window: MainWindow, out: Path, app: QApplication) -> None:
    screen = window.screen()
    image = screen.grabWindow(window.winId()) if screen is not None else window.grab()
    if image.isNull() or image.width() < 100:
        image = window.grab()
    out.parent.mkdir(parents=True, exist_ok=True)
    ok = image.save(str(out))
    results = window.search.model.rowCount()
    print(f"screenshot {out} {image.width()}x{image.height()} results={results} saved={ok}", flush=True)
    window.close()
    app.exit(0 if ok else 1)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], Path(sys.argv[2])))

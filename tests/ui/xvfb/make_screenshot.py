"""Open the real window on a demo project with 20+ segments and save a screenshot.

Run under a real X server (``xvfb-run -a -s "-screen 0 1920x1080x24" python
tests/ui/xvfb/make_screenshot.py OUT.png``): the window opens as on a first run, filling the
screen with the default layout for its size, one segment selected and one being coded (its
bar growing to the playhead). The test suite does that, and ``scripts/screenshot`` takes the
three sizes in ``docs/``.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from annotator.domain.label import Vocabulary
from annotator.domain.segment import Segment
from annotator.project.demo import build_demo
from annotator.resources import vocabulary_path
from annotator.ui.app_settings import AppSettings
from annotator.ui.main_window import MainWindow

EXTRA = [  # (label, start, end, note): more segments so the timeline looks like real work
    ("conversation", 260, 330, "host and guest"),
    ("greeting/handshake", 505, 540, "handshake at the car"),
    ("driving", 800, 900, ""),
    ("laughter", 880, 905, ""),
    ("conversation", 1010, 1090, "about the horse"),
    ("vehicle showcase", 1120, 1240, ""),
    ("greeting/handshake", 1255, 1290, ""),
    ("conversation", 1380, 1470, "closing words"),
    ("gift exchange", 1400, 1440, "a box is opened"),
    ("driving", 40, 120, "opening drive"),
    ("animal interaction", 600, 660, "dogs run up"),
    ("laughter", 140, 160, ""),
]


def build_project(directory: Path) -> Path:
    project = build_demo(directory, Vocabulary.load(vocabulary_path("state-tv")), progress=lambda _m: None)
    video = project.store.videos()[0]
    with project.store.transaction():
        for name, start, end, note in EXTRA:
            label = project.store.label_by_name(name)
            assert label is not None
            assert label.id is not None
            project.store.add_segment(Segment(video.id, label.id, start, end, annotator="demo", note=note))
    project.close()
    return directory


def main(out: Path) -> int:
    app = QApplication(sys.argv[:1])
    work = Path(tempfile.mkdtemp(prefix="annotator-shot-"))
    project_dir = build_project(work / "state-visit")
    settings = AppSettings(work / "settings.ini")
    settings.annotator_name = "demo"
    window = MainWindow(settings=settings, ask_names=False)
    window.show()
    window.project_actions.open_project(project_dir)
    deadline = time.monotonic() + 120
    while (window.runner.running or window.workspace.engine.frame_count == 0) and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.02)
    store = window.workspace.project.store
    window.workspace.coding.press_label(store.label_by_name("animal interaction").id, 330)
    window.workspace.seek(363)
    window.views.timeline.select_segments(
        [s.id for s in window.workspace.project.store.segments() if s.start_frame == 350]
    )
    QTimer.singleShot(1500, lambda: _grab(window, out, app))
    return app.exec()


def _grab(window: MainWindow, out: Path, app: QApplication) -> None:
    screen = window.screen()
    image = screen.grabWindow(window.winId()) if screen is not None else window.grab()
    if image.isNull() or image.width() < 100:
        image = window.grab()
    out.parent.mkdir(parents=True, exist_ok=True)
    ok = image.save(str(out))
    count = len(window.workspace.project.store.segments()) if window.workspace.project else 0
    print(f"screenshot {out} {image.width()}x{image.height()} segments={count} saved={ok}", flush=True)
    window.close()
    app.exit(0 if ok else 1)


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))

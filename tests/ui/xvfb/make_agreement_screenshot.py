"""Open the real window on the demo project coded twice (by "demo" and, with some edges
off, some segments missed and some added, by "ana"), and save a screenshot of the whole
screen: the agreement dialog, the disagreements dock with one disagreement being played,
and the timeline with a lane per coder under each label.

Run under a real X server, as ``make_screenshot.py`` (``scripts/screenshot`` writes
``docs/screenshot-agreement.png``).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from make_proposals_screenshot import _spin
from make_screenshot import build_project
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from annotator.domain.segment import Segment
from annotator.project.project import Project
from annotator.ui.app_settings import AppSettings
from annotator.ui.main_window import MainWindow

TIMELINE_PX = 470
SHOWN_FRAMES = (0, 700)
SHIFTS = (0, 3, -2, 6, 0, -5, 1, 9, -1, 4)  # how far ana's edges are from demo's


def add_second_coder(directory: Path) -> None:
    """ana codes the same video: most segments again with edges a few frames off, every
    fifth one missed, and two of her own."""
    with Project.open(directory) as project:
        store = project.store
        mine = sorted(store.segments(), key=lambda s: (s.start_frame, s.id))
        coded = []
        for place, segment in enumerate(mine):
            if place % 5 == 4:
                continue
            shift = SHIFTS[place % len(SHIFTS)]
            frames = store.frame_count(segment.video_id)
            start = min(max(segment.start_frame + shift, 0), frames - 1)
            end = min(max(segment.end_frame + SHIFTS[(place + 3) % len(SHIFTS)], start + 1), frames)
            coded.append(Segment(segment.video_id, segment.label_id, start, end, annotator="ana"))
        video = store.videos()[0]
        for name, start, end in (("laughter", 420, 445), ("conversation", 560, 600)):
            label = store.label_by_name(name)
            assert label is not None
            assert label.id is not None
            coded.append(Segment(video.id, label.id, start, end, annotator="ana"))
        store.add_segments(coded)


def main(out: Path) -> int:
    app = QApplication(sys.argv[:1])
    work = Path(tempfile.mkdtemp(prefix="annotator-agreement-"))
    project_dir = build_project(work / "state-visit")
    add_second_coder(project_dir)
    settings = AppSettings(work / "settings.ini")
    settings.annotator_name = "demo"
    window = MainWindow(settings=settings, ask_names=False)
    window.show()
    window.project_actions.open_project(project_dir)
    _spin(app, lambda: not window.runner.running and window.workspace.engine.frame_count > 0)
    window.resizeDocks([window.timeline_dock], [TIMELINE_PX], Qt.Orientation.Vertical)
    window.keys.actions["Lanes per coder"].trigger()
    _spin(app, lambda: False, 0.3)
    timeline = window.views.timeline
    first, last = SHOWN_FRAMES
    timeline.set_pixels_per_frame(timeline.viewport().width() / (last - first) * 0.85)
    window.disagreements.show(("demo", "ana"))
    window.workspace.seek(300)
    _spin(app, lambda: window.workspace.engine.current_frame == 300, 10)
    window.keys.actions["Next disagreement"].trigger()  # selects it and plays it with pre-roll
    _spin(app, lambda: False, 1.0)
    window.workspace.engine.pause()
    timeline.horizontalScrollBar().setValue(timeline.horizontalScrollBar().minimum())
    timeline.verticalScrollBar().setValue(0)
    window.keys.actions["Agreement…"].trigger()
    dialog = window.agreement.dialog
    _spin(app, lambda: "frames" in dialog.status.text(), 30)
    dialog.move(window.geometry().left() + 8, window.geometry().top() + 75)
    QTimer.singleShot(1500, lambda: _grab_screen(window, out, app))
    return app.exec()


def _grab_screen(window: MainWindow, out: Path, app: QApplication) -> None:
    """The whole screen: the dialog is a window of its own, over the main one."""
    screen = window.screen()
    image = screen.grabWindow(0)
    out.parent.mkdir(parents=True, exist_ok=True)
    ok = image.save(str(out))
    count = len(window.workspace.project.store.segments()) if window.workspace.project else 0
    print(f"screenshot {out} {image.width()}x{image.height()} segments={count} saved={ok}", flush=True)
    window.close()
    app.exit(0 if ok else 1)


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))

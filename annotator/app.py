"""The desktop app's composition root: check for a display, build the window, run."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

NO_DISPLAY_MESSAGE = (
    "annotator: no display found (DISPLAY and WAYLAND_DISPLAY are unset).\n"
    "  Run it in a desktop session, or on a headless machine:\n"
    "    apt-get install xvfb && xvfb-run -a annotator PROJECT\n"
    "  or set QT_QPA_PLATFORM=offscreen to run without showing anything."
)


def display_problem(environ: dict[str, str] | None = None, platform: str = sys.platform) -> str | None:
    """Why Qt could not open a window here, or None when it can (checked before Qt aborts)."""
    env = os.environ if environ is None else environ
    if not platform.startswith("linux"):
        return None
    if env.get("QT_QPA_PLATFORM") or env.get("DISPLAY") or env.get("WAYLAND_DISPLAY"):
        return None
    return NO_DISPLAY_MESSAGE


def report_lost_server(show: Callable[[str], None]) -> Callable[[], None]:
    """Show in the window a lost server that a view met while reading (a team project whose
    server went away): Qt hands an exception raised in a slot to ``sys.excepthook``. Other
    exceptions go on to the hook there was. Returns what puts that hook back."""
    from annotator.storage.errors import StoreConnectionError

    previous = sys.excepthook

    def hook(kind: type[BaseException], error: BaseException, trace: TracebackType | None) -> None:
        if isinstance(error, StoreConnectionError):
            show(f"{error} The window shows what it last read; it refreshes when the server is back.")
            return
        previous(kind, error, trace)

    sys.excepthook = hook

    def restore() -> None:
        sys.excepthook = previous

    return restore


def run_app(project: Path | str | None = None, argv: list[str] | None = None) -> int:
    """Open the main window (on ``project`` if given) and run until it closes."""
    problem = display_problem()
    if problem:
        print(problem, file=sys.stderr)
        return 2
    from PySide6.QtWidgets import QApplication

    from annotator.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv[:1])
    app.setOrganizationName("Annotator")
    app.setApplicationName("Annotator")
    window = MainWindow()
    report_lost_server(lambda message: window.statusBar().showMessage(message, 15000))
    window.show()
    if project is not None:
        window.project_actions.open_project(project)
    return app.exec()

"""A view that meets a lost server while reading says so in the status bar, not in a
traceback on stderr (Qt passes an exception raised in a slot to ``sys.excepthook``)."""

from __future__ import annotations

import sys

from PySide6.QtCore import QTimer

from annotator.app import report_lost_server
from annotator.storage.errors import StoreConnectionError


def test_a_lost_server_met_in_a_slot_is_shown(qtbot) -> None:
    shown: list[str] = []
    others: list[BaseException] = []
    before = sys.excepthook
    sys.excepthook = lambda kind, error, trace: others.append(error)
    restore = report_lost_server(shown.append)
    try:

        def reads() -> None:
            raise StoreConnectionError("postgresql://ann@db/news: lost the connection to the server")

        def fails() -> None:
            raise RuntimeError("a bug")

        QTimer.singleShot(0, reads)
        QTimer.singleShot(0, fails)
        qtbot.waitUntil(lambda: bool(shown) and bool(others), timeout=5000)
    finally:
        restore()
        sys.excepthook = before
    assert shown == [
        "postgresql://ann@db/news: lost the connection to the server The window shows what it last "
        "read; it refreshes when the server is back."
    ]
    assert [str(error) for error in others] == ["a bug"]

"""PySide6 6.12.0 on CPython 3.11 drops a reference to None on every void call and aborts
after a few thousand (``Fatal Python error: none_dealloc``). Run 20,000 void calls in a
fresh process so a regression kills that process, not the test run."""

import subprocess
import sys

import PySide6

STRESS = """
import sys
from PySide6.QtCore import QObject, QPointF, QTimer
from PySide6.QtWidgets import QApplication, QWidget
app = QApplication(sys.argv[:1])
widget = QWidget()
obj = QObject()
timer = QTimer()
point = QPointF()
for i in range(5000):
    obj.setObjectName("x")          # void
    widget.setWindowTitle("t")      # void
    timer.stop()                    # void
    point.setX(float(i))            # void
print("ok", sys.getrefcount(None) > 0)
"""


def test_pyside6_is_pinned_below_6_12() -> None:
    major, minor = (int(part) for part in PySide6.__version__.split(".")[:2])
    assert (major, minor) == (6, 11), PySide6.__version__


def test_twenty_thousand_void_calls_do_not_abort() -> None:
    env = {"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"}
    result = subprocess.run(
        [sys.executable, "-c", STRESS], capture_output=True, text=True, env=env, timeout=120, check=False
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "ok True"

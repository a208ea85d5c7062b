"""A pytest plugin that fails a stuck test, whatever it is stuck in, with every stack.

pytest-timeout's thread needs the GIL, so a test deadlocked in native code while holding
the GIL (as the old Qt Multimedia player did) is never stopped by it. This plugin starts a
small process beside the test process and tells it when each test starts and ends. When a
test runs past its deadline, that process prints every thread's native stack (gdb) and
sends SIGABRT; faulthandler, which pytest enables, then prints every thread's Python stack
from C (no GIL needed) and the test process ends with a failure.

Deadline: ``ANNOTATOR_TEST_DEADLINE_S`` seconds (default 240), a test's
``@pytest.mark.timeout(N)`` plus 30 s if that is longer.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

DEFAULT_DEADLINE_S = 240.0
_PR_SET_PTRACER = 0x59616D61


def _deadline_s(item: pytest.Item) -> float:
    deadline = float(os.environ.get("ANNOTATOR_TEST_DEADLINE_S", DEFAULT_DEADLINE_S))
    marker = item.get_closest_marker("timeout")
    if marker is not None and marker.args:
        deadline = max(deadline, float(marker.args[0]) + 30)
    return deadline


def _allow_tracing_by(pid: int) -> None:
    """Let the watchdog attach gdb to this process under Yama's ptrace_scope=1."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PTRACER, pid, 0, 0, 0)


class Watchdog:
    """The test process's end of the watchdog."""

    def __init__(self) -> None:
        script = Path(__file__).with_name("hang_watchdog_process.py")
        self._process = subprocess.Popen(
            [sys.executable, str(script), str(os.getpid())],
            stdin=subprocess.PIPE,
            text=True,
        )
        _allow_tracing_by(self._process.pid)

    def _say(self, line: str) -> None:
        assert self._process.stdin is not None
        with contextlib.suppress(OSError):
            self._process.stdin.write(line + "\n")
            self._process.stdin.flush()

    def started(self, nodeid: str, deadline_s: float) -> None:
        self._say(f"start {deadline_s} {nodeid}")

    def ended(self) -> None:
        self._say("end")

    def close(self) -> None:
        with contextlib.suppress(OSError):
            assert self._process.stdin is not None
            self._process.stdin.close()
        with contextlib.suppress(subprocess.TimeoutExpired):
            self._process.wait(10)


_watchdog: Watchdog | None = None


def pytest_configure(config: pytest.Config) -> None:
    global _watchdog
    if os.environ.get("ANNOTATOR_TEST_DEADLINE_S") != "0":
        _watchdog = Watchdog()


def pytest_unconfigure(config: pytest.Config) -> None:
    global _watchdog
    if _watchdog is not None:
        _watchdog.close()
        _watchdog = None


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item: pytest.Item, nextitem: pytest.Item | None) -> Iterator[None]:
    if _watchdog is not None:
        _watchdog.started(item.nodeid, _deadline_s(item))
    yield
    if _watchdog is not None:
        _watchdog.ended()

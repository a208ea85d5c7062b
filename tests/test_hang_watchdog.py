"""The suite cannot hang: a test stuck in native code while holding the GIL fails, with
every thread's native and Python stack in the log."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

TESTS = Path(__file__).parent

STUCK = """
import ctypes, threading, time

def test_stuck_holding_the_gil():
    helper = threading.Thread(target=time.sleep, args=(600,), name="helper-thread", daemon=True)
    helper.start()
    ctypes.PyDLL(None).sleep(600)  # PyDLL keeps the GIL: no Python thread can run now


def test_never_reached():
    pass
"""

CONFTEST = f"""
import sys
sys.path.insert(0, {str(TESTS)!r})
from hang_watchdog import pytest_configure, pytest_runtest_protocol, pytest_unconfigure
"""


def test_a_test_stuck_holding_the_gil_fails_with_every_stack(tmp_path: Path) -> None:
    (tmp_path / "conftest.py").write_text(CONFTEST)
    (tmp_path / "test_stuck.py").write_text(STUCK)
    env = {**os.environ, "ANNOTATOR_TEST_DEADLINE_S": "3"}
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-o", "addopts=", "-o", "timeout=0",
         "test_stuck.py"],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=180, check=False,
    )  # fmt: skip
    took_s = time.monotonic() - started
    log = result.stdout + result.stderr
    assert result.returncode != 0
    assert took_s < 120
    assert "test_stuck.py::test_stuck_holding_the_gil has run for more than 3 s" in log
    assert "Thread 1" in log  # gdb's native stacks
    assert "sleep" in log
    assert "Fatal Python error: Aborted" in log  # faulthandler, from C, with the GIL held
    assert 'File "' in log
    assert 'test_stuck.py", line 7 in test_stuck_holding_the_gil' in log
    assert "helper-thread" in log or log.count("Thread 0x") >= 2  # every Python thread
    assert "test_never_reached PASSED" not in log

"""The watchdog's own process (see ``hang_watchdog.py``): ``python hang_watchdog_process.py PID``.

Reads ``start DEADLINE_S NODEID`` and ``end`` lines from the test process on stdin. When a
test outlives its deadline: every thread's native stack (gdb), then SIGABRT, so that
faulthandler prints every thread's Python stack and the test process dies; then SIGKILL
if it is still there. Ends when stdin closes (the test process is done or gone).
"""

from __future__ import annotations

import os
import select
import shutil
import signal
import subprocess
import sys
import time


def _native_stacks(pid: int) -> None:
    gdb = shutil.which("gdb")
    if gdb is None:
        print("watchdog: gdb is not installed: no native stacks", file=sys.stderr, flush=True)
        return
    command = [gdb, "-p", str(pid), "-batch", "-nx", "-ex", "set pagination off"]
    command += ["-ex", "thread apply all bt"]
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    except subprocess.TimeoutExpired:
        print("watchdog: gdb did not answer within 120 s", file=sys.stderr, flush=True)
        return
    print(result.stdout, file=sys.stderr, flush=True)


def _fire(pid: int, nodeid: str, deadline_s: float) -> None:
    print(
        f"\nwatchdog: {nodeid} has run for more than {deadline_s:g} s: every thread's native stack,"
        " then SIGABRT for every thread's Python stack",
        file=sys.stderr,
        flush=True,
    )
    _native_stacks(pid)
    try:
        os.kill(pid, signal.SIGABRT)
        if not _ends_within(20):  # faulthandler prints, then the process aborts
            os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def _ends_within(seconds: float) -> bool:
    """True once the test process has gone: its end of our stdin closes (a zombie still
    answers kill(pid, 0), so the pipe is the reliable sign)."""
    deadline = time.monotonic() + seconds
    while (left := deadline - time.monotonic()) > 0:
        ready, _, _ = select.select([sys.stdin], [], [], left)
        if ready and not sys.stdin.readline():
            return True
    return False


def main(pid: int) -> None:
    due: float | None = None
    nodeid, deadline_s = "", 0.0
    while True:
        timeout = None if due is None else max(0.0, due - time.monotonic())
        ready, _, _ = select.select([sys.stdin], [], [], timeout)
        if ready:
            line = sys.stdin.readline()
            if not line:
                return
            words = line.split(maxsplit=2)
            if words[0] == "start":
                deadline_s, nodeid = float(words[1]), words[2].strip()
                due = time.monotonic() + deadline_s
            else:
                due = None
        elif due is not None and time.monotonic() >= due:
            _fire(pid, nodeid, deadline_s)
            return


if __name__ == "__main__":
    main(int(sys.argv[1]))

"""The command under test started as a child process that Ctrl+C reaches."""

from __future__ import annotations

import os
import signal
import subprocess
from collections.abc import Sequence


def start_interruptible(command: Sequence[str]) -> subprocess.Popen[str]:
    """``command`` with its stderr piped as text; it gets Ctrl+C even if this process ignores
    it (a mutation run's worker does, and a child inherits that)."""
    return subprocess.Popen(
        command, stderr=subprocess.PIPE, text=True, env={**os.environ}, preexec_fn=_sigint_as_usual
    )


def _sigint_as_usual() -> None:
    """In the child before it starts: Ctrl+C back to the default, which Python then handles."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)

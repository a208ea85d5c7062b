"""Child processes for tests: the command under test started so that Ctrl+C reaches it, and
Python run as an unprivileged user (``without_privileges``)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Sequence

NOBODY = 65534
# Run after the script's imports (the code may sit where only its owner can read): as root
# (as CI is), become nobody, since root reads and writes any file whatever its permissions.
_BECOME_NOBODY = f"""
import os
if os.geteuid() == 0:
    os.setgroups([])
    os.setgid({NOBODY})
    os.setuid({NOBODY})
"""


def start_interruptible(command: Sequence[str]) -> subprocess.Popen[str]:
    """``command`` with its stderr piped as text; it gets Ctrl+C even if this process ignores
    it (a mutation run's worker does, and a child inherits that)."""
    return subprocess.Popen(
        command, stderr=subprocess.PIPE, text=True, env={**os.environ}, preexec_fn=_sigint_as_usual
    )


def _sigint_as_usual() -> None:
    """In the child before it starts: Ctrl+C back to the default, which Python then handles."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def without_privileges(imports: str, body: str, *args: str) -> subprocess.CompletedProcess[str]:
    """Run ``imports``, become nobody when root, then run ``body``, with ``args`` as argv."""
    script = imports + _BECOME_NOBODY + body
    return subprocess.run([sys.executable, "-c", script, *args], capture_output=True, text=True, timeout=60)

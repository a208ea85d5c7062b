"""A private PulseAudio server with one null sink, and a recorder of what it plays.

This machine (and CI) has no sound card; a null sink consumes sound at the real rate, and
its monitor gives back what was played, so the player's sound can be tested and its sync
with the picture measured for real. Used by the sound tests and ``bench_av_sync``.

The server listens on a socket of its own (``address`` goes in ``PULSE_SERVER``, which must
be set before Qt Multimedia starts), loads no configuration of the machine's, and runs as
root too (it warns; ``-n`` keeps it from touching system settings).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import threading
import time
from pathlib import Path

import numpy as np

RATE = 48_000


def available() -> bool:
    return shutil.which("pulseaudio") is not None and shutil.which("parec") is not None


class PulseServer:
    """``with PulseServer(folder) as server:`` a running server at ``server.address``."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        self.address = f"unix:{self.folder / 'native'}"
        self._process: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> PulseServer:
        self.folder.mkdir(parents=True, exist_ok=True)
        env = {**os.environ, "HOME": str(self.folder), "XDG_RUNTIME_DIR": str(self.folder),
               "PULSE_RUNTIME_PATH": str(self.folder)}  # fmt: skip
        command = [
            "pulseaudio", "-n", "--daemonize=no", "--exit-idle-time=-1", "--use-pid-file=no",
            "--disable-shm=yes", "--log-target=stderr",
            "-L", f"module-native-protocol-unix socket={self.folder / 'native'} auth-anonymous=1",
            "-L", f"module-null-sink sink_name=null rate={RATE}",
        ]  # fmt: skip
        log = (self.folder / "server.log").open("wb")
        self._process = subprocess.Popen(command, env=env, stdout=log, stderr=log)
        deadline = time.monotonic() + 20
        while not self._answers():
            if self._process.poll() is not None or time.monotonic() > deadline:
                self.__exit__()
                raise RuntimeError(f"pulseaudio did not start: see {self.folder / 'server.log'}")
            time.sleep(0.1)
        return self

    def __exit__(self, *_: object) -> None:
        if self._process is not None:
            self._process.terminate()
            try:
                self._process.wait(10)
            except subprocess.TimeoutExpired:
                self._process.kill()
            self._process = None

    def _answers(self) -> bool:
        result = subprocess.run(
            ["pactl", f"--server={self.address}", "info"], capture_output=True, timeout=10, check=False
        )
        return result.returncode == 0

    def recorder(self) -> Recorder:
        return Recorder(self.address)


class Recorder:
    """Records the null sink's monitor (mono, ``RATE``), stamping when each sample played.

    A chunk's samples were played at the latest when the chunk arrived. The null sink's
    clock need not run at exactly ``RATE`` by ``time.monotonic()``, so samples are not
    dated by counting at the nominal rate: ``stop`` fits a line under the arrival times
    (the earliest arrival, relative to the samples before it, in each 10 s stretch), which
    gives both the time of sample 0 and the sink's real rate.
    """

    def __init__(self, address: str) -> None:
        command = ["parec", f"--server={address}", "--device=null.monitor", "--raw", "--format=s16le",
                   f"--rate={RATE}", "--channels=1", "--latency-msec=5"]  # fmt: skip
        self._process = subprocess.Popen(command, stdout=subprocess.PIPE)
        self._chunks: list[bytes] = []
        self._arrivals: list[tuple[float, int]] = []  # (time, samples received by then)
        self._count = 0
        self._thread = threading.Thread(target=self._read, daemon=True)
        self._thread.start()

    def _read(self) -> None:
        assert self._process.stdout is not None
        while data := self._process.stdout.read1(4096):
            now = time.monotonic()
            self._chunks.append(data)
            self._count += len(data) // 2
            self._arrivals.append((now, self._count))

    def stop(self) -> tuple[SampleClock, np.ndarray]:
        """When each sample played, and the samples (floats, -1..1)."""
        self._process.terminate()
        self._process.wait(10)
        self._thread.join(10)
        samples = np.frombuffer(b"".join(self._chunks), np.int16).astype(np.float64) / 32768
        return SampleClock.fit(self._arrivals), samples


class SampleClock:
    """``time.monotonic()`` of sample ``k``: ``first_s + k / rate``."""

    def __init__(self, first_s: float, rate: float) -> None:
        self.first_s = first_s
        self.rate = rate

    @classmethod
    def fit(cls, arrivals: list[tuple[float, int]], stretch_s: float = 10.0) -> SampleClock:
        """The line under the arrivals: in each stretch, the arrival earliest relative to its
        samples at the nominal rate; a least-squares line through those points."""
        if not arrivals:
            return cls(0.0, RATE)
        start = arrivals[0][0]
        best: dict[int, tuple[float, int]] = {}
        for arrived_s, count in arrivals:
            key = int((arrived_s - start) // stretch_s)
            if key not in best or arrived_s - count / RATE < best[key][0] - best[key][1] / RATE:
                best[key] = (arrived_s, count)
        if len(best) < 3:
            arrived_s, count = min(best.values(), key=lambda point: point[0] - point[1] / RATE)
            return cls(arrived_s - count / RATE, RATE)
        counts = np.array([count for _, count in best.values()], np.float64)
        times = np.array([arrived_s for arrived_s, _ in best.values()])
        slope, intercept = np.polyfit(counts, times, 1)
        return cls(float(intercept), 1 / float(slope))

    def at(self, sample: int) -> float:
        return self.first_s + sample / self.rate


def onsets_s(
    clock: SampleClock, samples: np.ndarray, threshold: float = 0.05, quiet_s: float = 0.1
) -> list[float]:
    """``time.monotonic()`` times at which a sound starts after at least ``quiet_s`` of quiet."""
    loud = np.abs(samples) > threshold
    starts = np.flatnonzero(loud[1:] & ~loud[:-1]) + 1
    gap = int(quiet_s * RATE)
    return [clock.at(int(s)) for s in starts if not loud[max(0, s - gap) : s].any()]


def flash_offsets_ms(
    painted: list[tuple[int, float]], onsets: list[float], frames_per_flash: int
) -> list[float]:
    """For each flash painted (every ``frames_per_flash``-th frame but the first), the
    time it was painted minus the nearest beep's, in ms (positive: the picture is late)."""
    offsets = []
    for frame, painted_s in painted:
        if frame % frames_per_flash == 0 and frame > 0 and onsets:
            nearest = min(onsets, key=lambda onset: abs(onset - painted_s))
            if abs(nearest - painted_s) < 0.5:
                offsets.append((painted_s - nearest) * 1000)
    return offsets

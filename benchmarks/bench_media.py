"""Media benchmark: proxy build speed, exact random frame fetch and one-frame-back steps.

On a 1080p25 H.264 clip with GOP 250 and B-frames (made once, cached under the system
temp dir, never committed) and on its proxy: random exact fetch over 100 targets from the
original and the proxy with each frame source backend (PyAV, OpenCV), side by side with
plain OpenCV ``CAP_PROP_POS_FRAMES`` + read (wrong frames counted by pixels everywhere);
one-frame-back steps with the cache, the PyAV source side by side with its previous strategy
("pyav-eager": every frame of a backward run converted to RGB as it is decoded, where the
source now converts only the frame asked for); proxy build time as a multiple of real time (wall and
CPU, the CPU figure being the one that survives a loaded machine), with the settings before
this round (bicubic scale, AAC re-encoded, x264's default threads) beside it.
Prints one JSON line per figure.
Run from the repository root: ``.venv/bin/python -m benchmarks.bench_media [--quick]``.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import statistics
import subprocess
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import cv2

from annotator.domain.video_info import VideoInfo
from annotator.media.backends.pyav import PyAVFrameSource
from annotator.media.frame_source import FrameSource, open_frame_source
from annotator.media.probe import probe, probe_with_index
from annotator.media.proxy import build_proxy, proxy_command, verify_proxy
from annotator.media.synthetic import make_numbered_clip, read_frame_number

CACHE = Path(tempfile.gettempdir()) / "annotator-bench-media"
CODEC = ("-c:v", "libx264", "-preset", "veryfast", "-g", "250", "-bf", "3", "-pix_fmt", "yuv420p")


class EagerPyAVFrameSource(PyAVFrameSource):
    """The PyAV source before lazy conversion: each frame of a backward run is converted to
    RGB as it is decoded (kept here only to measure both strategies in one run)."""

    def _keep(self) -> None:
        self._cache.put(self._position, self._rgb(self._decoded_frame()))


ENGINES: dict[str, Callable[[Path], FrameSource]] = {
    "pyav": lambda path: open_frame_source(path, backend="pyav"),
    "pyav-eager": lambda path: EagerPyAVFrameSource(path, probe_with_index(path)[1]),
    "opencv": lambda path: open_frame_source(path, backend="opencv"),
}


def emit(figure: str, value: float, unit: str, target: str = "", **extra: object) -> None:
    print(
        json.dumps({"figure": figure, "value": round(value, 2), "unit": unit, "target": target, **extra}),
        flush=True,
    )


def stats(samples: list[float]) -> tuple[float, float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[max(0, round(0.95 * len(ordered)) - 1)], ordered[-1]


def make_clip(seconds: int) -> Path:
    clip = CACHE / f"numbered_1080p25_gop250_{seconds}s.mp4"
    if not clip.exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        partial = clip.with_name("partial-" + clip.name)
        make_numbered_clip(partial, frames=25 * seconds, size=(1920, 1080), codec_args=CODEC, audio=True)
        partial.replace(clip)
    return clip


def timed_fetch(fetch: Callable[[int], object], targets: list[int]) -> tuple[list[float], int]:
    """Milliseconds per fetch, and how many fetched frames were not the target."""
    times, wrong = [], 0
    for target in targets:
        started = time.perf_counter()
        frame = fetch(target)
        times.append((time.perf_counter() - started) * 1000)
        wrong += frame is None or read_frame_number(frame) != target
    return times, wrong


def opencv_fetch(path: Path) -> Callable[[int], object]:
    capture = cv2.VideoCapture(str(path), cv2.CAP_FFMPEG)

    def fetch(target: int) -> object:
        capture.set(cv2.CAP_PROP_POS_FRAMES, target)
        ok, frame = capture.read()
        return frame if ok else None

    return fetch


def report_fetch(name: str, path: Path, targets: list[int], target: str) -> None:
    for backend, opener in ENGINES.items():
        with opener(path) as source:
            source.frame(0)
            times, wrong = timed_fetch(source.frame, targets)
        median, p95, worst = stats(times)
        label = f"random fetch {name} {backend}"
        emit(f"{label} median", median, "ms", target.split(",")[0], wrong_frames=wrong, of=len(targets))
        emit(f"{label} p95", p95, "ms", target.split(",")[-1], max_ms=round(worst, 1))
    times, wrong = timed_fetch(opencv_fetch(path), targets)
    median, p95, worst = stats(times)
    emit(f"OpenCV POS_FRAMES {name} median", median, "ms", "", wrong_frames=wrong, of=len(targets))
    emit(f"OpenCV POS_FRAMES {name} p95", p95, "ms", "", max_ms=round(worst, 1))


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def previous_proxy_command(clip: Path, info: VideoInfo, output: Path) -> list[str]:
    """The proxy command before this round: bicubic scale, AAC re-encoded, default threads."""
    command = proxy_command(clip, info, output)
    scale = next(i for i, part in enumerate(command) if part.startswith("scale="))
    command[scale] = command[scale].removesuffix(":flags=fast_bilinear")
    threads = command.index("-threads")
    del command[threads : threads + 2]
    return command


def report_build(clip: Path, info: VideoInfo, proxy: Path) -> None:
    seconds = float(info.duration_s)
    started, cpu = time.perf_counter(), cpu_seconds()
    build_proxy(clip, info, proxy)
    build_s, build_cpu = time.perf_counter() - started, cpu_seconds() - cpu
    emit("proxy build speed", seconds / build_s, "x real time", ">= 8", seconds=round(build_s, 1))
    emit("proxy build CPU per minute of video", build_cpu * 60 / seconds, "CPU s", "")
    before = proxy.with_name("previous-" + proxy.name)
    started, cpu = time.perf_counter(), cpu_seconds()
    subprocess.run(previous_proxy_command(clip, info, before), check=True, capture_output=True)
    build_s, build_cpu = time.perf_counter() - started, cpu_seconds() - cpu
    assert verify_proxy(before, info)
    before.unlink()
    emit(
        "previous proxy settings build speed", seconds / build_s, "x real time", "", seconds=round(build_s, 1)
    )
    emit("previous proxy settings CPU per minute of video", build_cpu * 60 / seconds, "CPU s", "")


def step_back(source: FrameSource, starts: list[int], steps: int) -> tuple[list[float], int]:
    times, wrong = [], 0
    for start in starts:
        source.frame(start)
        for target in range(start - 1, start - 1 - steps, -1):
            began = time.perf_counter()
            frame = source.frame(target)
            times.append((time.perf_counter() - began) * 1000)
            wrong += read_frame_number(frame) != target
    return times, wrong


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="a 12 s clip and 30 targets")
    quick = parser.parse_args().quick
    seconds, count = (12, 30) if quick else (60, 100)
    clip = make_clip(seconds)
    info = probe(clip)
    proxy = CACHE / f"proxy-{clip.name}"
    report_build(clip, info, proxy)
    rng = random.Random(7)
    targets = [rng.randrange(info.frame_count) for _ in range(count)]
    report_fetch("original 1080p", clip, targets, "")
    report_fetch("proxy 960x540", proxy, targets, "<= 10,<= 25")
    starts = [rng.randrange(30, info.frame_count) for _ in range(max(3, count // 10))]
    for name, path, target in (("proxy", proxy, "<= 10"), ("original", clip, "")):
        for backend, opener in ENGINES.items():
            with opener(path) as source:
                times, wrong = step_back(source, starts, 24)
            median, p95, worst = stats(times)
            emit(f"step back {name} {backend} median", median, "ms", target, wrong_frames=wrong)
            emit(f"step back {name} {backend} p95", p95, "ms", "", max_ms=round(worst, 1))


if __name__ == "__main__":
    main()

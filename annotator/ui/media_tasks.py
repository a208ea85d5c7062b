"""Per-video background work: proxy, waveform peaks and filmstrip, with progress."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QImage

from annotator.domain.video import Video
from annotator.media.proxy import build_proxy
from annotator.media.thumbnails import cached_filmstrip, filmstrip_frames
from annotator.media.waveform import waveform_peaks
from annotator.project.project import Project
from annotator.ui.background import TaskRunner

FILMSTRIP_COUNT = 60
FILMSTRIP_HEIGHT = 54


def array_to_qimage(rgb: np.ndarray) -> QImage:
    """A deep-copied QImage of an HxWx3 uint8 RGB array (safe once the array is gone)."""
    data = np.ascontiguousarray(rgb, dtype=np.uint8)
    height, width = data.shape[:2]
    return QImage(data.data, width, height, 3 * width, QImage.Format.Format_RGB888).copy()


class MediaTasks(QObject):
    """Starts the slow work for a video and reports results for the video they belong to."""

    proxy_ready = Signal(int, str)  # video id, proxy path
    waveform_ready = Signal(int, object)  # video id, peaks (N, 2)
    thumbnails_ready = Signal(int, list)  # video id, [(frame, QImage)]
    failed = Signal(str)

    def __init__(self, runner: TaskRunner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self._names: set[str] = set()  # the tasks it submitted: it reports their failures only
        runner.task_failed.connect(self._on_runner_task_failed)

    def start(self, project: Project, video: Video, source: Path, proxy: Path | None) -> None:
        """Build what is missing; results arrive by signal (from cache almost at once)."""
        cache, info, video_id = project.cache, video.info, video.id
        if proxy is None:
            target = cache.proxy_path(video.fingerprint)
            self._submit(
                f"Building proxy of {video.name}",
                lambda progress: build_proxy(source, info, target, progress),
                lambda path: self._after_proxy(project, video, source, Path(path)),
            )
        else:
            self._start_filmstrip(project, video, proxy)
        self._submit(
            f"Reading sound of {video.name}",
            lambda progress: waveform_peaks(source, progress, cache=cache),
            lambda peaks: self.waveform_ready.emit(video_id, peaks),
        )

    def _after_proxy(self, project: Project, video: Video, source: Path, proxy: Path) -> None:
        self.proxy_ready.emit(video.id, str(proxy))
        self._start_filmstrip(project, video, proxy)

    def _start_filmstrip(self, project: Project, video: Video, proxy: Path) -> None:
        count = min(FILMSTRIP_COUNT, video.info.frame_count)
        frames = filmstrip_frames(video.info.frame_count, count)
        cache, video_id = project.cache, video.id

        def done(strip: np.ndarray) -> None:
            images = [array_to_qimage(image) for image in strip]
            self.thumbnails_ready.emit(video_id, list(zip(frames, images, strict=False)))

        self._submit(
            f"Making filmstrip of {video.name}",
            lambda progress: cached_filmstrip(proxy, count, FILMSTRIP_HEIGHT, cache, progress),
            done,
        )

    def _submit(self, name: str, work: Callable[[Callable[[float], None]], object], done: Callable) -> None:  # type: ignore[type-arg]
        self._names.add(name)
        self.runner.submit(name, work, done)

    def _on_runner_task_failed(self, name: str, message: str) -> None:
        if name in self._names:
            self.failed.emit(f"{name} failed: {message}")

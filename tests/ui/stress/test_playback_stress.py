"""Playback under stress, in one process: 300 cycles of switching videos, playing, pausing,
seeking, stepping both ways, reverse play, a proxy swap while playing and review mode on
and off in the real window, with real keys; then 50 windows opened, used and closed.

Every picture is checked by the frame number drawn in its pixels. A hang fails the wait
that hit it (or, if native code holds the GIL, the suite's watchdog); a crash kills the
process, which fails the run.
"""

from __future__ import annotations

import random
import time
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage

from annotator.media.synthetic import read_frame_number
from annotator.ui.app_settings import AppSettings
from annotator.ui.main_window import MainWindow

CYCLES = 300
WINDOWS = 50
WAIT_MS = 5000
CTRL = Qt.KeyboardModifier.ControlModifier


def pixels(image: QImage) -> int:
    rgb = image.convertToFormat(QImage.Format.Format_RGB888)
    rows = np.frombuffer(rgb.constBits(), np.uint8).reshape(rgb.height(), rgb.bytesPerLine())
    return read_frame_number(rows[:, : rgb.width() * 3].reshape(rgb.height(), rgb.width(), 3))


class Shown:
    """Every frame the window's engine shows, checked by its pixels as it arrives."""

    def __init__(self, window: MainWindow) -> None:
        self.count = 0
        self.wrong: list[tuple[int, int]] = []
        self.last = -1
        window.workspace.engine.frame_shown.connect(self._on_engine_frame_shown)

    def _on_engine_frame_shown(self, frame: int, image: QImage) -> None:
        self.count += 1
        self.last = frame
        number = pixels(image)
        if number != frame:
            self.wrong.append((frame, number))


class Driver:
    """Real keys and clicks on one window, and waits that fail instead of hanging."""

    def __init__(self, qtbot, window: MainWindow) -> None:
        self.qtbot = qtbot
        self.window = window
        self.shown = Shown(window)
        self.longest_wait_s = 0.0
        self.cycle = 0

    def key(self, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
        self.qtbot.keyClick(self.window, key, modifier)

    def wait(self, condition, what: str) -> None:
        started = time.monotonic()
        engine = self.window.workspace.engine
        try:
            self.qtbot.waitUntil(condition, timeout=WAIT_MS)
        except Exception as error:
            state = f"playing={engine.is_playing} frame={engine.current_frame}/{engine.frame_count}"
            where = f"cycle or window {self.cycle}, {what}"
            message = f"{where}: nothing for {WAIT_MS} ms ({state}, focus {self.focus()})"
            raise AssertionError(message) from error
        self.longest_wait_s = max(self.longest_wait_s, time.monotonic() - started)
        assert not self.shown.wrong, f"{what}: wrong pictures {self.shown.wrong[:5]}"

    def focus(self) -> str:
        widget = self.window.focusWidget()
        return type(widget).__name__ if widget is not None else "none"

    def frames_advance(self, count: int, what: str) -> None:
        target = self.shown.count + count
        self.wait(lambda: self.shown.count >= target, what)

    def on_frame(self, frame: int, what: str) -> None:
        engine = self.window.workspace.engine
        self.wait(lambda: engine.current_frame == frame and self.shown.last == frame, what)

    def select_row(self, row: int) -> None:
        self.window.video_list.setCurrentRow(row)  # what a click on the list does
        frames = self.window.workspace.frame_count
        self.wait(lambda: self.window.workspace.engine.frame_count == frames, "switch video")

    def swap_media(self) -> None:
        """The background proxy task finishing while the video plays (alternately the proxy
        and the original, so each swap really loads another file)."""
        window = self.window
        assert window.workspace.project is not None
        assert window.workspace.video is not None
        video = window.workspace.video
        proxy = window.workspace.project.cache.ready_proxy(video.fingerprint, video.info)
        source = window.workspace.project.video_path(video)
        target = source if proxy is None or self.swaps % 2 else proxy
        self.swaps += 1
        window.media_tasks.proxy_ready.emit(video.id, str(target))

    swaps = 0


def cycle(driver: Driver, rng: random.Random, index: int) -> None:
    window = driver.window
    driver.select_row(index % 2)
    count = window.workspace.frame_count
    driver.key(Qt.Key.Key_Space)  # play
    driver.frames_advance(3, "play")
    if index % 3 == 0:
        driver.swap_media()
        driver.frames_advance(2, "play on after a proxy swap")
        assert window.workspace.engine.is_playing
    driver.key(Qt.Key.Key_K)  # pause
    assert not window.workspace.engine.is_playing
    target = rng.randrange(5, count - 5)
    window.workspace.seek(target)  # a click on the ruler
    driver.on_frame(target, "seek")
    for key, delta in ((Qt.Key.Key_Right, 1), (Qt.Key.Key_Right, 1), (Qt.Key.Key_Left, -1)):
        driver.key(key)
        target += delta
        driver.on_frame(target, "step")
    driver.key(Qt.Key.Key_J)  # reverse play
    driver.frames_advance(2, "reverse")
    driver.key(Qt.Key.Key_K)
    if index % 5 == 0:
        driver.key(Qt.Key.Key_R, CTRL)  # review mode on: the first segment plays
        assert window.review.active
        driver.frames_advance(2, "review playback")
        driver.key(Qt.Key.Key_R, CTRL)
        assert not window.review.active


@pytest.mark.timeout(240)
def test_three_hundred_cycles_in_one_window(qtbot, open_window, settings: AppSettings, project_dir: Path):
    window = open_window(settings, project_dir, 100)
    driver = Driver(qtbot, window)
    rng = random.Random(8)
    started = time.monotonic()
    for index in range(CYCLES):
        driver.cycle = index
        cycle(driver, rng, index)
    took_s = time.monotonic() - started
    longest_ms = driver.longest_wait_s * 1000
    print(
        f"\nstress: {CYCLES} cycles in {took_s:.1f} s, {driver.shown.count} pictures checked, "
        f"0 wrong, {driver.swaps} media swaps while playing, longest wait {longest_ms:.0f} ms"
    )
    assert driver.swaps == CYCLES // 3


@pytest.mark.timeout(240)
def test_fifty_windows_opened_used_and_closed(qtbot, settings: AppSettings, project_dir: Path) -> None:
    started = time.monotonic()
    pictures = 0
    for index in range(WINDOWS):
        window = MainWindow(settings=settings, ask_names=False)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow, timeout=WAIT_MS)  # keys go to the active window
        assert window.project_actions.open_project(project_dir)
        driver = Driver(qtbot, window)
        driver.cycle = index
        driver.select_row(index % 2)
        driver.key(Qt.Key.Key_Space)
        driver.frames_advance(2, "play")
        if index % 2:
            driver.key(Qt.Key.Key_R, CTRL)
            driver.frames_advance(1, "review")
        pictures += driver.shown.count
        window.close()  # while playing, or reviewing, with background media work running
    print(f"\nstress: {WINDOWS} windows in {time.monotonic() - started:.1f} s, {pictures} pictures checked")

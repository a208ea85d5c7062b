"""Slow work (probe, proxy, waveform, thumbnails, analyses) on a thread pool, results by signal.

A task may be cancellable: it is given a ``threading.Event`` to poll (the analyses take a
``cancel`` callback); ``cancel(name)`` sets it, and a task that ends after being cancelled,
by raising or not, reports ``task_cancelled`` instead of a result or a failure.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

Work = Callable[[Callable[[float], None]], Any]


class _TaskSignals(QObject):
    progressed = Signal(str, float)
    finished = Signal(str, object)
    failed = Signal(str, str)


class _Task(QRunnable):
    def __init__(self, name: str, work: Work, signals: _TaskSignals) -> None:
        super().__init__()
        self._name = name
        self._work = work
        self._signals = signals

    def run(self) -> None:
        try:
            result = self._work(lambda fraction: self._signals.progressed.emit(self._name, fraction))
        except Exception as error:
            self._signals.failed.emit(self._name, str(error) or type(error).__name__)
        else:
            self._signals.finished.emit(self._name, result)


class TaskRunner(QObject):
    """Runs named tasks off the GUI thread; at most one task per name at a time."""

    task_started = Signal(str)
    task_progressed = Signal(str, float)
    task_finished = Signal(str, object)
    task_failed = Signal(str, str)
    task_cancelled = Signal(str)

    def __init__(self, parent: QObject | None = None, max_threads: int = 2) -> None:
        super().__init__(parent)
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(max_threads)
        self._signals = _TaskSignals(self)
        self._signals.progressed.connect(self.task_progressed)
        self._signals.finished.connect(self._on_task_finished)
        self._signals.failed.connect(self._on_task_failed)
        self._callbacks: dict[str, Callable[[Any], None] | None] = {}
        self._cancels: dict[str, threading.Event] = {}

    @property
    def running(self) -> list[str]:
        return list(self._callbacks)

    @property
    def cancellable(self) -> list[str]:
        """The running tasks that can be cancelled."""
        return list(self._cancels)

    def submit(
        self,
        name: str,
        work: Work,
        on_done: Callable[[Any], None] | None = None,
        cancel: threading.Event | None = None,
    ) -> bool:
        """Run ``work`` unless a task of that name runs; ``cancel``: the event the work
        polls, which ``cancel(name)`` sets."""
        if name in self._callbacks:
            return False
        self._callbacks[name] = on_done
        if cancel is not None:
            self._cancels[name] = cancel
        self.task_started.emit(name)
        self._pool.start(_Task(name, work, self._signals))
        return True

    def cancel(self, name: str) -> None:
        """Ask a cancellable task to stop (it reports ``task_cancelled`` when it has)."""
        if name in self._cancels:
            self._cancels[name].set()

    def _was_cancelled(self, name: str) -> bool:
        event = self._cancels.pop(name, None)
        if event is not None and event.is_set():
            self._callbacks.pop(name, None)
            self.task_cancelled.emit(name)
            return True
        return False

    def wait(self, msecs: int = -1) -> bool:
        return self._pool.waitForDone(msecs)

    def _on_task_finished(self, name: str, result: object) -> None:
        if self._was_cancelled(name):
            return
        callback = self._callbacks.pop(name, None)
        if callback is not None:
            callback(result)
        self.task_finished.emit(name, result)

    def _on_task_failed(self, name: str, message: str) -> None:
        if self._was_cancelled(name):
            return
        self._callbacks.pop(name, None)
        self.task_failed.emit(name, message)

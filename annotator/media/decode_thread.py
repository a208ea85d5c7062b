"""A thread that decodes exact frames for the player, so its GUI thread never decodes.

The player asks for pictures (``show`` one frame while paused, ``play`` forward or backward
from a frame) and is woken by ``wake()`` when they are ready; it collects them with
``take_shown`` and ``pop_due``. Frames come from a ``FrameSource`` (the exact frame source
the tests check by pixels), so the player shows what ``annotator frame`` returns, by
construction.

This thread never calls Qt. The deadlock that hung the Qt Multimedia player (a Qt worker
thread waiting for the GIL inside a Python-created object's virtual while the GUI thread,
holding the GIL, waited for that thread's Qt mutex) needs a thread that holds a Qt lock and
then wants the GIL; here the only shared locks are this module's own, never held while
decoding or while calling out (``wake`` is called with no lock held).

Requests replace each other: the newest paused request wins, and every request carries a
ticket so the caller can tell a picture it still wants from a stale one.
"""

from __future__ import annotations

import logging
import threading
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from annotator.media.errors import MediaError
from annotator.media.frame_source import FrameSource

log = logging.getLogger(__name__)

Opener = Callable[[], FrameSource]
Rgb = npt.NDArray[np.uint8]

READ_AHEAD = 8
"""Frames decoded ahead while playing (about 12 MB at proxy size)."""


@dataclass(frozen=True, slots=True)
class Picture:
    """Frame ``index`` of the source, decoded for the request with ``ticket``."""

    ticket: int
    index: int
    rgb: Rgb


@dataclass(frozen=True, slots=True)
class Failure:
    """The request with ``ticket`` could not be served."""

    ticket: int
    message: str


@dataclass(frozen=True, slots=True)
class _Play:
    ticket: int
    next_index: int
    step: int  # +1 forward, -1 backward


class DecodeThread:
    """One decoding thread, one source at a time; every method is for the GUI thread."""

    def __init__(self, wake: Callable[[], None], read_ahead: int = READ_AHEAD) -> None:
        self._wake = wake
        self._read_ahead = max(1, read_ahead)
        self._lock = threading.Condition()
        self._ticket = 0
        self._open: Opener | None = None
        self._close = False
        self._show: tuple[int, int] | None = None
        self._play: _Play | None = None
        self._quit = False
        self._shown: deque[Picture | Failure] = deque()
        self._ahead: deque[Picture] = deque()
        self._source: FrameSource | None = None
        self._open_error = "no video is open"
        self._thread = threading.Thread(target=self._run, name="annotator-decode", daemon=True)
        self._thread.start()

    # -- requests (GUI thread) ----------------------------------------------------------
    def open(self, opener: Opener) -> None:
        """Close the current source and open another with ``opener`` (run on this thread);
        if it cannot be opened, the next requests fail with the reason."""
        with self._lock:
            self._next_ticket()
            self._open, self._close = opener, False
            self._show = self._play = None
            self._forget()
            self._lock.notify()

    def close(self) -> None:
        """Stop and close the source (at the thread's next turn)."""
        with self._lock:
            self._next_ticket()
            self._open, self._close = None, True
            self._show = self._play = None
            self._forget()
            self._lock.notify()

    def show(self, index: int) -> int:
        """Decode frame ``index`` (stops playing; replaces an earlier paused request)."""
        with self._lock:
            ticket = self._next_ticket()
            self._show, self._play = (ticket, index), None
            self._ahead.clear()
            self._lock.notify()
        return ticket

    def play(self, first: int, step: int) -> int:
        """Decode ``first``, ``first + step``, ... ahead of the caller, ``step`` being +1 or -1."""
        with self._lock:
            ticket = self._next_ticket()
            self._play, self._show = _Play(ticket, first, 1 if step >= 0 else -1), None
            self._ahead.clear()
            self._lock.notify()
        return ticket

    def stop(self) -> None:
        """Stop decoding ahead; the source stays open."""
        with self._lock:
            self._next_ticket()
            self._play = self._show = None
            self._ahead.clear()

    def take_shown(self) -> list[Picture | Failure]:
        """Answers to ``show`` and ``open`` requests since the last call (oldest first)."""
        with self._lock:
            answers = list(self._shown)
            self._shown.clear()
        return answers

    def pop_due(self, ticket: int, due: int, step: int) -> tuple[Picture | None, int]:
        """While playing (``step`` +1 or -1): the last decoded frame at or before ``due``
        in that direction, and how many earlier ones were passed over; None if none is ready."""
        with self._lock:
            found: Picture | None = None
            passed = 0
            while self._ahead and self._ahead[0].ticket == ticket and _reached(self._ahead[0], due, step):
                if found is not None:
                    passed += 1
                found = self._ahead.popleft()
            self._lock.notify()
        return found, passed

    def ahead(self) -> int:
        """Frames decoded ahead and not yet taken."""
        with self._lock:
            return len(self._ahead)

    def shutdown(self, timeout_s: float = 5.0) -> bool:
        """End the thread (after the frame it is decoding); True if it has ended."""
        with self._lock:
            self._quit = True
            self._lock.notify()
        self._thread.join(timeout_s)
        return not self._thread.is_alive()

    # -- the thread -----------------------------------------------------------------------
    def _next_ticket(self) -> int:
        self._ticket += 1
        return self._ticket

    def _forget(self) -> None:
        self._shown.clear()
        self._ahead.clear()

    def _run(self) -> None:
        try:
            while self._turn():
                pass
        finally:
            self._close_source()

    def _turn(self) -> bool:
        """Wait for work, do one piece of it; False when the thread should end."""
        with self._lock:
            while not self._quit and not self._has_work():
                self._lock.wait()
            if self._quit:
                return False
            opening, closing, showing, playing = self._open, self._close, self._show, self._play
            self._open, self._close = None, False
            if opening is None and not closing:
                self._show = None  # taken now; a request made while decoding replaces it
        if opening is not None or closing:
            self._close_source()
            if opening is not None:
                self._open_source(opening)
        elif showing is not None:
            self._decode_shown(*showing)
        elif playing is not None:
            self._decode_ahead(playing)
        return True

    def _has_work(self) -> bool:
        if self._open is not None or self._close or self._show is not None:
            return True
        return self._play is not None and len(self._ahead) < self._read_ahead

    def _open_source(self, opener: Opener) -> None:
        """Open the next source; if that fails, every request answers with the reason."""
        try:
            self._source = opener()
        except (MediaError, OSError, ValueError) as error:
            self._open_error = str(error)

    def _close_source(self) -> None:
        source, self._source = self._source, None
        self._open_error = "no video is open"
        if source is not None:
            source.close()

    def _decode(self, index: int) -> Rgb | str:
        if self._source is None:
            return self._open_error
        try:
            return self._source.frame(min(max(index, 0), self._source.frame_count - 1))
        except (MediaError, IndexError) as error:
            return str(error)

    def _decode_shown(self, ticket: int, index: int) -> None:
        rgb = self._decode(index)
        self._answer(Failure(ticket, rgb) if isinstance(rgb, str) else Picture(ticket, index, rgb))

    def _decode_ahead(self, play: _Play) -> None:
        source = self._source
        if source is None or not 0 <= play.next_index < source.frame_count:
            with self._lock:
                if self._play is play:
                    self._play = None  # the end (or the start, backwards): nothing more to decode
            return
        rgb = self._decode(play.next_index)
        with self._lock:
            if self._play is not play:
                return  # replaced while decoding
            if isinstance(rgb, str):
                self._play = None
                self._shown.append(Failure(play.ticket, rgb))
            else:
                self._ahead.append(Picture(play.ticket, play.next_index, rgb))
                self._play = _Play(play.ticket, play.next_index + play.step, play.step)
        self._wake()

    def _answer(self, answer: Picture | Failure) -> None:
        with self._lock:
            if answer.ticket != self._ticket:
                return  # a newer request replaced this one while it was decoded
            self._shown.append(answer)
        self._wake()


def _reached(picture: Picture, due: int, step: int) -> bool:
    return picture.index >= due if step < 0 else picture.index <= due

"""The player's decode thread: exact pictures by request, newest request wins, read-ahead
both ways, failures reported, and a caller that never waits for a decode."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Self

import numpy as np
import pytest

from annotator.media.decode_thread import READ_AHEAD, DecodeThread, Failure, Picture
from annotator.media.errors import MediaError
from annotator.media.frame_source import open_frame_source
from annotator.media.synthetic import read_frame_number

WAIT_S = 10.0


class Wakes:
    """Counts ``wake`` calls and lets a test wait for the next one."""

    def __init__(self) -> None:
        self.count = 0
        self._event = threading.Event()

    def __call__(self) -> None:
        self.count += 1
        self._event.set()


def wait_for(condition: Callable[[], bool], timeout_s: float = WAIT_S) -> None:
    deadline = time.monotonic() + timeout_s
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.002)


def answers_until(thread: DecodeThread, ticket: int) -> list[Picture | Failure]:
    """Every answer up to and including the one for ``ticket``."""
    seen: list[Picture | Failure] = []
    wait_for(lambda: bool(seen.extend(thread.take_shown())) or any(a.ticket == ticket for a in seen))
    return seen


@pytest.fixture
def decoder() -> Iterator[tuple[DecodeThread, Wakes]]:
    wakes = Wakes()
    thread = DecodeThread(wakes)
    yield thread, wakes
    assert thread.shutdown(5.0)


class SlowSource:
    """A fake source: frame n is an 8x8 image of value n % 256; ``gate`` holds decoding."""

    def __init__(self, frames: int = 50) -> None:
        self.frame_count = frames
        self.gate = threading.Event()
        self.gate.set()
        self.decoding = threading.Event()
        self.closed = False
        self.requested: list[int] = []

    def frame(self, index: int) -> np.ndarray:
        self.requested.append(index)
        self.decoding.set()
        assert self.gate.wait(WAIT_S)
        return np.full((8, 8, 3), index % 256, np.uint8)

    def close(self) -> None:
        self.closed = True

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()


def test_shown_frames_are_exact_by_their_pixels(decoder, clip_25fps: Path) -> None:
    thread, wakes = decoder
    thread.open(lambda: open_frame_source(clip_25fps))
    for frame in (0, 57, 3, 99, 98, 42):
        ticket = thread.show(frame)
        answer = answers_until(thread, ticket)[-1]
        assert isinstance(answer, Picture)
        assert (answer.index, read_frame_number(answer.rgb)) == (frame, frame)
    assert wakes.count >= 6


def test_the_newest_paused_request_wins(decoder, clip_25fps: Path) -> None:
    thread, _ = decoder
    thread.open(lambda: open_frame_source(clip_25fps))
    tickets = [thread.show(frame) for frame in (10, 80, 30, 64)]
    answers = answers_until(thread, tickets[-1])
    last = answers[-1]
    assert isinstance(last, Picture)
    assert (last.ticket, last.index, read_frame_number(last.rgb)) == (tickets[-1], 64, 64)
    for answer in answers:  # any earlier answer is still the frame it names
        assert isinstance(answer, Picture)
        assert read_frame_number(answer.rgb) == answer.index


@pytest.mark.parametrize(("first", "step", "expected"), [(40, 1, range(40, 60)), (70, -1, range(70, 50, -1))])
def test_play_reads_ahead_in_order_both_ways(decoder, clip_25fps: Path, first, step, expected) -> None:
    thread, _ = decoder
    thread.open(lambda: open_frame_source(clip_25fps))
    ticket = thread.play(first, step)
    got: list[int] = []
    for due in expected:
        wait_for(lambda: thread.ahead() > 0)
        assert thread.ahead() <= READ_AHEAD
        picture, passed = thread.pop_due(ticket, due, step)
        assert picture is not None
        assert passed == 0
        assert read_frame_number(picture.rgb) == picture.index
        got.append(picture.index)
    assert got == list(expected)


def test_a_late_caller_passes_over_frames_that_are_no_longer_due(decoder, clip_25fps: Path) -> None:
    thread, _ = decoder
    thread.open(lambda: open_frame_source(clip_25fps))
    ticket = thread.play(10, 1)
    wait_for(lambda: thread.ahead() == READ_AHEAD)
    picture, passed = thread.pop_due(ticket, 14, 1)
    assert picture is not None
    assert (picture.index, passed) == (14, 4)
    assert thread.pop_due(ticket + 1, 99, 1) == (None, 0)  # another play's ticket takes nothing


def test_play_stops_at_the_last_frame(decoder, clip_25fps: Path) -> None:
    thread, _ = decoder
    thread.open(lambda: open_frame_source(clip_25fps))
    ticket = thread.play(97, 1)
    wait_for(lambda: thread.ahead() == 3)
    time.sleep(0.05)
    assert thread.ahead() == 3
    picture, passed = thread.pop_due(ticket, 10_000, 1)
    assert picture is not None
    assert (picture.index, passed) == (99, 2)


def test_a_source_that_cannot_be_opened_fails_every_request_with_the_reason(decoder, tmp_path: Path) -> None:
    thread, _ = decoder

    def broken() -> SlowSource:
        raise MediaError(tmp_path / "cut.mp4", "moov atom not found")

    thread.open(broken)
    ticket = thread.show(3)
    answer = answers_until(thread, ticket)[-1]
    assert isinstance(answer, Failure)
    assert "cut.mp4" in answer.message
    assert "moov atom not found" in answer.message


def test_a_frame_outside_the_source_is_clamped(decoder, clip_25fps: Path) -> None:
    thread, _ = decoder
    thread.open(lambda: open_frame_source(clip_25fps))
    answer = answers_until(thread, ticket := thread.show(5000))[-1]
    assert isinstance(answer, Picture)
    assert answer.ticket == ticket
    assert read_frame_number(answer.rgb) == 99


def test_the_caller_never_waits_for_a_decode(decoder) -> None:
    thread, _ = decoder
    source = SlowSource()
    thread.open(lambda: source)
    source.gate.clear()
    thread.show(1)
    assert source.decoding.wait(WAIT_S)  # the thread is stuck inside frame(1)
    started = time.monotonic()
    last = thread.show(2)
    thread.play(10, 1)
    thread.stop()
    last = thread.show(7)
    assert thread.take_shown() == []
    assert time.monotonic() - started < 0.5
    source.gate.set()
    answer = answers_until(thread, last)[-1]
    assert isinstance(answer, Picture)
    assert (answer.index, int(answer.rgb[0, 0, 0])) == (7, 7)
    assert source.requested == [1, 7]  # requests replaced while it was busy were never decoded


def test_opening_another_source_closes_the_first_and_shutdown_ends_the_thread() -> None:
    thread = DecodeThread(lambda: None)
    first, second = SlowSource(), SlowSource(frames=20)
    thread.open(lambda: first)
    thread.play(0, 1)
    wait_for(lambda: thread.ahead() == READ_AHEAD)
    thread.open(lambda: second)
    answer = answers_until(thread, thread.show(19))[-1]
    assert isinstance(answer, Picture)
    assert answer.index == 19
    assert first.closed
    assert not second.closed
    thread.play(0, 1)  # full read-ahead: the thread waits for room, and must still end
    wait_for(lambda: thread.ahead() == READ_AHEAD)
    assert thread.shutdown(5.0)
    assert second.closed

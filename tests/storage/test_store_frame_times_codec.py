"""The frame timestamp blob: exact round trips, compact, damage detected."""

from __future__ import annotations

import random
from fractions import Fraction

import pytest

from annotator.domain.frame_times import FrameTimes
from annotator.storage import StoreCorruptError
from annotator.storage.frame_times_codec import decode_frame_times, encode_frame_times


def test_constant_rate_90000_frames_round_trip_in_a_small_blob() -> None:
    times = FrameTimes.constant(Fraction(30000, 1001), 90_000, Fraction(1, 30))
    blob = encode_frame_times(times)
    assert decode_frame_times(blob) == times
    assert len(blob) < 4_000  # 720 kB of int64s, almost all equal differences


def test_variable_rate_90000_frames_round_trip() -> None:
    rng = random.Random(7)
    pts = [1234]
    for _ in range(89_999):
        pts.append(pts[-1] + rng.choice((3003, 3003, 3003, 1501, 6006)))
    times = FrameTimes(Fraction(1, 90_000), tuple(pts), pts[-1] + 3003)
    assert decode_frame_times(encode_frame_times(times)) == times


def test_negative_and_huge_pts_survive() -> None:
    times = FrameTimes(Fraction(1, 1_000_000_007), (-(2**40), 0, 2**62), 2**62 + 1)
    assert decode_frame_times(encode_frame_times(times)) == times


@pytest.mark.parametrize("damage", [b"", b"AFT1", b"XXXX" + b"\0" * 32, "truncate"])
def test_damaged_blob_is_a_clear_error(damage: bytes | str) -> None:
    blob = encode_frame_times(FrameTimes.constant(Fraction(25), 100))
    bad = blob[:-5] if damage == "truncate" else damage
    assert isinstance(bad, bytes)
    with pytest.raises(StoreCorruptError, match="video 3: damaged frame timestamp table"):
        decode_frame_times(bad, "video 3")

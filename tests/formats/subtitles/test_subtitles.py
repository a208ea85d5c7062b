"""WebVTT and SRT: parsed back by a strict parser, every cue has the right times and text."""

from __future__ import annotations

import io
import re

from exchange_helpers import CLIP, LABELS, NTSC_CLIP, PHONE, expected_ms

from annotator.domain.segment import Segment
from annotator.domain.video import Video
from annotator.formats.subtitles.writer import write_srt, write_vtt

_VTT_TIME = r"(\d{2,}):([0-5]\d):([0-5]\d)\.(\d{3})"
_SRT_TIME = _VTT_TIME.replace(r"\.", ",")


def _ms(match: tuple[str, ...]) -> int:
    hours, minutes, seconds, millis = map(int, match)
    return ((hours * 60 + minutes) * 60 + seconds) * 1000 + millis


def parse_vtt(text: str) -> list[tuple[str, int, int, list[str]]]:
    """Strict WebVTT: header, then blocks separated by one blank line: id, timing, text
    lines that are not blank, hold no ``-->`` and no raw ``<``/``&`` outside entities."""
    assert text.startswith("WEBVTT\n\n") or text == "WEBVTT\n"
    assert text.endswith("\n")
    assert not text.endswith("\n\n")
    cues = []
    for block in text[len("WEBVTT\n\n") :].rstrip("\n").split("\n\n") if text != "WEBVTT\n" else []:
        identifier, timing, *lines = block.split("\n")
        assert "-->" not in identifier
        match = re.fullmatch(f"{_VTT_TIME} --> {_VTT_TIME}", timing)
        assert match, timing
        start, end = _ms(match.groups()[:4]), _ms(match.groups()[4:])
        assert lines
        assert end > start
        for line in lines:
            assert line.strip()
            assert "-->" not in line
            assert ">" not in line
            assert not re.search(r"&(?!amp;|lt;|gt;)", line)
            assert "<" not in line
        cues.append((identifier, start, end, lines))
    return cues


def parse_srt(text: str) -> list[tuple[int, int, int, list[str]]]:
    """Strict SRT: numbered blocks from 1, one blank line between them, no blank text line."""
    cues = []
    for block in text.rstrip("\n").split("\n\n") if text else []:
        number, timing, *lines = block.split("\n")
        assert number == str(len(cues) + 1)
        match = re.fullmatch(f"{_SRT_TIME} --> {_SRT_TIME}", timing)
        assert match, timing
        assert lines
        assert all(line.strip() for line in lines)
        cues.append((int(number), _ms(match.groups()[:4]), _ms(match.groups()[4:]), lines))
    return cues


def _segments(video: Video) -> list[Segment]:
    return [
        Segment(video.id, 11, 4, 6, note="a <b> & c --> d"),
        Segment(video.id, 10, 0, 3, note="line one\n\n\nline two\r\n"),
        Segment(video.id, 12, 3, 4),
        Segment(video.id, 10, 3, video.info.frame_count),
    ]


def _vtt(video: Video, segments: list[Segment]) -> str:
    out = io.StringIO()
    assert write_vtt(out, video, LABELS, segments) == len(segments)
    return out.getvalue()


def test_vtt_cues_are_ordered_timed_from_the_table_and_escaped() -> None:
    for video in (CLIP, NTSC_CLIP, PHONE):
        segments = _segments(video)
        cues = parse_vtt(_vtt(video, segments))
        ordered = [segments[1], segments[2], segments[3], segments[0]]  # by start, then end
        assert [c[0] for c in cues] == [s.id for s in ordered]
        for cue, segment in zip(cues, ordered, strict=True):
            assert cue[1:3] == (
                expected_ms(video, segment.start_frame),
                expected_ms(video, segment.end_frame),
            )
        texts = {cue[0]: cue[3] for cue in cues}
        assert texts[segments[0].id] == ["laughter", "a &lt;b&gt; &amp; c --&gt; d"]
        assert texts[segments[1].id] == ["driving", "line one", "line two"]
        assert texts[segments[2].id] == ["Gift exchange"]


def test_vfr_times_come_from_the_table_not_n_over_fps() -> None:
    text = _vtt(PHONE, [Segment(PHONE.id, 12, 3, 4)])
    # 3 / 30 fps would be 00:00:00.100; the table says 133.333 ms after the first frame
    # (the 0.033 s start time is not added).
    assert "00:00:00.133 --> 00:00:00.150\nGift exchange\n" in text


def test_srt_uses_commas_numbers_cues_and_keeps_text_intact() -> None:
    out = io.StringIO()
    write_srt(out, NTSC_CLIP, LABELS, _segments(NTSC_CLIP))
    cues = parse_srt(out.getvalue())
    assert [c[1:3] for c in cues] == [(0, 100), (100, 133), (100, 667333), (133, 200)]
    assert cues[0][3] == ["driving", "line one", "line two"]
    assert cues[3][3] == ["laughter", "a <b> & c --> d"]
    assert "00:11:07,333" in out.getvalue()


def test_empty_exports() -> None:
    out = io.StringIO()
    write_srt(out, NTSC_CLIP, LABELS, [])
    assert out.getvalue() == ""
    assert _vtt(CLIP, []) == "WEBVTT\n"


def test_hours_past_the_first_and_ties_in_the_order_given() -> None:
    from dataclasses import replace
    from fractions import Fraction

    from annotator.domain.frame_times import FrameTimes

    times = FrameTimes.constant(Fraction(25), 25 * 3 * 3600)
    info = replace(CLIP.info, frame_count=times.frame_count, duration_s=times.duration_s)
    long_video = replace(CLIP, info=info)
    segments = [
        Segment(CLIP.id, 10, 25 * 3600, 25 * 3661 + 1, note="second"),  # 1:00:00.000
        Segment(CLIP.id, 10, 25 * 3600, 25 * 3661 + 1, note="first"),
    ]
    out = io.StringIO()
    write_srt(out, long_video, LABELS, segments)
    assert out.getvalue() == (
        "1\n01:00:00,000 --> 01:01:01,040\ndriving\nsecond\n\n"
        "2\n01:00:00,000 --> 01:01:01,040\ndriving\nfirst\n"
    )


def test_segments_a_subtitle_file_cannot_hold_are_refused_by_name() -> None:
    import pytest

    other = Segment(NTSC_CLIP.id, 10, 0, 1)
    unknown = Segment(CLIP.id, 99, 0, 1)
    too_long = Segment(CLIP.id, 10, 0, CLIP.info.frame_count + 1)
    with pytest.raises(ValueError, match=rf"^segment {other.id} belongs to video 2, not clip\.mp4$"):
        write_srt(io.StringIO(), CLIP, LABELS, [other])
    with pytest.raises(KeyError, match=rf"segment {unknown.id}: label 99 is not among the labels"):
        write_srt(io.StringIO(), CLIP, LABELS, [unknown])
    with pytest.raises(ValueError, match=rf"^segment {too_long.id} ends past the last frame of clip\.mp4$"):
        write_vtt(io.StringIO(), CLIP, LABELS, [too_long])

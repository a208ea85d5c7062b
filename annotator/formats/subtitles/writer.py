"""WebVTT and SRT export: one cue per segment, so any player previews the annotations.

Cues are ordered by start (then end, then label); each shows the label name, and the note
on the following line(s) when there is one. Times are ``t(start_frame)`` and
``t(end_frame)`` from the frame timestamp table in whole milliseconds, rounded half up
(:meth:`VideoClock.ms`, the same as the CSV seconds and EAF times), from the first frame:
``HH:MM:SS.mmm`` in WebVTT, ``HH:MM:SS,mmm`` in SRT.

Text is made safe for each format: blank lines inside a note are dropped (a blank line
ends a cue in both); in WebVTT ``&``, ``<`` and ``>`` become ``&amp;``, ``&lt;`` and
``&gt;`` (so no ``-->`` can appear in a cue), and the cue identifier is the segment id.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TextIO

from annotator.domain.label import Label
from annotator.domain.segment import Segment
from annotator.domain.video import Video
from annotator.formats.video_clock import VideoClock

_Cue = tuple[int, int, str, str, str]  # start ms, end ms, label, note, segment id


def write_vtt(out: TextIO, video: Video, labels: Iterable[Label], segments: Iterable[Segment]) -> int:
    """Write ``video``'s segments as a WebVTT file to ``out``; return the number of cues."""
    out.write("WEBVTT\n")
    cues = _cues(video, labels, segments)
    for start_ms, end_ms, label, note, segment_id in cues:
        lines = [_vtt_escape(label), *(_vtt_escape(line) for line in _note_lines(note))]
        text = "\n".join(lines)
        out.write(f"\n{segment_id}\n{_clock(start_ms, '.')} --> {_clock(end_ms, '.')}\n{text}\n")
    return len(cues)


def write_srt(out: TextIO, video: Video, labels: Iterable[Label], segments: Iterable[Segment]) -> int:
    """Write ``video``'s segments as a SubRip (SRT) file to ``out``; return the number of cues."""
    cues = _cues(video, labels, segments)
    for number, (start_ms, end_ms, label, note, _) in enumerate(cues, 1):
        text = "\n".join([_one_line(label), *_note_lines(note)])
        separator = "\n" if number > 1 else ""
        out.write(f"{separator}{number}\n{_clock(start_ms, ',')} --> {_clock(end_ms, ',')}\n{text}\n")
    return len(cues)


def _cues(video: Video, labels: Iterable[Label], segments: Iterable[Segment]) -> list[_Cue]:
    """Every segment of ``video`` as a cue, ordered; a segment of another video, with an
    unknown label or ending past the video raises ``ValueError``/``KeyError``."""
    names = {label.id: label.name for label in labels}
    clock = VideoClock(video.info)
    cues = []
    for segment in segments:
        if segment.video_id != video.id:
            raise ValueError(f"segment {segment.id} belongs to video {segment.video_id}, not {video.name}")
        if segment.label_id not in names:
            raise KeyError(f"segment {segment.id}: label {segment.label_id} is not among the labels")
        try:
            start_ms, end_ms = clock.ms(segment.start_frame), clock.ms(segment.end_frame)
        except IndexError:
            raise ValueError(f"segment {segment.id} ends past the last frame of {video.name}") from None
        cues.append((start_ms, end_ms, names[segment.label_id], segment.note, segment.id))
    cues.sort(key=lambda cue: cue[:3])
    return cues


def _clock(ms: int, separator: str) -> str:
    seconds, millis = divmod(ms, 1000)
    minutes, seconds = divmod(seconds, 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours:02d}:{minutes:02d}:{seconds:02d}{separator}{millis:03d}"


def _note_lines(note: str) -> list[str]:
    """The note's non-blank lines (any line break style)."""
    return [line for line in note.splitlines() if line.strip()]


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _vtt_escape(text: str) -> str:
    return _one_line(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

"""Domain objects for the CSV tests: a 25 fps clip, a 29.97 drop-frame clip, a VFR phone
recording whose first frame is at 0.033 s, and a small vocabulary (all pure, no media)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping
from fractions import Fraction
from pathlib import Path

from annotator.domain.frame_times import FrameTimes
from annotator.domain.label import Label
from annotator.domain.segment import Review, Segment
from annotator.domain.video import Video
from annotator.domain.video_info import VideoInfo
from annotator.formats.csv.reader import read_csv
from annotator.formats.csv.row_reader import ImportedSegment
from annotator.formats.csv.writer import write_csv

NTSC = Fraction(30000, 1001)
# 90 kHz ticks; the first frame at 2970 ticks = 0.033 s; frame lengths vary (30, 15, 60 fps).
VFR_TIME_BASE = Fraction(1, 90000)
VFR_STEPS = (3000, 3000, 6000, 1500, 1500, 3003, 3000, 4500, 3000, 3000, 3000, 3000)
VFR_PTS = tuple(2970 + sum(VFR_STEPS[:n]) for n in range(len(VFR_STEPS)))
VFR_TIMES = FrameTimes(VFR_TIME_BASE, VFR_PTS, VFR_PTS[-1] + 3000)


def make_video(
    video_id: int, path: str, fps: Fraction, frame_count: int, frame_times: FrameTimes | None = None
) -> Video:
    start = frame_times.start_s if frame_times else Fraction(0)
    duration = frame_times.duration_s if frame_times else frame_count / fps
    info = VideoInfo(
        path=path,
        codec="h264",
        width=320,
        height=180,
        fps=fps,
        frame_count=frame_count,
        duration_s=duration,
        start_time_s=start,
        has_audio=False,
        is_vfr=frame_times is not None,
        frame_times=frame_times,
    )
    return Video(id=video_id, path=path, fingerprint=f"fp{video_id}", info=info)


CLIP = make_video(1, "media/clip.mp4", Fraction(25), 800)
NTSC_CLIP = make_video(2, "media/ntsc.mp4", NTSC, 20_000)
PHONE = make_video(3, "phone/vfr.mp4", Fraction(30), len(VFR_PTS), VFR_TIMES)
VIDEOS: dict[int, Video] = {video.id: video for video in (CLIP, NTSC_CLIP, PHONE)}

DRIVING = Label(name="driving", key="1", id=10)
LAUGHTER = Label(name="laughter", key="2", id=11)
GIFTS = Label(name="Gift exchange", key="3", id=12)
LABELS: dict[int, Label] = {label.id: label for label in (DRIVING, LAUGHTER, GIFTS) if label.id is not None}


def export_text(
    segments: Iterable[Segment],
    reviews: Mapping[str, Review] | None = None,
    videos: Mapping[int, Video] = VIDEOS,
) -> str:
    out = io.StringIO(newline="")
    write_csv(out, segments, videos, LABELS, reviews or {})
    return out.getvalue()


def export_rows(
    segments: Iterable[Segment], reviews: Mapping[str, Review] | None = None
) -> list[dict[str, str]]:
    """The exported rows as dicts by column name (csv module, no unescaping)."""
    return list(csv.DictReader(io.StringIO(export_text(segments, reviews), newline="")))


def write_file(folder: Path, text: str, name: str = "data.csv", encoding: str = "utf-8") -> Path:
    path = folder / name
    path.write_bytes(text.encode(encoding))
    return path


def import_text(
    folder: Path, text: str, videos: Iterable[Video] = VIDEOS.values(), encoding: str = "utf-8"
) -> list[ImportedSegment]:
    return read_csv(write_file(folder, text, encoding=encoding), list(videos), list(LABELS.values()))

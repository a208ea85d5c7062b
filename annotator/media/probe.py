"""``probe(path) -> VideoInfo``: what a video is, from ffprobe and the packet table."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING, Any

from annotator.domain.video_info import VideoInfo
from annotator.media._tools import ffprobe_json
from annotator.media.errors import MediaError, check_readable_file
from annotator.media.fingerprint import fingerprint
from annotator.media.frame_table import StreamIndex, read_stream_index

if TYPE_CHECKING:
    from annotator.media.cache import MediaCache

_CLOSE = Fraction(1, 100)


def _rate(value: Any) -> Fraction | None:
    try:
        rate = Fraction(str(value))
    except (ValueError, ZeroDivisionError):
        return None
    return rate if rate > 0 else None


def _close(a: Fraction, b: Fraction) -> bool:
    return abs(a - b) <= b * _CLOSE


def choose_fps(r_frame_rate: Any, avg_frame_rate: Any, index: StreamIndex) -> Fraction:
    """An exact rate: the stream's nominal rate when the frame table agrees with it.

    ``r_frame_rate`` keeps 30000/1001 exact for constant-rate footage; a variable-rate
    stream gets its average rate; a header that disagrees with the table loses to it.
    """
    times = index.frame_times
    measured = times.average_fps()
    nominal, average = _rate(r_frame_rate), _rate(avg_frame_rate)
    if not times.is_variable() and nominal is not None and _close(nominal, measured):
        return nominal
    if average is not None and _close(average, measured):
        return average
    return measured.limit_denominator(1001 * 1000)


def _container(path: Path, format_name: str) -> str:
    names = format_name.split(",")
    suffix = path.suffix.lower().lstrip(".")
    return suffix if suffix in names else names[0]


def _streams(path: Path) -> tuple[dict[str, Any], dict[str, Any], bool]:
    document = ffprobe_json(path, "-show_streams", "-show_format")
    streams = document.get("streams") or []
    videos = [s for s in streams if s.get("codec_type") == "video" and not _is_cover_art(s)]
    if not videos:
        raise MediaError(path, "not a video (no video stream found)")
    has_audio = any(s.get("codec_type") == "audio" for s in streams)
    return videos[0], document.get("format") or {}, has_audio


def _is_cover_art(stream: dict[str, Any]) -> bool:
    return bool((stream.get("disposition") or {}).get("attached_pic"))


def probe_with_index(path: Path, cache: MediaCache | None = None) -> tuple[VideoInfo, StreamIndex]:
    """Probe ``path`` and also return its stream index (keyframes), for a frame source.

    With a ``cache``, the result is stored per fingerprint, so probing the same file again
    (an hour of footage included) costs only the fingerprint.
    """
    path = Path(path)
    check_readable_file(path)
    key = fingerprint(path) if cache is not None else ""
    if cache is not None:
        stored = cache.load_probe(key, path)
        if stored is not None:
            return stored
    stream, container, has_audio = _streams(path)
    index = read_stream_index(path)
    times = index.frame_times
    info = VideoInfo(
        path=str(path),
        codec=str(stream.get("codec_name", "unknown")),
        width=int(stream.get("width") or 0),
        height=int(stream.get("height") or 0),
        fps=choose_fps(stream.get("r_frame_rate"), stream.get("avg_frame_rate"), index),
        frame_count=times.frame_count,
        duration_s=times.duration_s,
        start_time_s=times.start_s,
        has_audio=has_audio,
        is_vfr=times.is_variable(),
        container=_container(path, str(container.get("format_name", ""))),
        frame_times=times,
        notes=index.notes,
    )
    if info.width <= 0 or info.height <= 0:
        raise MediaError(path, "the video stream has no picture size")
    if cache is not None:
        cache.store_probe(key, info, index)
    return info, index


def probe(path: Path, cache: MediaCache | None = None) -> VideoInfo:
    """Codec, size, exact fps, frame count, duration, start, audio, VFR flag and frame table."""
    return probe_with_index(path, cache)[0]

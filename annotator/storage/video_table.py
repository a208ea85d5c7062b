"""Rows of ``videos`` <-> :class:`Video`; exact fractions are stored as num/den pairs."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path
from typing import Any

from annotator.domain.video import Video
from annotator.domain.video_info import VideoInfo
from annotator.storage.connection import Connection
from annotator.storage.database import utc_now
from annotator.storage.errors import StoreConstraintError
from annotator.storage.frame_times_codec import decode_frame_times, encode_frame_times

COLUMNS = (
    "id, path, fingerprint, codec, width, height, fps_num, fps_den, frame_count, duration_num, "
    "duration_den, start_time_num, start_time_den, has_audio, is_vfr, container, frame_times"
)
SELECT = f"SELECT {COLUMNS} FROM videos"


def insert(conn: Connection, stored_path: str, fingerprint: str, info: VideoInfo) -> int:
    """Add a row; a fingerprint already in the project is refused with the path holding it."""
    taken = conn.execute("SELECT path FROM videos WHERE fingerprint = ?", (fingerprint,)).fetchone()
    if taken is not None:
        raise StoreConstraintError(f"this video is already in the project as {taken[0]!r}")
    fps, duration, start = Fraction(info.fps), Fraction(info.duration_s), Fraction(info.start_time_s)
    blob = encode_frame_times(info.frame_times) if info.frame_times is not None else None
    cursor = conn.execute(
        "INSERT INTO videos (path, fingerprint, codec, width, height, fps_num, fps_den, frame_count, "
        "duration_num, duration_den, start_time_num, start_time_den, has_audio, is_vfr, container, "
        "frame_times, added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        (
            stored_path,
            fingerprint,
            info.codec,
            info.width,
            info.height,
            fps.numerator,
            fps.denominator,
            info.frame_count,
            duration.numerator,
            duration.denominator,
            start.numerator,
            start.denominator,
            int(info.has_audio),
            int(info.is_vfr),
            info.container,
            blob,
            utc_now(),
        ),
    )
    return int(cursor.fetchone()[0])


def from_row(row: tuple[Any, ...], resolved: Path, where: str) -> Video:
    """A :class:`Video` whose ``info.path`` is where the stored path points now."""
    blob = row[16]
    info = VideoInfo(
        path=str(resolved),
        codec=row[3],
        width=row[4],
        height=row[5],
        fps=Fraction(row[6], row[7]),
        frame_count=row[8],
        duration_s=Fraction(row[9], row[10]),
        start_time_s=Fraction(row[11], row[12]),
        has_audio=bool(row[13]),
        is_vfr=bool(row[14]),
        container=row[15],
        frame_times=decode_frame_times(blob, f"{where}: video {row[0]}") if blob is not None else None,
    )
    return Video(id=row[0], path=row[1], fingerprint=row[2], info=info)

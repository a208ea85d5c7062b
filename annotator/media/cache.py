"""Per-video cache folders: probe result, proxy, waveform peaks and thumbnails.

Everything lives under ``root/<fingerprint>/`` so a moved or renamed file finds its cache
again, and every file is written under a temporary name and renamed, so a crash never
leaves a half-written entry that looks complete.
"""

from __future__ import annotations

import json
import os
from fractions import Fraction
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from annotator.domain.frame_times import FrameTimes
from annotator.domain.video_info import VideoInfo
from annotator.media.frame_table import StreamIndex
from annotator.media.proxy import verify_proxy

PROBE_VERSION = 2
"""Bumped when a probe learns more: 2 added how decoders name frames, interlacing, notes."""


def _write_atomically(target: Path, data: bytes) -> None:
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    temporary.write_bytes(data)
    temporary.replace(target)


def _info_to_json(info: VideoInfo, index: StreamIndex) -> dict[str, Any]:
    times = index.frame_times
    return {
        "version": PROBE_VERSION,
        "codec": info.codec, "width": info.width, "height": info.height, "fps": str(info.fps),
        "has_audio": info.has_audio, "container": info.container,
        "time_base": str(times.time_base), "pts": list(times.pts), "end_pts": times.end_pts,
        "keyframes": list(index.keyframes), "stream_start_pts": index.stream_start_pts,
        "decode_timed": index.decode_timed, "interlaced": index.interlaced, "notes": list(index.notes),
    }  # fmt: skip


def _info_from_json(data: dict[str, Any], path: Path) -> tuple[VideoInfo, StreamIndex]:
    times = FrameTimes(Fraction(data["time_base"]), tuple(data["pts"]), int(data["end_pts"]))
    notes = tuple(str(note) for note in data["notes"])
    index = StreamIndex(
        times, tuple(data["keyframes"]), int(data["stream_start_pts"]),
        decode_timed=bool(data["decode_timed"]), interlaced=bool(data["interlaced"]), notes=notes,
    )  # fmt: skip
    info = VideoInfo(
        path=str(path), codec=data["codec"], width=int(data["width"]), height=int(data["height"]),
        fps=Fraction(data["fps"]), frame_count=times.frame_count, duration_s=times.duration_s,
        start_time_s=times.start_s, has_audio=bool(data["has_audio"]), is_vfr=times.is_variable(),
        container=data["container"], frame_times=times, notes=notes,
    )  # fmt: skip
    return info, index


class MediaCache:
    """The media cache rooted at ``root`` (created on demand)."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    def folder(self, fingerprint: str) -> Path:
        """The folder for one video, created if missing."""
        folder = self.root / fingerprint
        folder.mkdir(parents=True, exist_ok=True)
        return folder

    def proxy_path(self, fingerprint: str) -> Path:
        """Where the proxy of this video is (or will be) written."""
        return self.folder(fingerprint) / "proxy.mp4"

    def ready_proxy(self, fingerprint: str, info: VideoInfo) -> Path | None:
        """The proxy if it exists and matches ``info`` frame for frame, else None.

        The check reads the proxy's packet table once; a stamp remembers the result for
        this exact proxy file (size and modification time).
        """
        proxy = self.proxy_path(fingerprint)
        if not proxy.is_file():
            return None
        stat = proxy.stat()
        stamp_path = proxy.with_suffix(".verified")
        stamp = f"{stat.st_size}:{stat.st_mtime_ns}"
        if stamp_path.is_file() and stamp_path.read_text() == stamp:
            return proxy
        if not verify_proxy(proxy, info):
            return None
        _write_atomically(stamp_path, stamp.encode())
        return proxy

    def load_probe(self, fingerprint: str, path: Path) -> tuple[VideoInfo, StreamIndex] | None:
        """A stored probe result for this fingerprint (reported under ``path``), or None."""
        stored = self.root / fingerprint / "probe.json"
        try:
            data = json.loads(stored.read_text())
            if data.get("version") != PROBE_VERSION:
                return None
            return _info_from_json(data, path)
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def store_probe(self, fingerprint: str, info: VideoInfo, index: StreamIndex) -> None:
        """Remember a probe result for this fingerprint."""
        target = self.folder(fingerprint) / "probe.json"
        _write_atomically(target, json.dumps(_info_to_json(info, index)).encode())

    def load_array(self, fingerprint: str, name: str) -> npt.NDArray[Any] | None:
        """A stored array (``name`` like ``"peaks"``), or None."""
        try:
            return np.load(self.root / fingerprint / f"{name}.npy", allow_pickle=False)  # type: ignore[no-any-return]
        except (OSError, ValueError):
            return None

    def store_array(self, fingerprint: str, name: str, array: npt.NDArray[Any]) -> None:
        """Store an array under ``name`` for this fingerprint."""
        target = self.folder(fingerprint) / f"{name}.npy"
        temporary = target.with_name(f".{name}.{os.getpid()}.tmp.npy")
        np.save(temporary, array, allow_pickle=False)
        temporary.replace(target)

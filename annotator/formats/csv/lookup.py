"""Find the video and label a CSV row names, the way a person would write them."""

from __future__ import annotations

from collections.abc import Sequence

from annotator.domain.label import Label
from annotator.domain.video import Video
from annotator.formats.csv.errors import FieldError

_LISTED = 8


def _normalise_path(path: str) -> str:
    return path.strip().replace("\\", "/")


def _listing(items: Sequence[str]) -> str:
    shown = ", ".join(items[:_LISTED])
    return shown + (f", ... ({len(items)} in all)" if len(items) > _LISTED else "")


class VideoLookup:
    """A video named by its stored path, its file name (exact, then regardless of case;
    it must be unique) or its id. ``video_path`` only breaks a tie between videos that
    share a file name, or stands in when ``video`` is empty."""

    def __init__(self, videos: Sequence[Video]) -> None:
        self._videos = tuple(videos)
        self._by_path = {_normalise_path(video.path): video for video in videos}
        self._by_id = {str(video.id): video for video in videos}
        self._by_name: dict[str, list[Video]] = {}
        self._by_folded_name: dict[str, list[Video]] = {}
        for video in videos:
            self._by_name.setdefault(video.name, []).append(video)
            self._by_folded_name.setdefault(video.name.casefold(), []).append(video)
        self._found: dict[tuple[str, str], Video] = {}

    def find(self, reference: str, path_hint: str) -> Video:
        key = (reference, path_hint)
        video = self._found.get(key)
        if video is None:
            video = self._found[key] = self._resolve(reference, path_hint)
        return video

    def _resolve(self, reference: str, path_hint: str) -> Video:
        if not reference:
            hinted = self._by_path.get(_normalise_path(path_hint)) if path_hint else None
            if hinted is None:
                raise FieldError("video", "empty: name the video by its file name, path or id")
            return hinted
        candidates = self._candidates(reference)
        if len(candidates) == 1:
            return candidates[0]
        if not candidates:
            known = _listing([video.name for video in self._videos]) or "none"
            raise FieldError("video", f"no video {reference!r} in the project (videos: {known})")
        hint = _normalise_path(path_hint)
        matching = [video for video in candidates if _normalise_path(video.path) == hint]
        if len(matching) == 1:
            return matching[0]
        paths = _listing([video.path for video in candidates])
        reason = f"{reference!r} names {len(candidates)} videos ({paths}); give its path or id"
        raise FieldError("video", reason)

    def _candidates(self, reference: str) -> list[Video]:
        by_path = self._by_path.get(_normalise_path(reference))
        if by_path is not None:
            return [by_path]
        named = self._by_name.get(reference) or self._by_folded_name.get(reference.casefold())
        if named:
            return named
        by_id = self._by_id.get(reference)
        return [] if by_id is None else [by_id]


class LabelLookup:
    """A label by name, regardless of case and surrounding spaces."""

    def __init__(self, labels: Sequence[Label]) -> None:
        self._names = [label.name for label in labels]
        self._by_name: dict[str, int] = {}
        for label in labels:
            if label.id is None:
                raise ValueError(f"label {label.name!r} has no id: import needs stored labels")
            self._by_name.setdefault(label.name.strip().casefold(), label.id)
        self._found: dict[str, int] = {}

    def find(self, name: str) -> int:
        """The id of the label called ``name``."""
        label_id = self._found.get(name)
        if label_id is None:
            label_id = self._found[name] = self._resolve(name)
        return label_id

    def _resolve(self, name: str) -> int:
        if not name.strip():
            raise FieldError("label", "empty: every segment needs a label")
        label_id = self._by_name.get(name.strip().casefold())
        if label_id is None:
            reason = f"no label {name!r} in the vocabulary (labels: {_listing(self._names)})"
            raise FieldError("label", reason)
        return label_id

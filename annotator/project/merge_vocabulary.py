"""Labels and videos of a merge: the other copy's, matched to the project's.

- A label is the same label when the names match after case and whitespace folding
  (``Laughter`` and `` laughter``). Where the two copies give it a different colour, key,
  kind or spelling, the project's is kept and the difference is reported, never guessed.
  A label the project lacks is added, with its key unless an active label here holds it
  (reported too).
- A video is the same video when the fingerprints match; one the project lacks is added
  from the other copy's metadata (and is missing here until relinked, if its file is not
  found).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

from annotator.domain.label import Label
from annotator.domain.video import Video
from annotator.project.coder_segments import fold
from annotator.project.import_plan import NewVideo, new_ref

COMPARED = ("name", "colour", "key", "kind")


@dataclass(frozen=True)
class VocabularyMatch:
    """Their label and video ids -> ids here (or ``new_ref`` placeholders of what is added)."""

    label_ids: dict[int, int]
    video_ids: dict[int, int]
    new_labels: tuple[Label, ...]
    new_videos: tuple[NewVideo, ...]
    notes: tuple[str, ...]


def match_vocabulary(
    ours_labels: list[Label],
    ours_videos: list[Video],
    theirs_labels: Mapping[int, Label],
    theirs_videos: Mapping[int, Video],
    where: str,
) -> VocabularyMatch:
    label_ids, new_labels, notes = _labels(ours_labels, theirs_labels, where)
    by_fingerprint = {video.fingerprint: video.id for video in ours_videos}
    video_ids: dict[int, int] = {}
    new_videos: list[NewVideo] = []
    for their_id, video in theirs_videos.items():
        if video.fingerprint in by_fingerprint:
            video_ids[their_id] = by_fingerprint[video.fingerprint]
        else:
            video_ids[their_id] = new_ref(len(new_videos))
            new_videos.append(NewVideo(video.path, video.fingerprint, video.info))
    return VocabularyMatch(label_ids, video_ids, new_labels, tuple(new_videos), notes)


def _labels(
    ours: list[Label], theirs: Mapping[int, Label], where: str
) -> tuple[dict[int, int], tuple[Label, ...], tuple[str, ...]]:
    by_name = {fold(label.name): label for label in ours}
    keys = {label.key: label.name for label in ours if label.key and not label.archived}
    ids: dict[int, int] = {}
    new: list[Label] = []
    notes: list[str] = []
    for their_id, label in theirs.items():
        found = by_name.get(fold(label.name))
        if found is not None and found.id is not None:
            ids[their_id] = found.id
            notes += [
                f"label {found.name!r}: {name} {str(getattr(found, name))!r} here, "
                f"{str(getattr(label, name))!r} in {where} (kept this project's)"
                for name in COMPARED
                if getattr(found, name) != getattr(label, name)
            ]
            continue
        key = label.key
        if key and not label.archived and key in keys:
            notes.append(f"label {label.name!r} added without its key {key} (held by {keys[key]!r} here)")
            key = ""
        elif key and not label.archived:
            keys[key] = label.name
        ids[their_id] = new_ref(len(new))
        by_name[fold(label.name)] = replace(label, id=ids[their_id])
        new.append(replace(label, id=None, key=key))
    return ids, tuple(new), tuple(notes)

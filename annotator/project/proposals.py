"""Proposals: what the analyses found, as segments with ``source = proposal``.

They go into a project as an ``ImportPlan`` (new labels and segments, all or nothing: the
CLI writes it in one transaction, the window hands it to the document as one undoable
step). A proposal's id is derived from the video's fingerprint, what proposed it and its
frames, so proposing again adds nothing twice, and a proposal someone rejected (deleted)
does not come back. Shots and sounds get labels of their own that say what they are;
"more like this" proposes segments of the label it learned from.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from annotator.analysis.results import SoundKind
from annotator.analysis.similar import Match
from annotator.domain.label import Label
from annotator.domain.segment import Segment, Source
from annotator.domain.video import Video
from annotator.project.analyze import VideoAnalysis
from annotator.project.import_plan import ImportPlan

_NAMESPACE = uuid.UUID("6f1d5c1e-8a3b-4f0e-9a61-2b7d0e4c9a10")
SHOT_LABEL = "shot"
SOUND_LABELS = {SoundKind.SPEECH: "speech", SoundKind.LOUD: "loud non-speech", SoundKind.SILENCE: "silence"}
_LOUD = (
    "Proposed by analysis: loud sound that is not speech, 10 dB over its surroundings: "
    "a candidate for laughter, applause or shouting, not a classification."
)
_SHOT = (
    "Proposed by analysis: one shot, from cut to cut (PySceneDetect's adaptive detector "
    "for cuts; dissolves and fades by twin comparison)."
)
ANALYSIS_LABELS: dict[str, tuple[str, str]] = {
    SHOT_LABEL: ("#9e9e9e", _SHOT),
    "speech": ("#78909c", "Proposed by analysis: speech heard (WebRTC voice activity detector)."),
    "loud non-speech": ("#8d6e63", _LOUD),
    "silence": ("#b0bec5", "Proposed by analysis: at least 1 s under -50 dBFS."),
}


@dataclass(frozen=True, slots=True)
class Proposal:
    """One proposed stretch: a label by name, frames, a score, and what proposed it."""

    video: Video
    label: str
    start_frame: int
    end_frame: int
    score: float
    by: str  # "shots", "sounds" or "like"


def proposal_id(video: Video, proposal: Proposal) -> str:
    key = f"{video.fingerprint}:{proposal.by}:{proposal.label}:{proposal.start_frame}:{proposal.end_frame}"
    return str(uuid.uuid5(_NAMESPACE, key))


def shot_proposals(video: Video, analysis: VideoAnalysis) -> list[Proposal]:
    """One per shot, from each boundary's frame to the next (the first from frame 0)."""
    starts = [0, *(b.frame for b in analysis.shots if b.frame > 0)]
    ends = [*starts[1:], video.info.frame_count]
    scores = [1.0, *(b.score for b in analysis.shots if b.frame > 0)]
    spans = zip(starts, ends, scores, strict=True)
    return [Proposal(video, SHOT_LABEL, s, e, score, "shots") for s, e, score in spans if e > s]


def sound_proposals(video: Video, analysis: VideoAnalysis) -> list[Proposal]:
    return [
        Proposal(video, SOUND_LABELS[e.kind], e.start_frame, e.end_frame, e.score, "sounds")
        for e in analysis.sounds
    ]


def like_proposals(videos: dict[int, Video], label: Label, matches: Iterable[Match]) -> list[Proposal]:
    return [
        Proposal(videos[m.stretch.video_id], label.name, m.stretch.start_frame, m.stretch.end_frame,
                 m.similarity, "like")
        for m in matches
    ]  # fmt: skip


def plan_proposals(
    proposals: Sequence[Proposal], labels: Sequence[Label], known_ids: set[str], annotator: str = ""
) -> ImportPlan:
    """The plan that adds ``proposals`` not already in the project (``known_ids``), with the
    analysis labels the project (``labels``) does not have yet."""
    by_name = {label.name: label for label in labels}
    new_labels: list[Label] = []
    segments: list[Segment] = []
    for proposal in proposals:
        identity = proposal_id(proposal.video, proposal)
        if identity in known_ids:
            continue
        known_ids = known_ids | {identity}
        label_id = _label_id(proposal.label, by_name, new_labels)
        attributes = {"proposed_by": proposal.by, "score": proposal.score}
        segment = Segment(
            proposal.video.id, label_id, proposal.start_frame, proposal.end_frame, identity,
            annotator=annotator, attributes=attributes, source=Source.PROPOSAL,
        )  # fmt: skip
        segments.append(segment)
    return ImportPlan(Path("analysis"), tuple(segments), new_labels=tuple(new_labels))


def _label_id(name: str, by_name: dict[str, Label], new_labels: list[Label]) -> int:
    """The label's id; a new analysis label gets a placeholder (``-1`` for the first new one)."""
    existing = by_name.get(name)
    if existing is not None and existing.id is not None:
        return existing.id
    for index, label in enumerate(new_labels):
        if label.name == name:
            return -(index + 1)
    colour, description = ANALYSIS_LABELS.get(name, ("#9e9e9e", "Proposed by analysis."))
    new_labels.append(Label(name, colour, description=description))
    return -len(new_labels)

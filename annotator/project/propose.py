"""``propose``: analyse a project's videos (cached) and plan proposals from what was found.

Shots and sounds are proposed per video; "more like this" learns from every segment coded
with one label (proposals excluded) and looks across all of the project's videos. Nothing
is written here: the caller writes the plan (all or nothing).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from annotator.analysis.similar import Stretch, VideoFeatures, find_similar
from annotator.domain.label import Label
from annotator.domain.segment import Source
from annotator.domain.video import Video
from annotator.project.analyze import Cancel, Progress, VideoAnalysis, analyze_cached
from annotator.project.errors import ProjectError
from annotator.project.import_plan import ImportPlan
from annotator.project.project import Project
from annotator.project.proposals import (
    Proposal,
    like_proposals,
    plan_proposals,
    proposal_id,
    shot_proposals,
    sound_proposals,
)

LIKE_COUNT = 10


@dataclass(frozen=True)
class ProposalRequest:
    video: str | None = None  # a video's name; None: every video
    shots: bool = False
    sounds: bool = False
    like: str | None = None  # a label's name


def analysis_of(
    project: Project, video: Video, progress: Progress | None = None, cancel: Cancel | None = None
) -> VideoAnalysis:
    """The video's analysis, from the cache or made now (on its proxy if one is ready)."""
    if project.is_missing(video):
        raise ProjectError(f"{video.path}: the video file is missing (relink it first)")
    media = project.cache.ready_proxy(video.fingerprint, video.info) or project.video_path(video)
    return analyze_cached(project.cache, video.fingerprint, media, video.info, progress, cancel)


def propose(
    project: Project,
    request: ProposalRequest,
    annotator: str = "",
    progress: Progress | None = None,
    cancel: Cancel | None = None,
) -> tuple[ImportPlan, int]:
    """The plan of new proposals, and how many examples "more like this" learned from."""
    if not (request.shots or request.sounds or request.like):
        raise ProjectError("say what to propose: --shots, --sounds and/or --like LABEL")
    videos = [project.video_by_name(request.video)] if request.video else project.store.videos()
    needed = project.store.videos() if request.like else videos
    examples = None
    if request.like:
        examples = like_examples(project, request.like)  # refused before any analysis runs
    analyses = analyses_of(project, needed, progress, cancel)
    proposals = found_proposals(videos, analyses, shots=request.shots, sounds=request.sounds)
    if examples is not None:
        proposals += more_like(examples, {v.id: v for v in needed}, analyses)
    plan = plan_new_proposals(project, proposals, annotator)
    return plan, len(examples.coded) if examples is not None else 0


def analyses_of(
    project: Project, videos: Sequence[Video], progress: Progress | None = None, cancel: Cancel | None = None
) -> dict[int, VideoAnalysis]:
    """Each video's analysis (cached or made now), by video id. Reads no annotations, so it
    may run off the thread that owns the store (the window runs it in the background)."""
    found = {}
    for number, video in enumerate(videos):
        share = (lambda f, n=number: progress(min(1.0, (n + f) / len(videos)))) if progress else None
        found[video.id] = analysis_of(project, video, share, cancel)
    return found


def found_proposals(
    videos: Sequence[Video], analyses: dict[int, VideoAnalysis], *, shots: bool = True, sounds: bool = True
) -> list[Proposal]:
    """Shots and/or sound events of ``videos`` as proposals."""
    proposals: list[Proposal] = []
    for video in videos:
        proposals += shot_proposals(video, analyses[video.id]) if shots else []
        proposals += sound_proposals(video, analyses[video.id]) if sounds else []
    return proposals


@dataclass(frozen=True)
class LikeExamples:
    """What "more like this" learns from: a label's coded segments (``coded``, proposals
    left out) and every stretch of the label, which the matches may not overlap."""

    label: Label
    coded: tuple[Stretch, ...]
    taken: tuple[Stretch, ...]


def like_examples(project: Project, label_name: str) -> LikeExamples:
    """The examples of ``label_name``; refused when it has no coded segment."""
    label = project.store.label_by_name(label_name)
    if label is None or label.id is None:
        raise ProjectError(f"no label named {label_name!r}")
    segments = [s for s in project.store.segments() if s.label_id == label.id]
    coded = tuple(
        Stretch(s.video_id, s.start_frame, s.end_frame) for s in segments if s.source != Source.PROPOSAL
    )
    if not coded:
        raise ProjectError(f"no segment is coded {label_name!r} yet: code a few, then ask for more like them")
    return LikeExamples(
        label, coded, tuple(Stretch(s.video_id, s.start_frame, s.end_frame) for s in segments)
    )


def more_like(
    examples: LikeExamples, videos: dict[int, Video], analyses: dict[int, VideoAnalysis]
) -> list[Proposal]:
    """The ``LIKE_COUNT`` stretches most like the examples, as proposals of their label
    (pure numpy over the analyses: safe off the store's thread)."""
    features = {
        vid: VideoFeatures(videos[vid].info.times(), analysis.cells, analysis.signatures)
        for vid, analysis in analyses.items()
    }
    matches = find_similar(features, list(examples.coded), LIKE_COUNT, exclude=list(examples.taken))
    return like_proposals(videos, examples.label, matches)


def plan_new_proposals(project: Project, proposals: Sequence[Proposal], annotator: str = "") -> ImportPlan:
    """The plan that adds those of ``proposals`` the project has never held (a rejected one
    stays out), with the analysis labels it lacks."""
    known = project.store.known_segment_ids(proposal_id(p.video, p) for p in proposals)
    return plan_proposals(proposals, project.store.labels(), known, annotator)

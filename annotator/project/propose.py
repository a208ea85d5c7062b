"""``propose``: analyse a project's videos (cached) and plan proposals from what was found.

Shots and sounds are proposed per video; "more like this" learns from every segment coded
with one label (proposals excluded) and looks across all of the project's videos. Nothing
is written here: the caller writes the plan (all or nothing).
"""

from __future__ import annotations

from dataclasses import dataclass

from annotator.analysis.similar import Stretch, VideoFeatures, find_similar
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
    analyses = _analyses(project, needed, progress, cancel)
    proposals: list[Proposal] = []
    for video in videos:
        proposals += shot_proposals(video, analyses[video.id]) if request.shots else []
        proposals += sound_proposals(video, analyses[video.id]) if request.sounds else []
    examples = 0
    if request.like:
        like, examples = _like(project, request.like, {v.id: v for v in needed}, analyses)
        proposals += like
    known = project.store.known_segment_ids(proposal_id(p.video, p) for p in proposals)
    return plan_proposals(proposals, project.store.labels(), known, annotator), examples


def _analyses(
    project: Project, videos: list[Video], progress: Progress | None, cancel: Cancel | None
) -> dict[int, VideoAnalysis]:
    found = {}
    for number, video in enumerate(videos):
        share = (lambda f, n=number: progress(min(1.0, (n + f) / len(videos)))) if progress else None
        found[video.id] = analysis_of(project, video, share, cancel)
    return found


def _like(
    project: Project, label_name: str, videos: dict[int, Video], analyses: dict[int, VideoAnalysis]
) -> tuple[list[Proposal], int]:
    label = project.store.label_by_name(label_name)
    if label is None or label.id is None:
        raise ProjectError(f"no label named {label_name!r}")
    coded = [s for s in project.store.segments() if s.label_id == label.id]
    examples = [Stretch(s.video_id, s.start_frame, s.end_frame) for s in coded if s.source != Source.PROPOSAL]
    if not examples:
        raise ProjectError(f"no segment is coded {label_name!r} yet: code a few, then ask for more like them")
    features = {
        vid: VideoFeatures(videos[vid].info.times(), analysis.cells, analysis.signatures)
        for vid, analysis in analyses.items()
    }
    others = [Stretch(s.video_id, s.start_frame, s.end_frame) for s in coded]
    matches = find_similar(features, examples, LIKE_COUNT, exclude=others)
    return like_proposals(videos, label, matches), len(examples)

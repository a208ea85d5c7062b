"""A project's airtime statistics: its segments (as an export selects them) with each
video's frame timestamp table."""

from __future__ import annotations

from annotator.analysis.statistics import BY, compute, spans
from annotator.domain.segment import Source
from annotator.domain.statistics import Statistics
from annotator.project.errors import ProjectError
from annotator.project.project import Project


def project_statistics(
    project: Project,
    by: str = "label",
    video: str | None = None,
    status: str | None = None,
    proposals: str = "exclude",
) -> Statistics:
    """Statistics of the segments ``export`` would write with the same options; the footage
    in scope is the one video asked for, or every video of the project."""
    if by not in BY:
        raise ProjectError(f"--by must be one of {', '.join(BY)}, not {by!r}")
    segments = project.segments_for_export(video, status, proposals)
    videos = [project.video_by_name(video)] if video else project.store.videos()
    labels = {label.id: label.name for label in project.store.labels()}
    names = {video.id: video.name for video in videos}
    namers = {
        "label": lambda s: labels.get(s.label_id, f"label {s.label_id}"),
        "video": lambda s: names[s.video_id],
        "annotator": lambda s: s.annotator or "(nobody)",
    }
    return compute(segments, {v.id: v.info.times() for v in videos}, namers, by)


def label_spans(project: Project, video_id: int) -> dict[str, list[tuple[float, float]]]:
    """Per label, the stretches of the video (seconds) its segments cover, proposals left
    out (see ``analysis.statistics.spans``)."""
    video = project.store.video(video_id)
    segments = [s for s in project.store.segments(video_id=video_id) if s.source != Source.PROPOSAL]
    labels = {label.id: label.name for label in project.store.labels()}
    return spans(segments, video.info.times(), lambda s: labels.get(s.label_id, f"label {s.label_id}"))

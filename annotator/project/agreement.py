"""``annotator agreement``: coders compared on a project's videos, per video and pooled.

Per video, each chosen label's units are the video's frames (``analysis.agreement``). With
several videos the pooled figures are computed over the videos' units concatenated: the
frames of every video one after the other (kappa and alpha), all their segment pairs
(precision, recall, F1; segments are only matched within their video) and all their
matched pairs (boundaries). ``frames`` is then the sum of the videos' frame counts.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction

from annotator.analysis.agreement import LabelTally, pooled, tally_video
from annotator.analysis.agreement_figures import NO_VARIATION, LabelAgreement, label_agreement, overall_alpha
from annotator.domain.segment import Segment
from annotator.domain.video import Video
from annotator.project.coder_segments import (
    CodedStore,
    by_label_and_coder,
    check_coders,
    chosen_labels,
    coded_segments,
)
from annotator.project.errors import ProjectError
from annotator.project.project import Project


@dataclass(frozen=True)
class AgreementRequest:
    coders: tuple[str, ...]
    videos: tuple[str, ...] = ()  # names, paths or ids; empty: every video of the project
    labels: tuple[str, ...] = ()  # names; empty: every label the coders used on those videos
    min_iou: Fraction = Fraction(1, 2)


@dataclass(frozen=True)
class VideoAgreement:
    """The figures of one video, or pooled over several (``video`` is then ``None``)."""

    video: str | None
    coders: tuple[str, ...]
    frames: int
    labels: Mapping[str, LabelAgreement]
    overall_alpha: float | None
    videos: tuple[str, ...] = ()  # what was pooled

    @property
    def overall_reason(self) -> str:
        if self.overall_alpha is not None:
            return ""
        return NO_VARIATION if self.labels else "undefined: none of these coders used any label here"


@dataclass(frozen=True)
class AgreementReport:
    videos: tuple[VideoAgreement, ...]
    pooled: VideoAgreement | None  # with more than one video


def parse_iou(text: str) -> Fraction:
    """A threshold such as ``0.5`` or ``1/2``, kept exact; 0 < IoU <= 1."""
    try:
        value = Fraction(text.strip())
    except (ValueError, ZeroDivisionError):
        raise ProjectError(f"--iou: expected a number such as 0.5, got {text!r}") from None
    if not 0 < value <= 1:
        raise ProjectError(f"--iou must be greater than 0 and at most 1, got {text}")
    return value


def compute_agreement(project: Project, request: AgreementRequest) -> AgreementReport:
    coders = check_coders(request.coders)
    videos = _videos(project, request.videos)
    segments = coded_segments(project.store, [video.id for video in videos], coders)
    labels = chosen_labels(project.store, request.labels, segments)
    per_video: dict[int, list[Segment]] = {video.id: [] for video in videos}
    for segment in segments:
        per_video[segment.video_id].append(segment)
    tallies = []
    results = []
    for video in videos:
        coded = by_label_and_coder(per_video[video.id], labels, coders)
        tally = tally_video(coded, video.info.frame_count, request.min_iou)
        tallies.append(tally)
        results.append(_figures(video.name, coders, video.info.frame_count, tally))
    total = None
    if len(videos) > 1:
        frames = sum(video.info.frame_count for video in videos)
        names = tuple(video.name for video in videos)
        total = _figures(None, coders, frames, pooled(tallies), names)
    return AgreementReport(tuple(results), total)


def video_agreement_work(
    store: CodedStore,
    video: Video,
    coders: Sequence[str],
    labels: Sequence[str] = (),
    min_iou: Fraction = Fraction(1, 2),
) -> Callable[[], VideoAgreement]:
    """The figures of one video in two steps, for the window: what they need is read from
    ``store`` now (on the store's thread; a wrong coder or label raises ``ProjectError``
    here), and the computation returned is pure, for a worker thread. The same figures as
    ``compute_agreement`` gives for that video."""
    names = check_coders(coders)
    segments = coded_segments(store, [video.id], names)
    coded = by_label_and_coder(segments, chosen_labels(store, labels, segments), names)
    frames = video.info.frame_count

    def compute() -> VideoAgreement:
        return _figures(video.name, names, frames, tally_video(coded, frames, min_iou))

    return compute


def _videos(project: Project, names: Sequence[str]) -> list[Video]:
    if not names:
        videos = project.store.videos()
        if not videos:
            raise ProjectError(f"{project.directory}: the project has no videos")
        return videos
    chosen = [project.video_by_name(name) for name in names]
    if len({video.id for video in chosen}) != len(chosen):
        raise ProjectError("--video names the same video twice")
    return chosen


def _figures(
    video: str | None,
    coders: tuple[str, ...],
    frames: int,
    tallies: Mapping[str, LabelTally],
    pooled_videos: tuple[str, ...] = (),
) -> VideoAgreement:
    labels = {name: label_agreement(tally) for name, tally in tallies.items()}
    return VideoAgreement(video, coders, frames, labels, overall_alpha(tallies), pooled_videos)

"""Searching a project: the store's full-text index and filters, with what a result shows
(label, video, timecodes, status) worked out once per video."""

from __future__ import annotations

from annotator.domain.search_query import parse_query
from annotator.domain.search_result import Found
from annotator.domain.segment import review_status
from annotator.formats.video_clock import VideoClock
from annotator.project.errors import ProjectError
from annotator.project.project import PROPOSAL_CHOICES, Project


def search(project: Project, text: str, proposals: str = "exclude", limit: int = 200) -> list[Found]:
    """The segments ``text`` finds (see ``annotator.domain.search_query``), best first."""
    if proposals not in PROPOSAL_CHOICES:
        raise ProjectError(f"--proposals must be one of {', '.join(PROPOSAL_CHOICES)}, not {proposals!r}")
    if limit < 1:
        raise ProjectError(f"--limit must be at least 1, not {limit}")
    store = project.store
    hits = store.search(parse_query(text), proposals, limit)
    videos = {video.id: video for video in store.videos()}
    labels = {label.id: label.name for label in store.labels()}
    latest = store.latest_reviews_of(hit.segment_id for hit in hits)
    clocks: dict[int, VideoClock] = {}
    found = []
    for hit in hits:
        segment = store.segment(hit.segment_id)
        clock = clocks.get(segment.video_id) or clocks.setdefault(
            segment.video_id, VideoClock(videos[segment.video_id].info)
        )
        start_s, end_s = clock.seconds_text(segment.start_frame), clock.seconds_text(segment.end_frame)
        found.append(
            Found(
                segment,
                hit.rank,
                labels[segment.label_id],
                videos[segment.video_id].name,
                clock.timecode(segment.start_frame),
                clock.timecode(segment.end_frame),
                start_s,
                end_s,
                review_status(latest.get(segment.id)),
            )
        )
    return found

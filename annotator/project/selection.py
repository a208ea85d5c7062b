"""Which segments a report takes: the export's options (video, status, proposals) and,
optionally, a search query in the search box's language, in video then time order."""

from __future__ import annotations

from annotator.domain.search_query import parse_query
from annotator.domain.segment import Segment
from annotator.project.project import Project


def select_segments(
    project: Project,
    query: str | None = None,
    video: str | None = None,
    status: str | None = None,
    proposals: str = "exclude",
) -> list[Segment]:
    """The segments every option admits, ordered by video name, start and end frame."""
    segments = project.segments_for_export(video, status, proposals)
    if query and query.strip() and segments:
        everything = project.store.segment_count()
        found = project.store.search(parse_query(query), proposals, limit=max(1, everything))
        wanted = {hit.segment_id for hit in found}
        segments = [segment for segment in segments if segment.id in wanted]
    names = {v.id: v.name for v in project.store.videos()}
    return sorted(segments, key=lambda s: (names[s.video_id].lower(), s.video_id, s.start_frame, s.end_frame))

"""The timeline: a ``QGraphicsView`` of one video's segments, one track per label."""

from annotator.ui.timeline.timeline_view import TimelineView
from annotator.ui.timeline.timeline_zoom import FollowMode

__all__ = ["FollowMode", "TimelineView"]

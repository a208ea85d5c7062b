"""What the review panel writes: queue rows, the segment under review, the end summary."""

from __future__ import annotations

from html import escape

from annotator.domain.segment import Segment
from annotator.editing.review_session import EDITED_BY, ReviewSession


def queue_row(session: ReviewSession, segment_id: str) -> str:
    """``approved · laughter  50–79``: the status first, so a narrow dock never hides it."""
    segment = session.document.segment(segment_id)
    label = session.document.label(segment.label_id).name
    status = session.status(segment_id).replace("_", " ")
    return f"{status} · {label}  {segment.start_frame}–{segment.last_frame}"


def current(session: ReviewSession, segment: Segment | None) -> str:
    """The segment under review in a few lines, or what to do when there is none."""
    if segment is None:
        return "Review finished: summary below" if session.queue else "No segments match the filters"
    label = session.document.label(segment.label_id).name
    lines = [
        f"<b>{escape(label)}</b>  frames {segment.start_frame}–{segment.last_frame} ({segment.frame_count})",
        f"coded by {escape(segment.annotator or '(no name)')}",
    ]
    if segment.attributes.get(EDITED_BY):
        lines.append(f"edited by {escape(str(segment.attributes[EDITED_BY]))}")
    if segment.note:
        lines.append(f"note: {escape(segment.note)}")
    review = session.latest_review(segment.id)
    if review is not None:
        verdict = review.verdict.value.replace("_", " ")
        note = f": {escape(review.note)}" if review.note else ""
        lines.append(f"{verdict} by {escape(review.reviewer)}{note}")
    return "<br>".join(lines)


def summary_html(session: ReviewSession) -> str:
    """A table: one row per label, one column per status."""
    header = "<tr><th>label</th><th>approved</th><th>rejected</th><th>needs fix</th><th>unreviewed</th></tr>"
    rows = [
        f"<tr><td>{escape(session.document.label(row.label_id).name)}</td><td>{row.approved}</td>"
        f"<td>{row.rejected}</td><td>{row.needs_fix}</td><td>{row.unreviewed}</td></tr>"
        for row in session.summary()
    ]
    return f"<b>Summary</b><table cellspacing=4>{header}{''.join(rows)}</table>"

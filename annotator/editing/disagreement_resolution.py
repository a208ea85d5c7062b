"""Resolving one disagreement between two coders: one ordinary undoable edit.

- ``keep_a`` / ``keep_b``: that coder's segment stays as it is; the other's is deleted (soft:
  the row stays, as for any deletion). Keeping the side that has no segment (an
  ``only_b`` disagreement resolved "keep A's") deletes the other side's segment.
- ``adjust``: the segment stays with new bounds (A's when A has one, else B's); the other
  is deleted.

Every segment involved records it in its attributes: the one kept gets ``merged_from``
(the ids of the disagreement's segments), ``resolved_by`` and ``resolution``; one deleted
gets ``merged_into`` (the kept segment's id, or ``None``), ``resolved_by`` and
``resolution``. The whole resolution is one step of the document's undo stack
(``document.edit_group``), and the disagreement list (``project.coder_segments``) leaves
resolved segments out.
"""

from __future__ import annotations

from enum import StrEnum

from annotator.analysis.disagreements import Disagreement
from annotator.domain.segment import Segment, check_bounds
from annotator.editing.annotation_document import AnnotationDocument
from annotator.project.coder_segments import RESOLUTION_KEY


class Resolution(StrEnum):
    KEEP_A = "keep_a"
    KEEP_B = "keep_b"
    ADJUST = "adjust"


_TEXT = {Resolution.KEEP_A: "keep A's", Resolution.KEEP_B: "keep B's", Resolution.ADJUST: "adjust"}


def resolve_disagreement(
    document: AnnotationDocument,
    disagreement: Disagreement,
    resolution: Resolution,
    bounds: tuple[int, int] | None = None,
    resolved_by: str | None = None,
) -> Segment | None:
    """Apply ``resolution`` (``bounds`` for ``adjust``) as one undo step; returns the
    segment kept, as stored, or ``None`` when none is."""
    resolution = Resolution(resolution)
    if (resolution == Resolution.ADJUST) != (bounds is not None):
        raise ValueError("bounds are given with 'adjust', and only with it")
    a, b = _current(document, disagreement.a), _current(document, disagreement.b)
    kept = {Resolution.KEEP_A: a, Resolution.KEEP_B: b, Resolution.ADJUST: a or b}[resolution]
    involved = [segment for segment in (a, b) if segment is not None]
    removed = [segment for segment in involved if segment is not kept]
    if kept is not None and bounds is not None:  # checked before anything changes
        check_bounds(*bounds, document.frame_count(kept.video_id))
    who = document.user if resolved_by is None else resolved_by
    with document.edit_group(f"Resolve disagreement: {_TEXT[resolution]}"):
        for segment in removed:
            into = kept.id if kept is not None else None
            document.set_attributes(segment.id, _recorded(segment, who, resolution, merged_into=into))
        document.remove_segments([segment.id for segment in removed])
        if kept is None:
            return None
        if bounds is not None:
            document.set_bounds(kept.id, *bounds)
        ids = [segment.id for segment in involved]
        document.set_attributes(kept.id, _recorded(kept, who, resolution, merged_from=ids))
    return document.segment(kept.id)


def suggested_bounds(disagreement: Disagreement) -> tuple[int, int]:
    """Where "adjust" starts from: a pair's mean start and mean end (halves rounded up),
    a lone segment's own bounds. Never empty: each side ends a frame or more after it
    starts, so the mean end does too."""
    sides = [segment for segment in (disagreement.a, disagreement.b) if segment is not None]
    start = -(-sum(s.start_frame for s in sides) // len(sides))
    end = -(-sum(s.end_frame for s in sides) // len(sides))
    return start, end


def _current(document: AnnotationDocument, listed: Segment | None) -> Segment | None:
    """A disagreement's segment as stored now; refused if it was deleted since."""
    if listed is None:
        return None
    active = {segment.id for segment in document.segments(listed.video_id)}
    if listed.id not in active:
        raise LookupError(f"segment {listed.id} was deleted since the disagreements were listed")
    return document.segment(listed.id)


def _recorded(segment: Segment, who: str, how: Resolution, **merge: object) -> dict[str, object]:
    return {**segment.attributes, **merge, "resolved_by": who, RESOLUTION_KEY: how.value}

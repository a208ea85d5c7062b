"""Search results as lines to read or JSON (CSV is the export contract's, by the project)."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence

from annotator.domain.search_result import Found


def as_text(found: Sequence[Found]) -> str:
    """One line each: video, start-end timecodes, label, annotator, status, the note's first line."""
    if not found:
        return ""
    video_w = max(len(f.video) for f in found)
    label_w = max(len(f.label) for f in found)
    lines = []
    for f in found:
        note = f.segment.note.strip().splitlines()[0] if f.segment.note.strip() else ""
        who = f.segment.annotator or "-"
        lines.append(
            f"{f.video:<{video_w}}  {f.start_tc}-{f.end_tc}  {f.label:<{label_w}}  {who}  {f.status}"
            + (f"  {note}" if note else "")
        )
    return "\n".join(lines) + "\n"


def as_json(found: Sequence[Found]) -> str:
    rows = [
        {
            "segment_id": f.segment.id,
            "rank": round(f.rank, 6),
            "video": f.video,
            "label": f.label,
            "start_frame": f.segment.start_frame,
            "end_frame": f.segment.end_frame,
            "start_tc": f.start_tc,
            "end_tc": f.end_tc,
            "start_s": f.start_s,
            "end_s": f.end_s,
            "annotator": f.segment.annotator,
            "status": f.status,
            "source": f.segment.source.value,
            "note": f.segment.note,
        }
        for f in found
    ]
    return json.dumps(rows, indent=1, ensure_ascii=False) + "\n"


SEARCH_WRITERS: dict[str, Callable[[Sequence[Found]], str]] = {"text": as_text, "json": as_json}

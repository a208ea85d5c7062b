"""Column names of the annotation CSV, in the order they are written."""

from __future__ import annotations

import re

#: The contract (DESIGN.md): at least these columns, in this order.
COLUMNS = (
    "segment_id",
    "video",
    "label",
    "start_frame",
    "end_frame",
    "start_tc",
    "end_tc",
    "start_s",
    "end_s",
    "duration_s",
    "annotator",
    "note",
    "status",
    "reviewer",
    "review_note",
)

#: Written after the contract columns. ``video_path`` is the path as the project stores it
#: (it tells apart two videos with the same file name); ``attributes`` is the segment's
#: attributes as a JSON object (empty when there are none); ``source`` is where the segment
#: came from (manual, import, proposal), for the analyst only.
EXTRA_COLUMNS = ("video_path", "attributes", "source")

HEADER = COLUMNS + EXTRA_COLUMNS

_SEPARATORS = re.compile(r"[\s\-]+")


def normalise_column_name(name: str) -> str:
    """``" Start Frame "`` and ``"start-frame"`` both name ``start_frame``."""
    return _SEPARATORS.sub("_", name.strip()).casefold()

"""The project layer's error and the format names (light: imported at CLI start-up)."""

from __future__ import annotations

EXPORT_FORMATS = ("csv", "json", "eaf", "vtt", "srt", "qdpx", "edl", "fcpxml", "otio")
IMPORT_FORMATS = ("csv", "json", "eaf", "qdpx")
SINGLE_VIDEO_FORMATS = ("eaf", "vtt", "srt")


class ProjectError(ValueError):
    """An operation on a project that cannot be done as asked."""

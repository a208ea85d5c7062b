"""Export a project's segments to files and import them back, in every format.

Exports are written to a temporary file and renamed, so a failure never leaves half a file
and never touches an existing one in place. Imports are all or nothing: everything is read
and checked first (:func:`plan_import`), then written in one transaction
(:func:`import_file` for the CLI; the app hands the plan to ``AnnotationDocument``, which
makes it one undoable step).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from annotator.domain.video import Video
from annotator.formats.atomic_text import save_text
from annotator.formats.eaf.writer import relative_media_url, write_eaf
from annotator.formats.json.writer import write_json
from annotator.formats.subtitles.writer import write_srt, write_vtt
from annotator.project import importers
from annotator.project.edit_lists import EDIT_LISTS, export_edit_list
from annotator.project.errors import EXPORT_FORMATS, IMPORT_FORMATS, ProjectError
from annotator.project.import_plan import ImportPlan, ImportReport, write_import
from annotator.project.project import Project
from annotator.project.qdpx_exchange import export_qdpx, plan_qdpx

__all__ = ["ImportPlan", "ImportReport", "export", "guess_format", "import_file", "plan_import"]


def export(
    project: Project,
    fmt: str,
    path: Path,
    video: str | None = None,
    status: str | None = None,
    proposals: str = "exclude",
    embed_media: bool = False,
) -> int:
    """Write the project's segments (optionally one video's, one status's) to ``path``;
    ``proposals``: leave them out (``exclude``), put them in (``include``) or ``only`` them.
    ``embed_media``: REFI-QDA only, put the videos inside the .qdpx."""
    if fmt not in EXPORT_FORMATS:
        raise ProjectError(f"unknown export format {fmt!r} (choose from {', '.join(EXPORT_FORMATS)})")
    path = Path(path)
    if fmt == "csv":
        return save_text(path, lambda out: project.export_csv(out, video, status, proposals), newline="")
    segments = project.segments_for_export(video, status, proposals)
    if fmt == "qdpx":
        return export_qdpx(project, path, segments, embed_media)
    if fmt in EDIT_LISTS:
        return export_edit_list(project, fmt, path, segments)
    labels = project.store.labels()
    if fmt == "json":
        chosen = [project.video_by_name(video)] if video else project.store.videos()
        segment_ids = {segment.id for segment in segments}
        reviews = [review for review in project.store.reviews() if review.segment_id in segment_ids]
        return save_text(path, lambda out: write_json(out, chosen, labels, segments, reviews))
    one = _single_video(project, video, fmt)
    segments = [segment for segment in segments if segment.video_id == one.id]
    if fmt == "eaf":
        media = project.video_path(one).resolve()
        url = relative_media_url(path, media)
        return save_text(path, lambda out: write_eaf(out, one, url, labels, segments, media_path=media))
    writer = write_vtt if fmt == "vtt" else write_srt
    return save_text(path, lambda out: writer(out, one, labels, segments))


def _single_video(project: Project, video: str | None, fmt: str) -> Video:
    if video:
        return project.video_by_name(video)
    videos = project.store.videos()
    if len(videos) == 1:
        return videos[0]
    names = ", ".join(v.name for v in videos) or "none"
    raise ProjectError(f"{fmt.upper()} holds one video: name it with --video (videos: {names})")


def guess_format(path: Path, fmt: str | None) -> str:
    chosen = (fmt or Path(path).suffix.lstrip(".")).lower()
    if chosen not in IMPORT_FORMATS:
        raise ProjectError(f"{path}: cannot tell the format; use --format {'|'.join(IMPORT_FORMATS)}")
    return chosen


def plan_import(
    project: Project,
    path: Path,
    fmt: str | None = None,
    video: str | None = None,
    mapping: Mapping[str, str] | None = None,
    new_labels: bool = False,
) -> ImportPlan:
    """Read and check ``path`` against the project; nothing is written.

    EAF only: ``video`` names the target video, ``mapping`` maps tiers or values to labels,
    ``new_labels`` makes a label for each tier or value no label matches."""
    chosen = guess_format(path, fmt)
    if chosen == "csv":
        return importers.plan_csv(project, Path(path))
    if chosen == "json":
        return importers.plan_json(project, Path(path))
    if chosen == "qdpx":
        return plan_qdpx(project, Path(path))
    return importers.plan_eaf(project, Path(path), video, mapping, new_labels)


def import_file(
    project: Project,
    path: Path,
    fmt: str | None = None,
    video: str | None = None,
    mapping: Mapping[str, str] | None = None,
    new_labels: bool = False,
) -> ImportReport:
    """Import ``path`` into the project in one transaction: all of it, or nothing and a
    clear error. (The app goes through ``AnnotationDocument.apply_import`` instead, so
    the import is one undoable step and every view hears of it.)"""
    plan = plan_import(project, path, fmt, video, mapping, new_labels)
    with project.store.transaction():
        write_import(project.store, plan)
    return plan.report()

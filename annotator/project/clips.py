"""A project's clips: one frame-exact MP4 per selected segment, cut from the original video
(never the proxy), with a CSV manifest listing every clip written.

A clip runs from the frame shown ``preroll`` seconds before the segment's first frame to
the frame shown ``postroll`` seconds after its end (clamped to the video), so with no pre-
or post-roll it holds exactly the segment's frames. File names are made safe (letters,
digits, ``-`` and ``_``) and unique (the segment id ends each). Nothing in the folder is
ever replaced: a name that exists refuses the whole run before any clip is made.
"""

from __future__ import annotations

import csv
import re
import threading
import unicodedata
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_EXCEPTION, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

from annotator.domain.segment import Segment, review_status
from annotator.domain.video import Video
from annotator.formats.atomic_text import save_text
from annotator.formats.video_clock import VideoClock
from annotator.media.clip_writer import BurnIn, write_clip
from annotator.media.probe import probe_with_index
from annotator.project.errors import ProjectError
from annotator.project.project import Project

MANIFEST = "clips.csv"
MANIFEST_COLUMNS = (
    "file", "segment_id", "video", "label", "annotator", "status", "start_frame", "end_frame",
    "first_frame", "frame_count", "clip_start_tc", "start_tc", "end_tc", "duration_s", "note",
    "repeated_frames",
)  # fmt: skip


@dataclass(frozen=True)
class ClipJob:
    """One clip to make: frames ``first .. stop - 1`` of ``video`` for ``segment``."""

    segment: Segment
    video: Video
    label: str
    status: str
    first: int
    stop: int
    target: Path


@dataclass(frozen=True)
class ClipMade:
    job: ClipJob
    repeated: int


def clip_range(video: Video, segment: Segment, preroll: float, postroll: float) -> tuple[int, int]:
    """``(first, stop)``: the frames of the clip, pre- and post-roll in seconds included."""
    if preroll < 0 or postroll < 0:
        raise ProjectError(f"pre-roll and post-roll are seconds >= 0, not {preroll} and {postroll}")
    times = video.info.times()
    first = segment.start_frame
    if preroll > 0:
        first = times.frame_at(times.seconds(segment.start_frame) - _seconds(preroll))
    stop = segment.end_frame
    if postroll > 0:
        after = times.seconds(segment.end_frame) + _seconds(postroll)
        stop = times.frame_count if after >= times.duration_s else max(stop, times.frame_at(after))
    return first, stop


def _seconds(value: float) -> Fraction:
    """Seconds as typed (0.2 is 1/5, not the float nearest to it)."""
    return Fraction(str(value))


def safe_part(text: str, limit: int = 40) -> str:
    """``text`` as a portable file-name part: ASCII letters, digits, ``-`` and ``_``."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    cleaned = re.sub(r"[^A-Za-z0-9-]+", "_", plain).strip("_")
    return cleaned[:limit].rstrip("_") or "x"


def plan_clips(
    project: Project, segments: Sequence[Segment], folder: Path, *, preroll: float = 0, postroll: float = 0
) -> list[ClipJob]:
    """The clips of ``segments`` in ``folder``; refuses (before anything is written) a
    missing video, and a clip or manifest name that exists in the folder already."""
    videos = {video.id: video for video in project.store.videos()}
    labels = {label.id: label.name for label in project.store.labels()}
    latest = project.store.latest_reviews_of(segment.id for segment in segments)
    clocks: dict[int, VideoClock] = {}
    jobs = []
    for segment in segments:
        video = videos[segment.video_id]
        if project.is_missing(video):
            raise ProjectError(
                f"{video.name}: the video is not at {project.video_path(video)}; relink it first"
            )
        clock = clocks.setdefault(video.id, VideoClock(video.info))
        first, stop = clip_range(video, segment, preroll, postroll)
        timecode = clock.timecode(segment.start_frame).replace(":", "-").replace(";", "-")
        name = "_".join(
            (safe_part(Path(video.name).stem), timecode, safe_part(labels[segment.label_id]), segment.id[:8])
        )
        status = review_status(latest.get(segment.id))
        jobs.append(
            ClipJob(segment, video, labels[segment.label_id], status, first, stop, folder / f"{name}.mp4")
        )
    taken = [job.target for job in jobs if job.target.exists()]
    if (folder / MANIFEST).exists():
        taken.insert(0, folder / MANIFEST)
    if taken:
        more = f" (and {len(taken) - 1} more)" if len(taken) > 1 else ""
        raise ProjectError(f"{taken[0]} exists{more}; clips never replace files: choose an empty folder")
    return jobs


def make_clips(
    project: Project,
    jobs: Sequence[ClipJob],
    folder: Path,
    *,
    burn_in: bool = False,
    workers: int = 2,
    progress: Callable[[float], None] | None = None,
    stop: threading.Event | None = None,
) -> list[ClipMade]:
    """Make every clip, ``workers`` at once, then the manifest of those made. Setting
    ``stop`` (or Ctrl+C in the caller's thread) cancels: clips being made are removed, the
    finished ones stay and are listed in the manifest; then the cancellation is raised."""
    folder.mkdir(parents=True, exist_ok=True)
    stop = stop or threading.Event()
    total = max(1, sum(job.stop - job.first for job in jobs))
    sent = [0]
    lock = threading.Lock()

    def tick(_: int) -> None:
        with lock:
            sent[0] += 1
            if progress is not None:
                progress(sent[0] / total)

    made: list[ClipMade] = []
    with ThreadPoolExecutor(max_workers=max(1, workers), thread_name_prefix="clip") as pool:
        futures: dict[Future[int], ClipJob] = {
            pool.submit(_one, project, job, burn_in, tick, stop): job for job in jobs
        }
        try:
            pending = set(futures)
            while pending:
                done, pending = wait(pending, timeout=0.2, return_when=FIRST_EXCEPTION)
                for future in done:
                    made.append(ClipMade(futures[future], future.result()))
        except BaseException:
            stop.set()
            for future in futures:
                future.cancel()
            wait(futures)
            made.extend(_finished(futures, made))
            _write_manifest(folder, made)
            raise
    _write_manifest(folder, made)
    return made


def _one(
    project: Project, job: ClipJob, burn_in: bool, tick: Callable[[int], None], stop: threading.Event
) -> int:
    video = job.video
    _, index = probe_with_index(project.video_path(video), project.cache)
    clock = VideoClock(video.info)
    drawn = None
    if burn_in:
        text = job.label + (f" — {job.segment.note}" if job.segment.note.strip() else "")
        drawn = BurnIn(text, clock.timecode(job.first), video.info.fps)
    result = write_clip(
        project.video_path(video),
        index,
        job.first,
        job.stop,
        job.target,
        audio=video.info.has_audio,
        burn_in=drawn,
        done=tick,
        cancel=stop.is_set,
    )
    return result.repeated


def _finished(futures: dict[Future[int], ClipJob], made: list[ClipMade]) -> list[ClipMade]:
    listed = {id(item.job) for item in made}
    return [
        ClipMade(job, future.result())
        for future, job in futures.items()
        if id(job) not in listed and future.done() and not future.cancelled() and future.exception() is None
    ]


def _write_manifest(folder: Path, made: list[ClipMade]) -> None:
    if not made:
        return
    order = sorted(made, key=lambda item: item.job.target.name)

    def write(out: object) -> None:
        writer = csv.writer(out, lineterminator="\n")  # type: ignore[arg-type]
        writer.writerow(MANIFEST_COLUMNS)
        for item in order:
            writer.writerow(_row(item))

    save_text(folder / MANIFEST, write, newline="")


def _row(item: ClipMade) -> list[object]:
    job, segment = item.job, item.job.segment
    clock = VideoClock(job.video.info)
    start_tc, end_tc, _, _, _ = clock.row_times(segment.start_frame, segment.end_frame)
    clip_tc, _, _, _, clip_duration = clock.row_times(job.first, job.stop)
    return [
        job.target.name, segment.id, job.video.name, job.label, segment.annotator, job.status,
        segment.start_frame, segment.end_frame, job.first, job.stop - job.first, clip_tc,
        start_tc, end_tc, clip_duration, segment.note, item.repeated,
    ]  # fmt: skip

"""A video entry of the project JSON, frame timestamp table included."""

from __future__ import annotations

from itertools import accumulate
from typing import Any

from annotator.domain.frame_times import FrameTimes, FrameTimesError
from annotator.domain.video import Video
from annotator.domain.video_info import VideoInfo
from annotator.formats.json.fields import Fields


def read_video(item: Any, index: int, fields: Fields) -> Video:
    """``videos[index]`` as a :class:`Video` whose id is ``index``."""
    place = f"videos[{index}]"
    item = fields.as_object(item, place)
    frame_count = fields.whole(item, "frame_count", place)
    if frame_count <= 0:
        fields.fail(f"{place}.frame_count", f"must be positive, got {frame_count}")
    times = _frame_times(item.get("frame_times"), frame_count, f"{place}.frame_times", fields)
    path = fields.text(item, "path", place)
    info = VideoInfo(
        path=path,
        codec=fields.text(item, "codec", place, default=""),
        width=fields.whole(item, "width", place, default=0),
        height=fields.whole(item, "height", place, default=0),
        fps=fields.fraction(item, "fps", place, positive=True),
        frame_count=frame_count,
        duration_s=fields.fraction(item, "duration_s", place),
        start_time_s=fields.fraction(item, "start_time_s", place),
        has_audio=fields.flag(item, "has_audio", place, default=False),
        is_vfr=fields.flag(item, "vfr", place, default=False),
        container=fields.text(item, "container", place, default=""),
        frame_times=times,
    )
    return Video(id=index, path=path, fingerprint=fields.text(item, "fingerprint", place), info=info)


def _frame_times(value: Any, frame_count: int, place: str, fields: Fields) -> FrameTimes | None:
    if value is None:
        return None
    item = fields.as_object(value, place)
    time_base = fields.fraction(item, "time_base", place, positive=True)
    start = fields.whole(item, "start_pts", place)
    steps = _steps(fields.items(item, "steps", f"{place}.steps"), f"{place}.steps", fields)
    if sum(count for _, count in steps) != frame_count - 1:
        reason = f"the steps cover {sum(c for _, c in steps) + 1} frames, but frame_count is {frame_count}"
        fields.fail(f"{place}.steps", reason)
    deltas = (step for step, count in steps for _ in range(count))
    pts = tuple(accumulate(deltas, initial=start))
    try:
        return FrameTimes(time_base, pts, fields.whole(item, "end_pts", place))
    except FrameTimesError as exc:
        fields.fail(place, str(exc))


def _steps(runs: list[Any], place: str, fields: Fields) -> list[tuple[int, int]]:
    steps = []
    for index, run in enumerate(runs):
        if not (type(run) is list and len(run) == 2 and all(type(n) is int and n > 0 for n in run)):
            fields.fail(f"{place}[{index}]", f"expected [step, count] of positive whole numbers, got {run!r}")
        steps.append((run[0], run[1]))
    return steps

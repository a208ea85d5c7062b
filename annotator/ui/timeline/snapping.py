"""Where a dragged edge snaps: to the playhead or to a shot boundary, within a few pixels."""

from __future__ import annotations

from annotator.ui.timeline.shot_marks_item import ShotMarks

SNAP_PX = 6.0


def snap_target(frame: float, pixels_per_frame: float, playhead: int | None, shots: ShotMarks) -> int | None:
    """The nearest of the playhead and the shot boundaries to ``frame`` (an edge, in frames)
    when it lies within ``SNAP_PX`` on screen, else None; the playhead wins a tie."""
    candidates = [target for target in (playhead, shots.nearest(frame)) if target is not None]
    if not candidates:
        return None
    best = min(candidates, key=lambda target: abs(target - frame))
    return best if abs(best - frame) * pixels_per_frame <= SNAP_PX else None

"""Edit lists for editing suites, through OpenTimelineIO: a selects reel of the segments.

One video track; each segment is a clip, in the order of its video and start frame, its
source range ``[start_frame, end_frame)`` of its video at the video's exact rate, one after
another on the record side. The reel and clip names come from the video; the label and the
note are comments (``LABEL: ...``, ``NOTE: ...``) and are in the clip's metadata. The
media is referenced by its path. Written by OpenTimelineIO's adapters:

* ``edl``: CMX 3600 (``otio-cmx3600-adapter``); timecodes are SMPTE at the video's
  nominal rate, drop-frame (``;``) at 29.97 and 59.94, as our own exports count them;
* ``fcpxml``: Final Cut Pro 7 XML (``otio-fcp-adapter``), which Premiere Pro and
  DaVinci Resolve import;
* ``otio``: OpenTimelineIO's own JSON.

A segment's frames are frame indices of the table; timecodes count frames at the nominal
rate (on a variable-rate video, as every timecode of ours does).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

import opentimelineio as otio

from annotator.domain.label import Label
from annotator.domain.segment import Segment
from annotator.domain.video import Video
from annotator.formats.atomic_text import save_text

ADAPTERS = {"edl": "cmx_3600", "fcpxml": "fcp_xml", "otio": "otio_json"}
_REEL_LENGTH = 8  # CMX 3600 reel names


def _rate(video: Video) -> float:
    return float(video.info.fps)


def _range(start: int, end: int, rate: float) -> otio.opentime.TimeRange:
    return otio.opentime.TimeRange(
        otio.opentime.RationalTime(start, rate), otio.opentime.RationalTime(end - start, rate)
    )


def _reel(video: Video) -> str:
    stem = "".join(c for c in Path(video.name).stem.upper() if c.isalnum())
    return (stem or "REEL")[:_REEL_LENGTH]


def _clip(segment: Segment, video: Video, label: Label, media: Path) -> otio.schema.Clip:
    rate = _rate(video)
    reference = otio.schema.ExternalReference(
        target_url=media.resolve().as_uri(), available_range=_range(0, video.info.frame_count, rate)
    )
    comments = [
        f"LABEL: {label.name}",
        *([f"NOTE: {' '.join(segment.note.split())}"] if segment.note else []),
    ]
    clip = otio.schema.Clip(name=video.name, media_reference=reference,
                            source_range=_range(segment.start_frame, segment.end_frame, rate))  # fmt: skip
    clip.metadata["annotator"] = {"segment_id": segment.id, "label": label.name, "note": segment.note,
                                  "annotator": segment.annotator}  # fmt: skip
    clip.metadata["cmx_3600"] = {"reel": _reel(video), "comments": comments}
    return clip


def timeline(
    name: str,
    segments: Sequence[Segment],
    videos: Mapping[int, Video],
    labels: Mapping[int, Label],
    media: Mapping[int, Path],
) -> otio.schema.Timeline:
    """The selects reel of ``segments`` (see the module docstring)."""
    ordered = sorted(segments, key=lambda s: (videos[s.video_id].name, s.start_frame, s.end_frame))
    rates = {_rate(videos[s.video_id]) for s in ordered} or {25.0}
    track = otio.schema.Track(name="V1", kind=otio.schema.TrackKind.Video)
    for segment in ordered:
        video = videos[segment.video_id]
        track.append(_clip(segment, video, labels[segment.label_id], media[video.id]))
    result = otio.schema.Timeline(name=name, tracks=[track])
    result.global_start_time = otio.opentime.RationalTime(0, max(rates))
    return result


def save_edit_list(path: Path, fmt: str, built: otio.schema.Timeline) -> int:
    """Write ``built`` as ``fmt`` (``edl``, ``fcpxml`` or ``otio``) to ``path``, atomically."""
    adapter = ADAPTERS[fmt]
    clips = len(list(built.find_clips()))
    if fmt == "edl" and not clips:
        text = f"TITLE: {built.name}\n\n"  # what the EDL writer writes before events; it fails without any
    else:
        # The EDL writer counts timecodes at the rate of the track, which is its clips' one rate.
        text = otio.adapters.write_to_string(built, adapter_name=adapter)
    save_text(path, lambda out: out.write(text))
    return clips

"""Exported files checked value by value against times worked out here, not by the code.

A project with five videos: 25 fps, 23.976, 29.97 and 59.94 (drop-frame, past the tenth
minute) and a variable-rate phone recording whose first frame is at 0.033 s. Its segments
sit where the arithmetic is easy to get wrong: minute boundaries of drop-frame timecode,
milliseconds that end in exactly .5 (rounded up), the last frame (its end is the duration).
Each file is written by ``annotator export`` and by the call File ▸ Export makes
(``exchange.export`` with the current video's path), and read back with plain parsers.
"""

from __future__ import annotations

import csv
import json
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from fractions import Fraction
from functools import cache
from pathlib import Path

import pytest
from click.testing import CliRunner

from annotator.cli import cli
from annotator.domain.frame_times import FrameTimes
from annotator.domain.label import Vocabulary
from annotator.domain.segment import Review, Segment, Verdict
from annotator.domain.video_info import VideoInfo
from annotator.project import exchange
from annotator.project.project import Project
from annotator.resources import vocabulary_path
from annotator.storage.project_store import ProjectStore

NTSC, NTSC60, FILM = Fraction(30000, 1001), Fraction(60000, 1001), Fraction(24000, 1001)
PHONE_TICKS = 90_000  # per second
PHONE_PTS = (2970, 5970, 8970, 14970, 16470, 17970, 20973, 23973, 28473, 31473, 34473, 37473)
PHONE_END = 40473


@dataclass(frozen=True)
class Clip:
    name: str
    fps: Fraction
    frame_count: int
    spans: tuple[tuple[int, int, str, str], ...]  # start, end, label, note
    pts: tuple[int, ...] = ()  # a variable-rate table, in 1/90000 s

    def ms(self, frame: int) -> int:
        """``t(frame)`` in ms, rounded half up, from the first frame."""
        if self.pts:
            ticks = (self.pts[frame] if frame < len(self.pts) else PHONE_END) - self.pts[0]
            exact = Fraction(ticks * 1000, PHONE_TICKS)
        else:
            exact = frame * 1000 / self.fps
        return int(exact + Fraction(1, 2))  # floor(x + 1/2): half up

    def info(self) -> VideoInfo:
        times = (
            FrameTimes(Fraction(1, PHONE_TICKS), self.pts, PHONE_END)
            if self.pts
            else FrameTimes.constant(self.fps, self.frame_count)
        )
        return VideoInfo(
            path=self.name, codec="h264", width=320, height=180, fps=self.fps,
            frame_count=self.frame_count, duration_s=times.duration_s, start_time_s=times.start_s,
            has_audio=False, is_vfr=bool(self.pts), frame_times=times if self.pts else None,
        )  # fmt: skip


L, D, G, C = "laughter", "driving", "gift exchange", "conversation"
CLIPS = (
    Clip("clip25.mp4", Fraction(25), 800, ((0, 1, L, ""), (49, 751, D, "a, b"), (799, 800, G, ""))),
    Clip("film.mp4", FILM, 3000, ((12, 36, L, ""), (1439, 1440, D, ""), (2999, 3000, L, ""))),
    # 15 and 45: 500.5 and 1501.5 ms. 1800: minute one starts at ;02. 17982: the tenth minute keeps ;00.
    Clip(
        "ntsc.mp4", NTSC, 20000,
        ((15, 45, L, "x"), (1799, 1800, D, ""), (1800, 3598, L, ""), (17981, 17982, D, ""),
         (17982, 20000, C, "line one\nline two")),
    ),
    # 30: 500.5 ms. 3600: minute one starts at ;04. 35964: the tenth minute.
    Clip("ntsc60.mp4", NTSC60, 40000, ((30, 3600, D, ""), (35963, 35964, L, ""), (35964, 40000, L, ""))),
    Clip("phone.mp4", Fraction(30), 12, ((0, 1, L, ""), (2, 5, D, "<b> & c"), (11, 12, D, "")), PHONE_PTS),
)  # fmt: skip
VERDICTS = {
    ("ntsc.mp4", 15): (Verdict.APPROVED, "rita", "fine"),
    ("phone.mp4", 2): (Verdict.NEEDS_FIX, "rita", ""),
}


@cache
def clock_labels(fps: Fraction, last: int) -> tuple[str, ...]:
    """SMPTE labels of frames 0..last, counted as a clock counts: frame digit up by one at
    the nominal rate; in drop-frame, each minute but every tenth skips its first 2 labels
    (4 at 59.94)."""
    nominal, drop = round(fps), fps in (NTSC, NTSC60)
    hours = minutes = seconds = frames = 0
    labels = []
    for _ in range(last + 1):
        labels.append(f"{hours:02d}:{minutes:02d}:{seconds:02d}{';' if drop else ':'}{frames:02d}")
        frames += 1
        if frames == nominal:
            frames, seconds = 0, seconds + 1
        if seconds == 60:
            seconds, minutes = 0, minutes + 1
        if minutes == 60:
            minutes, hours = 0, hours + 1
        if drop and seconds == 0 and frames == 0 and minutes % 10:
            frames = nominal // 15
    return tuple(labels)


def seconds_text(ms: int) -> str:
    return f"{ms // 1000}.{ms % 1000:03d}"


def clock_text(ms: int, separator: str) -> str:
    hours, rest = divmod(ms, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    return f"{hours:02d}:{minutes:02d}:{rest // 1000:02d}{separator}{rest % 1000:03d}"


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("export") / "proj"
    with ProjectStore.create(directory, Vocabulary.load(vocabulary_path("state-tv"))) as store:
        for number, clip in enumerate(CLIPS):
            video = store.add_video(f"media/{clip.name}", f"{number}-fp", clip.info())
            for start, end, label, note in clip.spans:
                label_id = store.label_by_name(label).id  # type: ignore[union-attr]
                segment = store.add_segment(
                    Segment(video.id, label_id, start, end, annotator="ana", note=note)
                )
                if (clip.name, start) in VERDICTS:
                    verdict, reviewer, review_note = VERDICTS[clip.name, start]
                    store.add_review(Review(segment.id, reviewer, verdict, review_note))
    return directory


def export(project: Path, route: str, fmt: str, out: Path, clip: Clip | None = None) -> Path:
    if route == "cli":
        video = ["--video", clip.name] if clip else []
        result = CliRunner().invoke(cli, ["export", str(project), "--format", fmt, "-o", str(out), *video])
        assert result.exit_code == 0, result.output
    else:  # what File ▸ Export runs (ui/project_actions.py): the current video by its stored path
        with Project.open(project) as opened:
            exchange.export(opened, fmt, out, video=f"media/{clip.name}" if clip else None)
    return out


ROUTES = ["cli", "app"]


@pytest.mark.parametrize("route", ROUTES)
def test_csv_cells(project: Path, tmp_path: Path, route: str) -> None:
    with export(project, route, "csv", tmp_path / "out.csv").open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    expected = []
    for clip in CLIPS:
        labels = clock_labels(clip.fps, clip.frame_count)
        for start, end, label, note in clip.spans:
            start_ms, end_ms = clip.ms(start), clip.ms(end)
            verdict, reviewer, review_note = VERDICTS.get((clip.name, start), (None, "", ""))
            expected.append({
                "video": clip.name, "label": label, "start_frame": str(start), "end_frame": str(end),
                "start_tc": labels[start], "end_tc": labels[end],
                "start_s": seconds_text(start_ms), "end_s": seconds_text(end_ms),
                "duration_s": seconds_text(end_ms - start_ms), "annotator": "ana", "note": note,
                "status": verdict.value if verdict else "unreviewed", "reviewer": reviewer,
                "review_note": review_note, "video_path": f"media/{clip.name}",
            })  # fmt: skip
    found = [{key: row[key] for key in expected[0]} for row in rows]
    assert sorted(found, key=repr) == sorted(expected, key=repr)


def test_spot_values_of_the_independent_arithmetic() -> None:
    """The helpers above, against values worked out by hand."""
    ntsc = CLIPS[2]
    assert (ntsc.ms(15), ntsc.ms(45), ntsc.ms(20000)) == (501, 1502, 667333)
    assert clock_labels(NTSC, 17982)[1800] == "00:01:00;02"
    assert clock_labels(NTSC, 17982)[17982] == "00:10:00;00"
    assert clock_labels(NTSC60, 3600)[3600] == "00:01:00;04"
    assert (CLIPS[4].ms(0), CLIPS[4].ms(2), CLIPS[4].ms(12)) == (0, 67, 417)


@pytest.mark.parametrize("route", ROUTES)
@pytest.mark.parametrize("clip", CLIPS, ids=lambda clip: clip.name)
def test_eaf_times_and_values(project: Path, tmp_path: Path, route: str, clip: Clip) -> None:
    root = ET.parse(export(project, route, "eaf", tmp_path / "out.eaf", clip)).getroot()
    slots = {slot.get("TIME_SLOT_ID"): int(slot.get("TIME_VALUE", "-1")) for slot in root.iter("TIME_SLOT")}
    found, notes = [], {}
    ids: dict[str, tuple[str, int, int]] = {}
    for tier in root.iter("TIER"):
        for aligned in tier.iter("ALIGNABLE_ANNOTATION"):
            key = (
                tier.get("TIER_ID"),
                slots[aligned.get("TIME_SLOT_REF1")],
                slots[aligned.get("TIME_SLOT_REF2")],
            )
            found.append((*key, aligned.findtext("ANNOTATION_VALUE")))
            ids[aligned.get("ANNOTATION_ID", "")] = key  # type: ignore[assignment]
        for ref in tier.iter("REF_ANNOTATION"):
            notes[ids[ref.get("ANNOTATION_REF", "")]] = ref.findtext("ANNOTATION_VALUE")
    expected = [(label, clip.ms(start), clip.ms(end), label) for start, end, label, _ in clip.spans]
    assert sorted(found) == sorted(expected)
    assert notes == {(label, clip.ms(s), clip.ms(e)): note for s, e, label, note in clip.spans if note}


def _cues(clip: Clip, separator: str) -> list[tuple[str, str]]:
    """(times line, text) of each cue, in start order."""
    cues = []
    for start, end, label, note in sorted(clip.spans, key=lambda span: (span[0], span[1], span[2])):
        times = f"{clock_text(clip.ms(start), separator)} --> {clock_text(clip.ms(end), separator)}"
        if separator == ".":  # WebVTT: no markup in the text
            note = note.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        cues.append((times, "\n".join(line for line in [label, *note.splitlines()] if line)))
    return cues


@pytest.mark.parametrize("route", ROUTES)
@pytest.mark.parametrize("clip", CLIPS, ids=lambda clip: clip.name)
def test_vtt_and_srt_cues(project: Path, tmp_path: Path, route: str, clip: Clip) -> None:
    vtt = export(project, route, "vtt", tmp_path / "out.vtt", clip).read_text(encoding="utf-8")
    header, *blocks = vtt.rstrip("\n").split("\n\n")
    assert header == "WEBVTT"
    # identifier (the segment id), times, text
    assert [tuple(block.split("\n", 2)[1:]) for block in blocks] == _cues(clip, ".")
    srt = export(project, route, "srt", tmp_path / "out.srt", clip).read_text(encoding="utf-8")
    blocks = srt.rstrip("\n").split("\n\n")
    assert [block.split("\n", 1)[0] for block in blocks] == [str(n) for n in range(1, len(blocks) + 1)]
    assert [tuple(block.split("\n", 2)[1:]) for block in blocks] == _cues(clip, ",")


@pytest.mark.parametrize("route", ROUTES)
def test_json_values(project: Path, tmp_path: Path, route: str) -> None:
    data = json.loads(export(project, route, "json", tmp_path / "out.json").read_text(encoding="utf-8"))
    videos = data["videos"]
    assert [video["name"] for video in videos] == [clip.name for clip in CLIPS]
    assert [video["fps"] for video in videos] == ["25/1", "24000/1001", "30000/1001", "60000/1001", "30/1"]
    assert [video["frame_count"] for video in videos] == [clip.frame_count for clip in CLIPS]
    assert videos[2]["duration_s"] == "2002/3"  # 20000 frames of 1001/30000 s
    phone = videos[4]
    start, duration = Fraction(PHONE_PTS[0], PHONE_TICKS), Fraction(PHONE_END - PHONE_PTS[0], PHONE_TICKS)
    assert (phone["start_time_s"], phone["duration_s"], phone["vfr"]) == (
        f"{start.numerator}/{start.denominator}",
        f"{duration.numerator}/{duration.denominator}",
        True,
    )
    assert phone["frame_times"] == {
        "time_base": "1/90000", "start_pts": 2970, "end_pts": 40473,
        "steps": [[3000, 2], [6000, 1], [1500, 2], [3003, 1], [3000, 1], [4500, 1], [3000, 3]],
    }  # fmt: skip
    assert all(video["frame_times"] is None for video in videos[:4])
    found = [
        (videos[s["video"]]["name"], s["start_frame"], s["end_frame"], s["label"], s["note"])
        for s in data["segments"]
    ]
    expected = [(clip.name, *span) for clip in CLIPS for span in clip.spans]
    assert sorted(found) == sorted(expected)
    by_id = {s["id"]: (videos[s["video"]]["name"], s["start_frame"]) for s in data["segments"]}
    reviews = {
        by_id[r["segment"]]: (Verdict(r["verdict"]), r["reviewer"], r["note"]) for r in data["reviews"]
    }
    assert reviews == VERDICTS

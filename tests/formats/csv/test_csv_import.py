"""CSV import of files written by people and spreadsheets: BOM, CRLF, semicolons, reordered
and extra columns, bounds as frames, timecodes or seconds, videos and labels as named."""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from pathlib import Path

import pytest
from csv_helpers import (
    CLIP,
    DRIVING,
    GIFTS,
    LABELS,
    NTSC_CLIP,
    PHONE,
    VIDEOS,
    export_text,
    import_text,
    make_video,
)

from annotator.domain.segment import Review, Segment, Source, Verdict
from annotator.formats.csv.errors import CsvImportError

HEADER = "video,label,start_frame,end_frame"


def _bounds(folder: Path, text: str) -> list[tuple[int, int, int]]:
    return [
        (i.segment.video_id, i.segment.start_frame, i.segment.end_frame) for i in import_text(folder, text)
    ]


def test_a_minimal_file(tmp_path: Path) -> None:
    (item,) = import_text(tmp_path, f"{HEADER}\nclip.mp4,driving,50,80\n")
    assert (item.segment.video_id, item.segment.label_id) == (CLIP.id, DRIVING.id)
    assert (item.segment.start_frame, item.segment.end_frame) == (50, 80)
    assert item.segment.source is Source.IMPORT
    assert item.review is None
    assert item.line == 2
    assert len(item.segment.id) == 36  # a new UUID


def test_a_spreadsheet_save_of_our_export_bom_crlf_reordered_and_extra_columns(tmp_path: Path) -> None:
    segment = Segment(CLIP.id, GIFTS.id or 0, 5, 9, annotator="ana", note='-5 dB, "low"')
    review = Review(segment.id, "rita", Verdict.NEEDS_FIX, "=late")
    header, row = (next(csv.reader(io.StringIO(line, newline=""))) for line in _lines(segment, review))
    # The note column moved first, names in capitals with spaces, a column of the analyst's own.
    order = [11, *(i for i in range(len(header)) if i != 11)]
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["Checked?", *(header[i].upper().replace("_", " ") for i in order)])
    writer.writerow(["yes", *(row[i] for i in order)])
    (item,) = import_text(tmp_path, out.getvalue(), encoding="utf-8-sig")
    expected = Segment(CLIP.id, GIFTS.id or 0, 5, 9, id=segment.id, annotator="ana", note='-5 dB, "low"')
    assert item.segment == replace(expected, source=Source.IMPORT)
    assert item.review == review


def _lines(segment: Segment, review: Review) -> list[str]:
    return export_text([segment], {segment.id: review}).split("\r\n")[:2]


def test_semicolons_and_decimal_commas_from_european_excel(tmp_path: Path) -> None:
    text = 'Video;Label;Start_s;End_s;Note\r\nclip.mp4;driving;2,000;3,2;"a; b"\r\n'
    (item,) = import_text(tmp_path, text, encoding="utf-8-sig")
    assert (item.segment.start_frame, item.segment.end_frame, item.segment.note) == (50, 80, "a; b")


def test_tabs_as_delimiter(tmp_path: Path) -> None:
    assert _bounds(tmp_path, "video\tlabel\tstart_frame\tend_frame\nclip.mp4\tdriving\t1\t2\n") == [(1, 1, 2)]


def test_header_names_ignore_case_spaces_and_hyphens(tmp_path: Path) -> None:
    text = " VIDEO , Label,Start Frame,end-frame\nclip.mp4,driving,1,2\n"
    assert _bounds(tmp_path, text) == [(1, 1, 2)]


def test_old_mac_line_ends_and_blank_lines_are_fine(tmp_path: Path) -> None:
    text = f"{HEADER}\r\rclip.mp4,driving,1,2\r,,,\r"
    (item,) = import_text(tmp_path, text)
    assert (item.segment.start_frame, item.line) == (1, 3)


def test_bounds_by_seconds_name_the_frame_holding_that_time(tmp_path: Path) -> None:
    text = (
        "video,label,start_s,end_s\n"
        "clip.mp4,driving,2,3.2\n"
        "clip.mp4,driving,2.039,32.000\n"  # 2.039 s is in frame 50 [2.00, 2.04); 32 s is the end
        "vfr.mp4,driving,0.14,0.233\n"  # VFR: frame 3 is [0.1333, 0.15), 0.233 is frame 7's time
    )
    assert _bounds(tmp_path, text) == [(1, 50, 80), (1, 50, 800), (3, 3, 7)]


def test_bounds_by_timecode_including_drop_frame(tmp_path: Path) -> None:
    text = (
        "video,label,start_tc,end_tc\n"
        "clip.mp4,driving,00:00:02:00,00:00:03:05\n"
        "ntsc.mp4,driving,00:00:59;29,00:01:00;02\n"
    )
    assert _bounds(tmp_path, text) == [(1, 50, 80), (2, 1799, 1800)]


def test_each_bound_takes_the_first_given_of_frame_timecode_seconds(tmp_path: Path) -> None:
    text = (
        "video,label,start_frame,start_tc,start_s,end_frame,end_tc,end_s\n"
        "clip.mp4,driving,,00:00:01:00,9.000,,,3.000\n"
        # Frames win: the (stale) timecode and seconds beside them are not consulted.
        "clip.mp4,driving,10,00:00:01:00,9.000,20,00:00:09:00,bad\n"
    )
    assert _bounds(tmp_path, text) == [(1, 25, 75), (1, 10, 20)]


def test_frames_written_as_whole_decimals_by_pandas(tmp_path: Path) -> None:
    assert _bounds(tmp_path, f"{HEADER}\nclip.mp4,driving,1.0,2.00\n") == [(1, 1, 2)]


def test_videos_by_name_path_or_id_and_a_shared_name_by_its_path(tmp_path: Path) -> None:
    twin = make_video(7, "other/clip.mp4", CLIP.info.fps, 100)
    videos = [*VIDEOS.values(), twin]
    text = (
        "video,video_path,label,start_frame,end_frame\n"
        "ntsc.mp4,,driving,1,2\n"
        "NTSC.MP4,,driving,1,2\n"
        "phone/vfr.mp4,,driving,1,2\n"
        "2,,driving,1,2\n"
        "clip.mp4,other/clip.mp4,driving,1,2\n"
        ",media/clip.mp4,driving,1,2\n"
    )
    ids = [item.segment.video_id for item in import_text(tmp_path, text, videos=videos)]
    assert ids == [NTSC_CLIP.id, NTSC_CLIP.id, PHONE.id, NTSC_CLIP.id, twin.id, CLIP.id]


def test_a_file_name_shared_by_two_videos_is_refused_listing_them(tmp_path: Path) -> None:
    twin = make_video(7, "other/clip.mp4", CLIP.info.fps, 100)
    with pytest.raises(CsvImportError) as caught:
        import_text(tmp_path, f"{HEADER}\nclip.mp4,driving,1,2\n", videos=[*VIDEOS.values(), twin])
    assert str(caught.value) == (
        "data.csv line 2, field video: 'clip.mp4' names 2 videos (media/clip.mp4, other/clip.mp4); "
        "give its path or id"
    )


def test_labels_match_regardless_of_case_and_spaces(tmp_path: Path) -> None:
    text = f"{HEADER}\nclip.mp4, GIFT EXCHANGE ,1,2\nclip.mp4,Driving,1,2\n"
    assert [i.segment.label_id for i in import_text(tmp_path, text)] == [GIFTS.id, DRIVING.id]


def test_ids_are_kept_canonical_and_empty_ones_are_new(tmp_path: Path) -> None:
    text = (
        "segment_id,video,label,start_frame,end_frame\n"
        "6F9619FF-8B86-D011-B42D-00C04FC964FF,clip.mp4,driving,1,2\n"
        ",clip.mp4,driving,1,2\n"
        ",clip.mp4,driving,1,2\n"
    )
    ids = [item.segment.id for item in import_text(tmp_path, text)]
    assert ids[0] == "6f9619ff-8b86-d011-b42d-00c04fc964ff"
    assert len(set(ids)) == 3


def test_statuses_as_people_write_them(tmp_path: Path) -> None:
    text = (
        "video,label,start_frame,end_frame,status,reviewer,review_note\n"
        "clip.mp4,driving,1,2,Needs fix,rita,too long\n"
        "clip.mp4,driving,1,2,APPROVED,,\n"
        "clip.mp4,driving,1,2,Unreviewed,,\n"
        "clip.mp4,driving,1,2,,,\n"
    )
    reviews = [item.review for item in import_text(tmp_path, text)]
    assert [(r.verdict, r.reviewer, r.note) if r else None for r in reviews] == [
        (Verdict.NEEDS_FIX, "rita", "too long"),
        (Verdict.APPROVED, "", ""),
        None,
        None,
    ]


def test_a_file_with_only_a_header_imports_nothing(tmp_path: Path) -> None:
    assert import_text(tmp_path, export_text([])) == []


def test_every_label_and_video_is_found_by_an_export_of_them(tmp_path: Path) -> None:
    segments = [Segment(v, label, 0, 1) for v in VIDEOS for label in LABELS]
    assert [i.segment.id for i in import_text(tmp_path, export_text(segments))] == [s.id for s in segments]

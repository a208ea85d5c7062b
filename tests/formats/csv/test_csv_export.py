"""CSV export: the column contract, exact seconds from the timestamp table, timecodes,
formula escaping, reviews, and a file that is never half written."""

from __future__ import annotations

import csv
import io
import os
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
    export_rows,
    export_text,
)

from annotator.domain.segment import Review, Segment, Verdict
from annotator.formats.csv.columns import COLUMNS, HEADER
from annotator.formats.csv.writer import LINE_TERMINATOR, save_csv, write_csv


def test_header_is_the_contract_columns_in_order_then_the_extras() -> None:
    header = export_text([]).split(LINE_TERMINATOR)[0]
    assert header.split(",") == [
        *("segment_id", "video", "label", "start_frame", "end_frame", "start_tc", "end_tc"),
        *("start_s", "end_s", "duration_s", "annotator", "note", "status", "reviewer", "review_note"),
        *("video_path", "attributes", "source"),
    ]
    assert HEADER[: len(COLUMNS)] == COLUMNS


def test_a_25fps_row() -> None:
    segment = Segment(CLIP.id, DRIVING.id or 0, 50, 80, annotator="ana", note="wheel swap")
    (row,) = export_rows([segment])
    assert row == {
        "segment_id": segment.id,
        "video": "clip.mp4",
        "label": "driving",
        "start_frame": "50",
        "end_frame": "80",
        "start_tc": "00:00:02:00",
        "end_tc": "00:00:03:05",
        "start_s": "2.000",
        "end_s": "3.200",
        "duration_s": "1.200",
        "annotator": "ana",
        "note": "wheel swap",
        "status": "unreviewed",
        "reviewer": "",
        "review_note": "",
        "video_path": "media/clip.mp4",
        "attributes": "",
        "source": "manual",
    }


def test_rows_end_in_crlf_and_the_count_is_returned() -> None:
    out = io.StringIO(newline="")
    segments = [Segment(CLIP.id, DRIVING.id or 0, n, n + 1) for n in range(5)]
    assert write_csv(out, segments, VIDEOS, LABELS, {}) == 5
    assert out.getvalue().count("\r\n") == 6
    assert "\n" not in out.getvalue().replace("\r\n", "")


def test_seconds_come_from_the_vfr_table_not_from_n_over_fps() -> None:
    # Frame 3 is at 0.1333 s (a 60 fps frame came before it); 3 / 30 fps would say 0.100.
    # The first frame is at 0.033 s in the container; times count from it.
    (row,) = export_rows([Segment(PHONE.id, DRIVING.id or 0, 3, 7)])
    assert (row["start_s"], row["end_s"], row["duration_s"]) == ("0.133", "0.233", "0.100")
    (first,) = export_rows([Segment(PHONE.id, DRIVING.id or 0, 0, 1)])
    assert first["start_s"] == "0.000"


def test_seconds_round_to_the_millisecond_half_up_and_durations_add_up() -> None:
    # 29.97: frame 1 at 33.3667 ms, frame 2 at 66.7333 ms.
    (row,) = export_rows([Segment(NTSC_CLIP.id, DRIVING.id or 0, 1, 2)])
    assert (row["start_s"], row["end_s"], row["duration_s"]) == ("0.033", "0.067", "0.034")


def test_the_last_frame_ends_at_the_duration() -> None:
    (row,) = export_rows([Segment(CLIP.id, DRIVING.id or 0, 799, 800)])
    assert (row["end_s"], row["end_tc"]) == ("32.000", "00:00:32:00")


def test_drop_frame_timecodes_at_2997() -> None:
    # 1800 is the first frame of minute one: 00:01:00;02 (;00 and ;01 are skipped).
    (row,) = export_rows([Segment(NTSC_CLIP.id, DRIVING.id or 0, 1799, 1800)])
    assert (row["start_tc"], row["end_tc"]) == ("00:00:59;29", "00:01:00;02")
    (tenth,) = export_rows([Segment(NTSC_CLIP.id, DRIVING.id or 0, 17982, 17983)])
    assert tenth["start_tc"] == "00:10:00;00"


def test_end_tc_names_end_frame_the_first_frame_after_the_segment() -> None:
    (row,) = export_rows([Segment(CLIP.id, DRIVING.id or 0, 0, 1)])
    assert (row["start_tc"], row["end_tc"]) == ("00:00:00:00", "00:00:00:01")


@pytest.mark.parametrize(
    ("note", "cell"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+1", "'+1"),
        ("-5 dB", "'-5 dB"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tindented", "'\tindented"),
        ("\rreturn", "'\rreturn"),
        ("'quoted", "''quoted"),
        ("a = b", "a = b"),
        ("", ""),
    ],
)
def test_formula_cells_are_escaped(note: str, cell: str) -> None:
    segment = Segment(CLIP.id, DRIVING.id or 0, 0, 1, note=note, annotator=note)
    (row,) = export_rows([segment], {segment.id: Review(segment.id, note, Verdict.REJECTED, note)})
    assert row["note"] == row["annotator"] == row["reviewer"] == row["review_note"] == cell


def test_status_and_review_columns_come_from_the_latest_review() -> None:
    approved = Segment(CLIP.id, DRIVING.id or 0, 0, 10)
    fixing = Segment(CLIP.id, GIFTS.id or 0, 10, 20)
    open_ = Segment(CLIP.id, GIFTS.id or 0, 20, 30)
    reviews = {
        approved.id: Review(approved.id, "rita", Verdict.APPROVED),
        fixing.id: Review(fixing.id, "rita", Verdict.NEEDS_FIX, "starts late"),
    }
    rows = export_rows([approved, fixing, open_], reviews)
    assert [(r["status"], r["reviewer"], r["review_note"], r["label"]) for r in rows] == [
        ("approved", "rita", "", "driving"),
        ("needs_fix", "rita", "starts late", "Gift exchange"),
        ("unreviewed", "", "", "Gift exchange"),
    ]


def test_attributes_are_a_json_object_and_notes_keep_commas_quotes_newlines() -> None:
    note = 'he said "stop", then\nleft'
    segment = Segment(
        CLIP.id, DRIVING.id or 0, 0, 1, note=note, attributes={"shot": 3, "cam": "B", "ort": "Zürich"}
    )
    (row,) = export_rows([segment])
    assert row["attributes"] == '{"cam": "B", "ort": "Zürich", "shot": 3}'  # sorted keys, text as written
    assert row["note"] == note


def test_an_unknown_video_or_label_is_a_clear_error() -> None:
    with pytest.raises(KeyError, match="video 99"):
        export_text([Segment(99, DRIVING.id or 0, 0, 1)])
    with pytest.raises(KeyError, match="label 99"):
        export_text([Segment(CLIP.id, 99, 0, 1)])


def test_a_segment_past_the_end_of_its_video_is_refused() -> None:
    with pytest.raises(ValueError, match=r"past the last frame of clip\.mp4"):
        export_text([Segment(CLIP.id, DRIVING.id or 0, 10, 801)])


def test_save_csv_writes_utf8_and_replaces_the_file_only_when_complete(tmp_path: Path) -> None:
    path = tmp_path / "out.csv"
    segment = Segment(CLIP.id, DRIVING.id or 0, 0, 1, note="Gespräch 🚗")
    assert save_csv(path, [segment], VIDEOS, LABELS, {}) == 1
    assert "Gespräch 🚗" in path.read_bytes().decode("utf-8")
    before = path.read_bytes()
    with pytest.raises(KeyError):
        save_csv(path, [segment, Segment(99, DRIVING.id or 0, 0, 1)], VIDEOS, LABELS, {})
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]


def test_save_csv_can_start_with_a_bom_for_excel(tmp_path: Path) -> None:
    path = tmp_path / "excel.csv"
    save_csv(path, [], VIDEOS, LABELS, {}, excel_bom=True)
    assert path.read_bytes().startswith(b"\xef\xbb\xbfsegment_id,")


def test_the_output_is_plain_rfc4180_for_pandas_like_readers() -> None:
    segment = Segment(CLIP.id, DRIVING.id or 0, 0, 1, note='a,"b"\r\nc')
    rows = list(csv.reader(io.StringIO(export_text([segment]), newline="")))
    assert len(rows) == 2
    assert rows[1][11] == 'a,"b"\r\nc'


def test_save_csv_gives_the_file_the_usual_permissions(tmp_path: Path) -> None:
    umask = os.umask(0o022)
    os.umask(umask)
    path = tmp_path / "shared.csv"
    save_csv(path, [], VIDEOS, LABELS, {})
    assert path.stat().st_mode & 0o777 == 0o666 & ~umask

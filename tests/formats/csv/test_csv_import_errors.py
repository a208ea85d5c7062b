"""CSV import refuses bad input as a whole, naming the file, the physical line and the field."""

from __future__ import annotations

from pathlib import Path

import pytest
from csv_helpers import LABELS, VIDEOS, import_text, write_file

from annotator.formats.csv.errors import CsvImportError
from annotator.formats.csv.reader import read_csv

HEADER = (
    "segment_id,video,label,start_frame,end_frame,start_tc,end_tc,start_s,end_s,status,reviewer,attributes"
)
GOOD = ",clip.mp4,driving,1,2,,,,,,,"


def _error(folder: Path, text: str, encoding: str = "utf-8") -> str:
    with pytest.raises(CsvImportError) as caught:
        import_text(folder, text, encoding=encoding)
    return str(caught.value)


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (
            ",nope.mp4,driving,1,2,,,,,,,",
            "field video: no video 'nope.mp4' in the project (videos: clip.mp4, ntsc.mp4, vfr.mp4)",
        ),
        (",,driving,1,2,,,,,,,", "field video: empty: name the video by its file name, path or id"),
        (
            ",clip.mp4,dancing,1,2,,,,,,,",
            "field label: no label 'dancing' in the vocabulary (labels: driving, laughter, Gift exchange)",
        ),
        (",clip.mp4,,1,2,,,,,,,", "field label: empty: every segment needs a label"),
        (
            ",clip.mp4,driving,80,50,,,,,,,",
            "field end_frame: the end (frame 50) must come after the start (frame 80)",
        ),
        (
            ",clip.mp4,driving,50,50,,,,,,,",
            "field end_frame: the end (frame 50) must come after the start (frame 50)",
        ),
        (
            ",clip.mp4,driving,10,900,,,,,,,",
            "field end_frame: 900 is past the last frame of clip.mp4 (799; an end is at most 800)",
        ),
        (
            ",clip.mp4,driving,800,801,,,,,,,",
            "field start_frame: 800 is past the last frame of clip.mp4 (799)",
        ),
        (",clip.mp4,driving,-1,2,,,,,,,", "field start_frame: -1 is negative; frames count from 0"),
        (",clip.mp4,driving,'-1,2,,,,,,,", "field start_frame: -1 is negative; frames count from 0"),
        (",clip.mp4,driving,one,2,,,,,,,", "field start_frame: 'one' is not a whole number of frames"),
        (",clip.mp4,driving,1.5,2,,,,,,,", "field start_frame: '1.5' is not a whole number of frames"),
        (",clip.mp4,driving,,2,,,,,,,", "field start_frame: empty: give start_frame, start_tc or start_s"),
        (",clip.mp4,driving,1,,,00:00:01,,,,,", "field end_tc: not a timecode (HH:MM:SS:FF): '00:00:01'"),
        (
            ",clip.mp4,driving,1,,,00:00:01:25,,,,,",
            "field end_tc: timecode out of range at 25 frames/s: '00:00:01:25'",
        ),
        (
            ",clip.mp4,driving,1,,,00:00:01;05,,,,,",
            "field end_tc: drop-frame timecode '00:00:01;05' needs 29.97 or 59.94 fps",
        ),
        (
            ",ntsc.mp4,driving,,2,00:01:00;00,,,,,,",
            "field start_tc: '00:01:00;00' does not exist in drop-frame timecode",
        ),
        (",clip.mp4,driving,1,,,,,1e3,,,", "field end_s: '1e3' is not a number of seconds"),
        (
            ",clip.mp4,driving,1,,,,,-2.5,,,",
            "field end_s: -2.5 is negative; times count from the first frame",
        ),
        (",clip.mp4,driving,1,,,,,40,,,", "field end_s: 40 s is past the end of clip.mp4 (32.000 s long)"),
        (",clip.mp4,driving,,2,,,32,,,,", "field start_s: 32 s is past the end of clip.mp4 (32.000 s long)"),
        (
            "42,clip.mp4,driving,1,2,,,,,,,",
            "field segment_id: '42' is not a UUID; leave it empty for a new id",
        ),
        (
            ",clip.mp4,driving,1,2,,,,,done,,",
            "field status: 'done' is not a status (unreviewed, approved, rejected, needs_fix)",
        ),
        (",clip.mp4,driving,1,2,,,,,,rita,", "field status: empty, but there is a reviewer or review note"),
        (
            ",clip.mp4,driving,1,2,,,,,unreviewed,rita,",
            "field status: unreviewed, but there is a reviewer or review note",
        ),
        (
            ",clip.mp4,driving,1,2,,,,,,,[1]",
            'field attributes: must be a JSON object, like {"speaker": "anchor"}',
        ),
        (
            ",clip.mp4,driving,1,2,,,,,,,{x",
            "field attributes: not JSON (Expecting property name enclosed in double quotes at character 2)",
        ),
        (
            ",clip.mp4,driving,1,2,,,,,,,,extra",
            "data.csv line 3: 13 cells, but the header names only 12 columns",
        ),
    ],
)
def test_a_bad_row_is_refused_with_its_line_and_field(tmp_path: Path, row: str, message: str) -> None:
    error = _error(tmp_path, f"{HEADER}\n{GOOD}\n{row}\n{GOOD}\n")
    assert error == (f"data.csv line 3, {message}" if message.startswith("field") else message)


@pytest.mark.parametrize(
    "row",
    [",clip.mp4,driving,799,800,,,,,,,", ",clip.mp4,driving,1,2,,,,,,,,", ",clip.mp4,driving,1,2,,,,,,,, ,"],
)
def test_the_last_frame_and_empty_extra_cells_are_accepted(tmp_path: Path, row: str) -> None:
    """An end at the frame count is the end of the video; cells past the header that hold
    only spaces are what spreadsheets leave behind."""
    (imported,) = import_text(tmp_path, f"{HEADER}\n{row}\n")
    assert (imported.segment.start_frame, imported.segment.end_frame) == tuple(
        int(c) for c in row.split(",")[3:5]
    )


def test_a_short_row_is_read_with_its_missing_cells_empty(tmp_path: Path) -> None:
    (imported,) = import_text(tmp_path, f"{HEADER}\n,clip.mp4,driving,1,2\n")
    assert (imported.segment.note, imported.segment.attributes, imported.review) == ("", {}, None)


def test_one_bad_row_among_good_ones_imports_nothing_and_every_problem_is_listed(tmp_path: Path) -> None:
    rows = [GOOD] * 50 + [",clip.mp4,driving,900,901,,,,,,,"] + [GOOD] * 10 + [",clip.mp4,nope,1,2,,,,,,,"]
    path = write_file(tmp_path, "\n".join([HEADER, *rows]) + "\n")
    with pytest.raises(CsvImportError) as caught:
        read_csv(path, list(VIDEOS.values()), list(LABELS.values()))
    assert str(caught.value).startswith("data.csv line 52, field start_frame: 900 is past the last frame")
    assert str(caught.value).endswith("(and 1 more problem)")
    assert [(p.line, p.field) for p in caught.value.problems] == [(52, "start_frame"), (63, "label")]


def test_line_numbers_count_the_physical_lines_of_multi_line_notes(tmp_path: Path) -> None:
    text = 'video,label,start_frame,end_frame,note\nclip.mp4,driving,1,2,"one\ntwo\nthree"\n'
    text += "clip.mp4,driving,1,0,\n"
    assert _error(tmp_path, text).startswith("data.csv line 5, field end_frame:")


def test_the_same_segment_id_twice_is_refused(tmp_path: Path) -> None:
    uid = "6f9619ff-8b86-d011-b42d-00c04fc964ff"
    text = f"{HEADER}\n{uid}{GOOD}\n{GOOD}\n{uid.upper()}{GOOD}\n"
    assert _error(tmp_path, text) == f"data.csv line 4, field segment_id: {uid} is already used on line 2"


@pytest.mark.parametrize(
    ("header", "message"),
    [
        ("video,start_frame,end_frame", "data.csv line 1: missing column label"),
        (
            "label,start_frame,end_frame",
            "data.csv line 1: missing column video (the video's file name, path or id)",
        ),
        (
            "video,label,end_frame",
            "data.csv line 1: missing column for the start: start_frame, start_tc or start_s",
        ),
        (
            "video,label,start_s,start_frame",
            "data.csv line 1: missing column for the end: end_frame, end_tc or end_s",
        ),
        (
            "video,label,start_frame,end_frame,Video",
            "data.csv line 1, field video: column video appears twice",
        ),
        (
            '{"segments": [1, 2]}',
            "data.csv line 1: not an annotation CSV: the header names none of the columns",
        ),
    ],
)
def test_a_header_without_what_rows_need_is_refused(tmp_path: Path, header: str, message: str) -> None:
    assert _error(tmp_path, f"{header}\nclip.mp4,driving,1,2\n").startswith(message)


def test_missing_columns_are_all_named_at_once(tmp_path: Path) -> None:
    with pytest.raises(CsvImportError) as caught:
        import_text(tmp_path, "video,note\n")
    assert [p.reason for p in caught.value.problems] == [
        "missing column label",
        "missing column for the start: start_frame, start_tc or start_s",
        "missing column for the end: end_frame, end_tc or end_s",
    ]


@pytest.mark.parametrize("content", [b"", b"\xef\xbb\xbf", b"\r\n\r\n  "])
def test_an_empty_file_is_refused(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "data.csv"
    path.write_bytes(content)
    with pytest.raises(CsvImportError, match=r"^data\.csv: the file is empty$"):
        read_csv(path, [], [])


def test_a_file_that_is_not_utf8_is_refused_with_the_line(tmp_path: Path) -> None:
    message = _error(
        tmp_path, "video,label,start_frame,end_frame,note\nclip.mp4,driving,1,2,café\n", encoding="latin-1"
    )
    assert message == "data.csv line 2: not UTF-8 text (byte 0xe9); save the file as CSV UTF-8"


def test_utf16_or_binary_is_refused(tmp_path: Path) -> None:
    message = _error(tmp_path, "video,label,start_frame,end_frame\n", encoding="utf-16")
    assert message.startswith("data.csv: not a CSV text file (it holds NUL bytes")
    path = tmp_path / "clip.csv"
    path.write_bytes(bytes(range(256)))
    with pytest.raises(CsvImportError, match=r"^clip\.csv: not a CSV text file"):
        read_csv(path, [], [])


def test_broken_quoting_is_refused(tmp_path: Path) -> None:
    message = _error(tmp_path, 'video,label,start_frame,end_frame\nclip.mp4,"driving"x,1,2\n')
    assert message.startswith("data.csv line 2: not valid CSV:")


def test_a_missing_file_is_refused_naming_it(tmp_path: Path) -> None:
    with pytest.raises(CsvImportError, match=r"^gone\.csv: cannot read the file: No such file"):
        read_csv(tmp_path / "gone.csv", [], [])


def test_the_message_counts_the_other_problems(tmp_path: Path) -> None:
    rows = [",clip.mp4,nope,1,2,,,,,,,"] * 3
    path = write_file(tmp_path, "\n".join([HEADER, *rows]) + "\n")
    with pytest.raises(CsvImportError) as caught:
        read_csv(path, list(VIDEOS.values()), list(LABELS.values()))
    assert str(caught.value).endswith("(and 2 more problems)")
    assert caught.value.path == path
    with pytest.raises(ValueError, match=r"^a CsvImportError needs at least one problem$"):
        CsvImportError(path, [])


def test_frames_written_as_pandas_writes_them(tmp_path: Path) -> None:
    (imported,) = import_text(tmp_path, f"{HEADER}\n,clip.mp4,driving,12.0,30.,,,,,,,\n")
    assert (imported.segment.start_frame, imported.segment.end_frame) == (12, 30)


def _many_videos() -> list:
    from fractions import Fraction

    from csv_helpers import make_video

    paths = ["media/a/clip.mp4", "media/b/clip.mp4", "other/Clip2.MP4"] + [
        f"more/v{n}.mp4" for n in range(4, 11)
    ]
    return [make_video(number, path, Fraction(25), 100) for number, path in enumerate(paths, 1)]


@pytest.mark.parametrize(
    ("video", "video_path", "found"),
    [
        ("media/a/clip.mp4", "", 1),
        ("media\\b\\clip.mp4", "", 2),
        ("clip2.mp4", "", 3),
        ("3", "", 3),
        ("clip.mp4", "media/b/clip.mp4", 2),
        ("", "media/a/clip.mp4", 1),
    ],
)
def test_a_video_is_found_by_path_name_or_id(tmp_path: Path, video: str, video_path: str, found: int) -> None:
    path = write_file(
        tmp_path, f"video,video_path,label,start_frame,end_frame\n{video},{video_path},driving,1,2\n"
    )
    (imported,) = read_csv(path, _many_videos(), list(LABELS.values()))
    assert imported.segment.video_id == found


@pytest.mark.parametrize(
    ("video", "message"),
    [
        (
            "clip.mp4",
            "'clip.mp4' names 2 videos (media/a/clip.mp4, media/b/clip.mp4); give its path or id",
        ),
        (
            "nope.mp4",
            "no video 'nope.mp4' in the project (videos: clip.mp4, clip.mp4, Clip2.MP4, v4.mp4, v5.mp4, "
            "v6.mp4, v7.mp4, v8.mp4, ... (10 in all))",
        ),
    ],
)
def test_a_video_named_ambiguously_or_not_at_all(tmp_path: Path, video: str, message: str) -> None:
    path = write_file(tmp_path, f"video,label,start_frame,end_frame\n{video},driving,1,2\n")
    with pytest.raises(CsvImportError) as caught:
        read_csv(path, _many_videos(), list(LABELS.values()))
    assert str(caught.value) == f"data.csv line 2, field video: {message}"


def test_with_no_video_at_all_the_message_says_none(tmp_path: Path) -> None:
    path = write_file(tmp_path, "video,label,start_frame,end_frame\nclip.mp4,driving,1,2\n")
    with pytest.raises(CsvImportError) as caught:
        read_csv(path, [], list(LABELS.values()))
    assert (
        str(caught.value) == "data.csv line 2, field video: no video 'clip.mp4' in the project (videos: none)"
    )


@pytest.mark.parametrize(
    ("start_s", "end_s", "bounds"),
    [
        ("31.960", "32.000", (799, 800)),  # the last frame, to the end
        ("31.960", "32.0005", (799, 800)),  # half a millisecond over the end is the end
        ("31.960", "31.9995", (799, 800)),  # so is half a millisecond before it
        ("31.9595", "31.9996", (799, 800)),  # a start rounded down by half a ms is its frame
    ],
)
def test_seconds_at_the_end_of_the_video(
    tmp_path: Path, start_s: str, end_s: str, bounds: tuple[int, int]
) -> None:
    (imported,) = import_text(tmp_path, f"video,label,start_s,end_s\nclip.mp4,driving,{start_s},{end_s}\n")
    assert (imported.segment.start_frame, imported.segment.end_frame) == bounds


@pytest.mark.parametrize(("cells", "field"), [("31.960,32.0006", "end_s"), ("31.9995,32.000", "start_s")])
def test_seconds_past_the_end_are_refused(tmp_path: Path, cells: str, field: str) -> None:
    text = dict(zip(("start_s", "end_s"), cells.split(","), strict=True))[field]
    message = _error(tmp_path, f"video,label,start_s,end_s\nclip.mp4,driving,{cells}\n")
    assert message == f"data.csv line 2, field {field}: {text} s is past the end of clip.mp4 (32.000 s long)"


def test_frames_up_to_the_last_and_an_end_at_the_video_end_are_taken(tmp_path: Path) -> None:
    (imported,) = import_text(tmp_path, "video,label,start_frame,end_frame\nclip.mp4,driving,799,800\n")
    assert (imported.segment.start_frame, imported.segment.end_frame) == (799, 800)

"""``annotator agreement``: the JSON/CSV/text contract, hand-checked numbers, pooling over
videos, and bad input as one line with exit status 2."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from annotator.analysis.reliability import kappa_from_table
from annotator.domain.label import Label
from annotator.domain.segment import Segment, Source
from annotator.project.project import Project


def add(project: Path, *rows: tuple[int, str, int, int, str], source: Source = Source.MANUAL) -> None:
    """Segments (video id, label, start, end, annotator)."""
    with Project.open(project) as opened:
        ids = {label.name: label.id for label in opened.store.labels()}
        opened.store.add_segments(
            [
                Segment(video, ids[label], start, end, annotator=coder, source=source)
                for video, label, start, end, coder in rows
            ]
        )


@pytest.fixture
def coded(project: Path) -> Path:
    # 100 frames. laughter: ana 0-9 and 50-59, ben 2-9 and 80-89 (IoU 8/10 and none);
    # driving: only ana. A proposal by ben and a segment by carl are left out.
    add(
        project,
        (1, "laughter", 0, 10, "ana"),
        (1, "laughter", 50, 60, "ana"),
        (1, "laughter", 2, 10, "ben"),
        (1, "laughter", 80, 90, "ben"),
        (1, "driving", 0, 100, "ana"),
        (1, "laughter", 30, 40, "carl"),
    )
    add(project, (1, "laughter", 50, 60, "ben"), source=Source.PROPOSAL)
    return project


def test_json_contract_with_hand_checked_figures(run, coded: Path) -> None:
    result = run("agreement", coded, "--coders", "ana,ben", "--format", "json")
    assert result.exit_code == 0, result.output
    assert result.output.startswith('{\n "video": "numbered_25.mp4",\n "coders": [\n  "ana",\n  "ben"\n ],\n')
    assert result.output.endswith("\n}\n")  # one space per level, as every JSON this tool writes
    report = json.loads(result.output)
    assert (report["video"], report["coders"], report["frames"]) == ("numbered_25.mp4", ["ana", "ben"], 100)
    laughter = report["labels"]["laughter"]
    # frames: ana 20, ben 18, both 8; table [[70, 10], [12, 8]]
    assert laughter["kappa"] == pytest.approx(kappa_from_table([[70, 10], [12, 8]]))
    assert (laughter["precision"], laughter["recall"], laughter["matched"]) == (0.5, 0.5, 1)
    assert (laughter["start_diff_median"], laughter["end_diff_p90"]) == (2, 0)
    assert list(laughter) == [
        "kappa", "alpha", "precision", "recall", "f1", "matched",
        "start_diff_median", "start_diff_p90", "end_diff_median", "end_diff_p90",
    ]  # fmt: skip
    driving = report["labels"]["driving"]
    assert driving["kappa"] == 0  # ana marks every frame, ben none: p_o = p_e = 0
    assert driving["recall"] == 0
    assert driving["precision"] is None
    assert set(report["overall"]) == {"alpha"}


def test_text_says_why_a_figure_is_undefined(run, coded: Path) -> None:
    result = run("agreement", coded, "--coders", "ana,ben", "--labels", " Driving ")
    assert result.exit_code == 0, result.output
    assert "driving: precision: undefined: the compared coder has no segments" in result.output
    assert "laughter" not in result.output
    assert "ana (reference)" in result.output


def test_csv_rows_per_label_and_overall(run, coded: Path, tmp_path: Path) -> None:
    out = tmp_path / "agreement.csv"
    result = run("agreement", coded, "--coders", "ana,ben", "--format", "csv", "-o", out, "--iou", "0.9")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert [(r["video"], r["label"]) for r in rows] == [
        ("numbered_25.mp4", "laughter"),
        ("numbered_25.mp4", "driving"),
        ("numbered_25.mp4", "*"),
    ]
    assert rows[0]["matched"] == "0"  # IoU 0.8 < 0.9
    assert rows[1]["precision"] == ""
    assert rows[2]["alpha"] != ""
    assert rows[2]["kappa"] == ""


def test_pooled_concatenates_the_videos_frames(run, coded: Path, clip_2997: Path) -> None:
    assert run("add-video", coded, clip_2997).exit_code == 0  # 120 frames, video 2
    add(coded, (2, "laughter", 0, 20, "ana"))
    result = run("agreement", coded, "--coders", "ana,ben", "--labels", "laughter", "--format", "json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert [v["video"] for v in report["videos"]] == ["numbered_25.mp4", "numbered_2997.mp4"]
    pooled = report["pooled"]
    assert (pooled["video"], pooled["videos"], pooled["frames"]) == (
        None,
        ["numbered_25.mp4", "numbered_2997.mp4"],
        220,
    )
    # video 1's table [[70, 10], [12, 8]] plus video 2's [[100, 0], [20, 0]]
    assert pooled["labels"]["laughter"]["kappa"] == pytest.approx(kappa_from_table([[170, 10], [32, 8]]))
    assert pooled["labels"]["laughter"]["recall"] == pytest.approx(1 / 3)  # 1 matched of ana's 3
    one = run("agreement", coded, "--coders", "ana,ben", "--video", "numbered_2997.mp4", "--format", "json")
    assert json.loads(one.output)["frames"] == 120


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--coders", "ana"), "at least two"),
        (("--coders", "ana,ana"), "more than once"),
        (("--coders", "ana,bne"), "coder 'bne' has no segments in the project (coders: ana, ben, carl)"),
        (("--coders", "ana,ben", "--iou", "0"), "--iou must be greater than 0"),
        (("--coders", "ana,ben", "--iou", "half"), "--iou: expected a number"),
        (("--coders", "ana,ben", "--labels", "laughing"), "no label 'laughing'"),
        (("--coders", "ana,ben", "--video", "nope.mp4"), "no video 'nope.mp4'"),
        (
            ("--coders", "ana,ben", "--video", "numbered_25.mp4", "--video", "1"),
            "Error: --video names the same video twice\n",
        ),
    ],
)
def test_bad_input_is_one_line_and_status_2(run, coded: Path, args: tuple[str, ...], message: str) -> None:
    result = run("agreement", coded, *args)
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_csv_of_several_videos_ends_with_the_pooled_rows(
    run, coded: Path, clip_2997: Path, tmp_path: Path
) -> None:
    assert run("add-video", coded, clip_2997).exit_code == 0
    add(coded, (2, "laughter", 0, 20, "ana"))
    out = tmp_path / "agreement.csv"
    args = ("--coders", "ana,ben", "--labels", "laughter", "--format", "csv", "-o", out)
    result = run("agreement", coded, *args)
    assert result.exit_code == 0, result.output
    text = out.read_bytes().decode("utf-8")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert [tuple(row[:3]) for row in rows[1:]] == [
        ("numbered_25.mp4", "laughter", "100"),
        ("numbered_25.mp4", "*", "100"),
        ("numbered_2997.mp4", "laughter", "120"),
        ("numbered_2997.mp4", "*", "120"),
        ("*", "laughter", "220"),
        ("*", "*", "220"),
    ]
    assert text.count("\r\n") == len(rows)


def test_names_are_written_as_they_are(run, coded: Path) -> None:
    with Project.open(coded) as opened:
        opened.store.add_label(Label("Lächeln"))
    add(coded, (1, "Lächeln", 0, 10, "ana"), (1, "Lächeln", 0, 10, "ben"))
    result = run("agreement", coded, "--coders", "ana,ben", "--labels", "lächeln", "--format", "json")
    assert result.exit_code == 0, result.output
    assert '"Lächeln": {' in result.output
    assert json.loads(result.output)["labels"]["Lächeln"]["kappa"] == 1


NO_PAIRS = (
    "start_diff_median, start_diff_p90, end_diff_median, end_diff_p90: undefined: no matched segment pairs"
)
POOLED_TEXT = """\
video numbered_25.mp4: 100 frames; coders ana (reference), ben
label                 kappa  alpha   prec recall     f1 matched start med    p90  end med    p90
laughter              0.286  0.289  0.500  0.500  0.500       1     2.000  2.000    0.000  0.000
driving               0.000 -0.990      -  0.000  0.000       0         -      -        -      -
all labels                  -0.346
undefined (shown as -):
  driving: precision: undefined: the compared coder has no segments of this label
  driving: NO_PAIRS

video numbered_2997.mp4: 120 frames; coders ana (reference), ben
label                 kappa  alpha   prec recall     f1 matched start med    p90  end med    p90
laughter              0.000 -0.086      -  0.000  0.000       0         -      -        -      -
driving               0.000 -0.039  0.000      -  0.000       0         -      -        -      -
all labels                  -0.064
undefined (shown as -):
  laughter: precision: undefined: the compared coder has no segments of this label
  laughter: NO_PAIRS
  driving: recall: undefined: the reference coder has no segments of this label
  driving: NO_PAIRS

pooled over numbered_25.mp4, numbered_2997.mp4: 220 frames; coders ana (reference), ben
label                 kappa  alpha   prec recall     f1 matched start med    p90  end med    p90
laughter              0.184  0.168  0.500  0.333  0.400       1     2.000  2.000    0.000  0.000
driving              -0.090 -0.330  0.000  0.000  0.000       0         -      -        -      -
all labels                  -0.117
undefined (shown as -):
  driving: NO_PAIRS
"""

THREE_CODERS_TEXT = """\
video numbered_25.mp4: 100 frames; coders ana, ben, carl
label                 kappa  alpha   prec recall     f1 matched start med    p90  end med    p90
laughter                  -  0.011  0.167  0.167  0.167       1     2.000  2.000    0.000  0.000
driving                   - -0.495  0.000  0.000  0.000       0         -      -        -      -
all labels                  -0.254
undefined (shown as -):
  laughter: kappa: Cohen's kappa compares exactly two coders (see alpha)
  driving: kappa: Cohen's kappa compares exactly two coders (see alpha)
  driving: NO_PAIRS
"""


def test_the_text_table_per_video_and_pooled(run, coded: Path, clip_2997: Path) -> None:
    """Figures rounded to three places under fixed columns, "-" where undefined and why below;
    the laughter row of the first video is the JSON test's, hand-checked."""
    assert run("add-video", coded, clip_2997).exit_code == 0
    add(coded, (2, "laughter", 0, 20, "ana"), (2, "driving", 5, 15, "ben"))
    assert run("agreement", coded, "--coders", "ana,ben").output == POOLED_TEXT.replace("NO_PAIRS", NO_PAIRS)
    three = run("agreement", coded, "--coders", "ana,ben,carl", "--video", "numbered_25.mp4")
    assert three.output == THREE_CODERS_TEXT.replace("NO_PAIRS", NO_PAIRS)

"""Statistics written as CSV, JSON and SVG: every cell, key and coordinate, for two labels
(one with characters to escape) and the seconds they share on screen."""

from __future__ import annotations

import csv
import io
import json

from annotator.domain.statistics import GroupStats, Statistics
from annotator.formats.reports.statistics import as_csv, as_json, as_svg, as_text

ODD = "Grüße & <joy>"
STATS = Statistics(
    "label",
    [GroupStats("driving", 3, 12.5, 12.5 / 3, 0.25), GroupStats(ODD, 1, 2.0, 2.0, 0.0625)],
    {("driving", ODD): 1.5},
    50.0,
)


def test_csv_has_a_row_per_group_then_per_pair_of_labels() -> None:
    text = as_csv(STATS)
    assert text.count("\r\n") == 4
    assert text.endswith("\r\n")
    assert list(csv.reader(io.StringIO(text, newline=""))) == [
        ["kind", "label", "count", "total_s", "mean_s", "airtime_share"],
        ["label", "driving", "3", "12.500", "4.167", "0.2500"],
        ["label", ODD, "1", "2.000", "2.000", "0.0625"],
        ["together", f"driving + {ODD}", "", "1.500", "", ""],
    ]


def test_csv_names_the_grouping_in_its_header() -> None:
    by_video = Statistics("video", [GroupStats("a.mp4", 1, 1.0, 1.0, 0.5)], {}, 2.0)
    assert (
        as_csv(by_video)
        == "kind,video,count,total_s,mean_s,airtime_share\r\nvideo,a.mp4,1,1.000,1.000,0.5000\r\n"
    )


def test_json_is_indented_by_one_space_and_keeps_characters_as_written() -> None:
    text = as_json(STATS)
    assert json.loads(text) == {
        "by": "label",
        "footage_s": 50.0,
        "groups": [
            {"name": "driving", "count": 3, "total_s": 12.5, "mean_s": 12.5 / 3, "airtime_share": 0.25},
            {"name": ODD, "count": 1, "total_s": 2.0, "mean_s": 2.0, "airtime_share": 0.0625},
        ],
        "together": [{"labels": ["driving", ODD], "seconds": 1.5}],
    }
    assert text.startswith(
        '{\n "by": "label",\n "footage_s": 50.0,\n "groups": [\n  {\n   "name": "driving",'
    )
    assert f'"name": "{ODD}"' in text
    assert text.endswith("\n}\n")


SVG = """\
<svg xmlns="http://www.w3.org/2000/svg" width="800" height="130" viewBox="0 0 800 130" \
font-family="sans-serif" font-size="13">
<rect width="800" height="130" fill="#ffffff"/>
<text x="10" y="24" font-size="15" font-weight="bold">Airtime by label (of 50.0 s of footage)</text>
<text x="172" y="56" text-anchor="end">driving</text>\
<rect x="180" y="40" width="420.0" height="22" fill="#3b7dd8"/>\
<text x="606.0" y="56">12.5 s · 25.0% · 3 seg.</text>
<text x="172" y="86" text-anchor="end">Grüße &amp; &lt;joy&gt;</text>\
<rect x="180" y="70" width="105.0" height="22" fill="#3b7dd8"/>\
<text x="291.0" y="86">2.0 s · 6.2% · 1 seg.</text>
</svg>
"""


def test_svg_draws_a_bar_per_group_scaled_to_the_largest_share() -> None:
    """Bars 22 px high every 30 px from y=40; names end 8 px left of the bars, figures start 6 px
    right of their bar's end, both on the bar's baseline (16 px down); the largest share is
    420 px long, the picture 800 px wide and 30 px taller than its last bar row."""
    assert as_svg(STATS) == SVG


def test_svg_of_groups_without_airtime_draws_empty_bars() -> None:
    empty = Statistics("video", [GroupStats("a.mp4", 0, 0.0, 0.0, 0.0)], {}, 0.0)
    lines = as_svg(empty).splitlines()
    assert lines[0].startswith('<svg xmlns="http://www.w3.org/2000/svg" width="800" height="100" ')
    assert lines[3] == (
        '<text x="172" y="56" text-anchor="end">a.mp4</text>'
        '<rect x="180" y="40" width="0.0" height="22" fill="#3b7dd8"/>'
        '<text x="186.0" y="56">0.0 s · 0.0% · 0 seg.</text>'
    )


def test_text_is_a_table_then_the_pairs_on_screen_together() -> None:
    assert as_text(STATS) == (
        "label          segments    total s    mean s  airtime\n"
        "driving               3     12.500     4.167   25.00%\n"
        "Grüße & <joy>         1      2.000     2.000    6.25%\n"
        "footage in scope: 50.000 s\n"
        "\n"
        "labels on screen together (seconds):\n"
        "  driving + Grüße & <joy>: 1.500\n"
    )
    alone = Statistics("video", [GroupStats("a.mp4", 1, 1.0, 1.0, 0.5)], {}, 2.0)
    assert as_text(alone).endswith("footage in scope: 2.000 s\n")  # no pairs: nothing after

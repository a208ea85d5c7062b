"""Our own export imports back unchanged: segments, ids, labels, notes, attributes and
reviews, whatever the text holds (commas, quotes, line breaks, unicode, leading = + - @)."""

from __future__ import annotations

import tempfile
from dataclasses import replace
from pathlib import Path

from csv_helpers import LABELS, VIDEOS
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator.domain.segment import Review, Segment, Source, Verdict
from annotator.formats.csv.cell_escape import escape_cell, unescape_cell
from annotator.formats.csv.reader import read_csv
from annotator.formats.csv.writer import save_csv

# Any UTF-8 text but NUL, which a CSV text file cannot hold (the importer takes NUL for binary),
# with formula starters and CSV specials made likely.
_TRICKY = st.sampled_from(["=", "+", "-", "@", "'", "\t", "\r", "\n", "\r\n", ",", ";", '"', " ", "é", "🚗"])
_ANY = st.text(st.characters(codec="utf-8", exclude_characters="\x00"), max_size=5)
TEXT = st.lists(st.one_of(_TRICKY, _ANY), max_size=6).map("".join)
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | TEXT,
    lambda children: st.lists(children, max_size=3) | st.dictionaries(TEXT, children, max_size=3),
    max_leaves=5,
)


@st.composite
def segments(draw: st.DrawFn) -> Segment:
    video = draw(st.sampled_from(list(VIDEOS.values())))
    start = draw(st.integers(0, video.info.frame_count - 1))
    end = draw(st.integers(start + 1, video.info.frame_count))
    return Segment(
        video_id=video.id,
        label_id=draw(st.sampled_from(list(LABELS))),
        start_frame=start,
        end_frame=end,
        annotator=draw(TEXT),
        note=draw(TEXT),
        attributes=draw(st.dictionaries(TEXT, JSON_VALUES, max_size=3)),
        source=draw(st.sampled_from(list(Source))),
    )


@st.composite
def projects(draw: st.DrawFn) -> tuple[list[Segment], dict[str, Review]]:
    drawn = draw(st.lists(segments(), max_size=8))
    reviews = {}
    for segment in drawn:
        if draw(st.booleans()):
            verdict = draw(st.sampled_from(list(Verdict)))
            reviews[segment.id] = Review(segment.id, draw(TEXT), verdict, draw(TEXT))
    return drawn, reviews


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(project=projects())
def test_our_export_imports_back_unchanged(project: tuple[list[Segment], dict[str, Review]]) -> None:
    drawn, reviews = project
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "export.csv"
        save_csv(path, drawn, VIDEOS, LABELS, reviews)
        imported = read_csv(path, list(VIDEOS.values()), list(LABELS.values()))
    # Where a segment came from is this project's history: here it came from an import.
    assert [item.segment for item in imported] == [replace(s, source=Source.IMPORT) for s in drawn]
    assert [item.review for item in imported] == [reviews.get(s.id) for s in drawn]


@given(text=TEXT)
def test_escaping_is_undone_exactly_and_no_escaped_cell_starts_a_formula(text: str) -> None:
    escaped = escape_cell(text)
    assert unescape_cell(escaped) == text
    assert not escaped or escaped[0] not in "=+-@\t\r"

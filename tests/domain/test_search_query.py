"""The search box's language, read into words, phrases and filters."""

from __future__ import annotations

import pytest

from annotator.domain.search_query import SearchQuery, SearchQueryError, parse_query


def test_words_phrases_and_every_filter() -> None:
    query = parse_query('laugh "state visit" label:laughter video:kim* status:approved annotator:Ana')
    assert query == SearchQuery(
        words=("laugh",),
        phrases=("state visit",),
        labels=("laughter",),
        videos=("kim*",),
        statuses=("approved",),
        annotators=("ana",),
    )
    assert query.has_text
    assert query.fts_expression() == '"laugh"* AND "state visit"'


def test_a_quoted_filter_value_keeps_its_spaces_and_repeats_are_alternatives() -> None:
    query = parse_query('label:"Driver Swap" label:laughter label:laughter')
    assert query.labels == ("driver swap", "laughter")
    assert not query.has_text
    assert query.fts_expression() == ""


def test_joined_words_are_a_phrase_and_times_are_not_filters() -> None:
    query = parse_query("kim's 12:30 gift")
    assert query.words == ("gift",)
    assert query.phrases == ("kim s", "12 30")


def test_quotes_inside_a_query_are_escaped_for_fts() -> None:
    query = SearchQuery(words=('a"b',), phrases=('say "hi"',))
    assert query.fts_expression() == '"a""b"* AND "say ""hi"""'


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("status:needs-fix", "needs_fix"),
        ('status:"needs fix"', "needs_fix"),
        ("STATUS:Unreviewed", "unreviewed"),
    ],
)
def test_statuses_are_read_as_users_write_them(text: str, status: str) -> None:
    assert parse_query(text).statuses == (status,)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("colour:red", "unknown filter colour: (filters: label:, video:, status:, annotator:)"),
        ("status:maybe", "status:maybe: not a status (statuses: unreviewed, approved, rejected, needs_fix)"),
        ("-label:laughter", "-label: excluding is not supported; write the values wanted"),
        ("label: laughter", "label: needs a value right after it (for example label:laughter)"),
        ('label:""', "label: needs a value"),
    ],
)
def test_what_cannot_be_read_is_refused_by_name(text: str, message: str) -> None:
    with pytest.raises(SearchQueryError) as refused:
        parse_query(text)
    assert str(refused.value) == message


def test_blank_and_punctuation_only_queries_find_everything() -> None:
    assert parse_query("   ") == SearchQuery()
    assert parse_query("-- !") == SearchQuery()
    assert parse_query('"') == SearchQuery()


def test_a_doubled_quote_inside_quotes_is_one_quote() -> None:
    assert parse_query('"say ""hi"" now"').phrases == ("say hi now",)  # one quote, a word break

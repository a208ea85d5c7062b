"""The full-text index: what it finds and in what order, and that every kind of edit (and an
old project's migration) keeps it true to the segments."""

from __future__ import annotations

import random
from dataclasses import replace
from pathlib import Path

import pytest
from storage_helpers import make_info

from annotator.domain.label import Vocabulary
from annotator.domain.search_query import parse_query
from annotator.domain.segment import Review, Segment, Source, Verdict
from annotator.domain.video import Video
from annotator.storage import ProjectStore, StoreError, schema


def found(store: ProjectStore, text: str, proposals: str = "exclude", limit: int = 200) -> list[str]:
    return [hit.segment_id for hit in store.search(parse_query(text), proposals, limit)]


def ids(store: ProjectStore, label: str) -> int:
    match = store.label_by_name(label)
    assert match is not None
    assert match.id is not None
    return match.id


@pytest.fixture
def coded(store: ProjectStore, video: Video) -> ProjectStore:
    other = store.add_video("/archive/2024/kim_visit.mp4", "fp-kim", make_info(path="kim_visit.mp4"))
    swap, laughter = ids(store, "driver swap"), ids(store, "laughter")
    store.add_segments([
        Segment(video.id, laughter, 10, 20, id="a", annotator="ana", note="the crowd laughs at the joke"),
        Segment(video.id, swap, 30, 40, id="b", annotator="ben", note="Kim takes the wheel"),
        Segment(other.id, laughter, 5, 9, id="c", annotator="Ana", note="café owner laughing"),
        Segment(other.id, swap, 50, 60, id="d", annotator="ben", note="second swap, laughter behind"),
        Segment(other.id, laughter, 1, 3, id="p", annotator="", note="loud", source=Source.PROPOSAL),
    ])  # fmt: skip
    return store


def test_words_are_prefixes_found_in_any_field(coded: ProjectStore) -> None:
    assert sorted(found(coded, "laugh")) == ["a", "c", "d"]  # labels, notes ("laughs", "laughing")
    assert found(coded, "wheel") == ["b"]
    assert sorted(found(coded, "ben")) == ["b", "d"]  # the annotator
    assert sorted(found(coded, "kim")) == ["b", "c", "d"]  # a note, and the video's name
    if not coded.is_server:  # FTS5 folds accents; the server's regular expressions do not
        assert found(coded, "cafe") == ["c"]
    assert found(coded, "laugh joke") == ["a"]  # every word must match
    assert found(coded, "nobody") == []


def test_a_label_match_ranks_above_a_note_match(coded: ProjectStore) -> None:
    assert found(coded, "laughter")[-1] == "d"  # "laughter" only in d's note
    assert found(coded, "swap") == ["d", "b"]  # both labels, and d's note too


def test_phrases_match_consecutive_words(coded: ProjectStore) -> None:
    assert found(coded, '"takes the wheel"') == ["b"]
    assert found(coded, '"wheel takes"') == []


def test_what_users_type_is_never_fts_syntax(coded: ProjectStore) -> None:
    for text in ['"', "AND", "NEAR(laugh", "laugh*", "(", "^kim", "a OR b", "-laugh", "col:", "'"]:
        coded.search(parse_query(text))  # no error: each word is quoted
    assert found(coded, "laugh*") == found(coded, "laugh")


def test_filters_by_label_video_annotator_and_their_patterns(coded: ProjectStore) -> None:
    assert found(coded, "label:laughter") == ["a", "c"]  # filter only: video then start
    assert found(coded, "label:LAUGH*") == ["a", "c"]
    assert found(coded, 'label:"driver swap"') == ["b", "d"]
    assert found(coded, "label:laughter label:greeting") == ["a", "c"]
    assert found(coded, "video:kim*") == ["c", "d"]
    assert found(coded, "video:kim_visit") == ["c", "d"]  # without its extension
    assert sorted(found(coded, "video:kim_visit.mp4 laugh")) == ["c", "d"]
    assert found(coded, "video:kim") == []  # a name, not a prefix, without *
    assert found(coded, "annotator:ana") == ["a", "c"]  # case folded
    assert found(coded, "annotator:ana label:laughter video:clip*") == ["a"]
    assert found(coded, "label:[") == []


def test_status_is_the_latest_verdict(coded: ProjectStore) -> None:
    coded.add_review(Review("a", "rita", Verdict.APPROVED))
    coded.add_review(Review("b", "rita", Verdict.APPROVED))
    coded.add_review(Review("b", "rita", Verdict.REJECTED))
    assert found(coded, "status:approved") == ["a"]
    assert found(coded, "status:rejected") == ["b"]
    assert found(coded, "status:unreviewed") == ["c", "d"]
    assert found(coded, "status:approved status:rejected") == ["a", "b"]


def test_proposals_are_left_out_unless_asked_for(coded: ProjectStore) -> None:
    assert found(coded, "loud") == []
    assert found(coded, "loud", "include") == ["p"]
    assert found(coded, "label:laughter", "only") == ["p"]
    assert found(coded, "label:laughter", "include") == ["a", "p", "c"]


def test_limit(coded: ProjectStore) -> None:
    assert found(coded, "label:laughter", limit=1) == ["a"]


def test_every_edit_reaches_the_index(coded: ProjectStore, video: Video) -> None:
    b = coded.segment("b")
    coded.update_segment(replace(b, note="hands over the keys", label_id=ids(coded, "laughter")))
    assert found(coded, "wheel") == []
    assert found(coded, "keys") == ["b"]
    assert found(coded, "label:laughter") == ["a", "b", "c"]
    coded.delete_segment("a")
    assert found(coded, "joke") == []
    coded.restore_segment("a")
    assert found(coded, "joke") == ["a"]
    label = coded.label(ids(coded, "laughter"))
    coded.update_label(replace(label, name="giggles"))
    assert sorted(found(coded, "giggles")) == ["a", "b", "c"]
    assert found(coded, "label:laughter") == []
    coded.update_video_path(video.id, "elsewhere/state_dinner.mp4")
    assert sorted(found(coded, "dinner")) == ["a", "b"]
    assert found(coded, "video:state_dinner") == ["a", "b"]
    coded.purge_segments(["c"])
    assert found(coded, "cafe") == []
    if not coded.is_server:  # the server has no index of its own to check
        _index_matches_the_segments(coded)


@pytest.mark.sqlite_only  # FTS5's own tables
def test_an_old_project_is_indexed_when_it_is_migrated(
    tmp_path: Path, vocabulary: Vocabulary, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(schema, "MIGRATIONS", schema.MIGRATIONS[:1])
    with ProjectStore.create(tmp_path / "old", vocabulary) as old:
        video = old.add_video("clip.mp4", "fp", make_info())
        old.add_segment(Segment(video.id, ids(old, "laughter"), 0, 5, id="x", note="archive joke"))
        assert old.pragmas()["user_version"] == 1
    monkeypatch.undo()
    with ProjectStore.open(tmp_path / "old") as store:
        assert store.backup_made is not None
        assert found(store, "joke") == ["x"]
        assert found(store, "label:laughter video:clip") == ["x"]
        store.add_segment(Segment(video.id, ids(store, "laughter"), 6, 9, id="y", note="new joke"))
        assert sorted(found(store, "joke")) == ["x", "y"]


@pytest.mark.sqlite_only  # FTS5's own tables
def test_random_edits_keep_the_index_exact(store: ProjectStore, video: Video) -> None:
    rng = random.Random(7)
    words = ["crowd", "wheel", "horse", "dogs", "gift", "kim", "putin", "laughs", "smile"]
    labels = [label.id for label in store.labels() if label.id is not None]
    live: list[str] = []
    for step in range(300):
        action = rng.random()
        if action < 0.4 or not live:
            start = rng.randrange(0, 90)
            note, who = " ".join(rng.sample(words, 2)), rng.choice(["ana", "ben"])
            end = start + rng.randrange(1, 10)
            segment = Segment(
                video.id, rng.choice(labels), start, end, id=f"s{step}", note=note, annotator=who
            )
            store.add_segment(segment)
            live.append(segment.id)
        elif action < 0.7:
            segment = store.segment(rng.choice(live))
            store.update_segment(
                replace(segment, note=" ".join(rng.sample(words, 3)), label_id=rng.choice(labels))
            )
        elif action < 0.85:
            gone = live.pop(rng.randrange(len(live)))
            store.delete_segment(gone)
        else:
            store.purge_segments([live.pop(rng.randrange(len(live)))])
    _index_matches_the_segments(store)
    for word in words:
        expected = sorted(s.id for s in store.segments() if word in s.note.split())
        assert sorted(found(store, word)) == expected


def _index_matches_the_segments(store: ProjectStore) -> None:
    """FTS5's own integrity check, and every live segment's text row as it should be."""
    with store._db.reading() as conn:
        conn.execute("INSERT INTO search_text_fts (search_text_fts) VALUES ('integrity-check')")
        rows = {
            row[0]: row[1:]
            for row in conn.execute("SELECT segment_id, label, video, annotator, note FROM search_text")
        }
    videos = {v.id: v.name for v in store.videos()}
    labels = {label.id: label.name for label in store.labels()}
    expected = {s.id: (labels[s.label_id], videos[s.video_id], s.annotator, s.note) for s in store.segments()}
    assert rows == expected


@pytest.mark.sqlite_only  # FTS5's own tables
def test_a_bulk_insert_is_indexed_at_its_end_and_a_refused_one_leaves_the_trigger(
    coded: ProjectStore, video: Video
) -> None:
    laughter = ids(coded, "laughter")
    many = [
        Segment(video.id, laughter, n % 90, n % 90 + 5, id=f"bulk{n}", note=f"take{n} horse")
        for n in range(150)
    ]
    coded.add_segments(many)
    assert len(found(coded, "horse", limit=1000)) == 150
    assert found(coded, "take149") == ["bulk149"]
    duplicate = [*[replace(s, id=f"more{n}") for n, s in enumerate(many[:120])], many[0]]
    with pytest.raises(StoreError):
        coded.add_segments(duplicate)
    assert found(coded, "more*") == []
    coded.add_segment(Segment(video.id, laughter, 0, 1, id="after", note="zebra"))
    assert found(coded, "zebra") == ["after"]  # the per-row trigger is back
    _index_matches_the_segments(coded)


def test_pattern_characters_in_names_are_themselves(coded: ProjectStore, video: Video) -> None:
    laughter = ids(coded, "laughter")
    coded.add_segments([
        Segment(video.id, laughter, 70, 71, id="u", annotator="a_b"),
        Segment(video.id, laughter, 72, 73, id="x", annotator="axb"),
        Segment(video.id, laughter, 74, 75, id="pc", annotator="50%"),
        Segment(video.id, laughter, 76, 77, id="pz", annotator="500"),
        Segment(video.id, laughter, 78, 79, id="bs", annotator="c\\d"),
        Segment(video.id, laughter, 80, 81, id="cd", annotator="cxd"),
    ])  # fmt: skip
    assert found(coded, "annotator:a_b") == ["u"]  # "_" is not "any one character"
    assert found(coded, "annotator:a?b") == ["u", "x"]  # "?" is
    assert found(coded, "annotator:50%") == ["pc"]
    assert found(coded, "annotator:5*") == ["pc", "pz"]
    assert found(coded, "annotator:c\\d") == ["bs"]


def test_words_are_split_as_written_and_a_phrase_ends_at_a_word_end(coded: ProjectStore) -> None:
    assert found(coded, "driver_swap") == found(coded, '"driver swap"') == ["b", "d"]
    assert found(coded, "laug") == found(coded, "laughter")  # a word is a prefix
    assert found(coded, '"the crowd laugh"') == []  # a phrase is whole words
    assert found(coded, '"the crowd laughs"') == ["a"]


def test_hits_come_best_first_with_their_scores(coded: ProjectStore) -> None:
    hits = coded.search(parse_query("swap"))
    assert [hit.segment_id for hit in hits] == ["d", "b"]
    assert hits[0].rank <= hits[1].rank < 0  # lower is better, as FTS5's bm25 gives them

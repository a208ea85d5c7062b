"""Segments: round trips, bounds refused by the code and by the database, soft delete."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest
from storage_helpers import OtherProgram, refused

from annotator.domain.segment import Segment, Source
from annotator.domain.video import Video
from annotator.storage import ProjectStore, StoreConstraintError, StoreNotFoundError

ISO_UTC = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$")


def _label_id(store: ProjectStore, name: str = "laughter") -> int:
    label = store.label_by_name(name)
    assert label is not None
    assert label.id is not None
    return label.id


def test_every_field_round_trips_and_times_are_filled(store: ProjectStore, video: Video) -> None:
    segment = Segment(
        video.id,
        _label_id(store),
        50,
        80,
        annotator="ana",
        note="both laugh; the horse neighs",
        attributes={"people": ["A", "B"], "intensity": 3, "ünïcode": True},
        source=Source.IMPORT,
    )
    added = store.add_segment(segment)
    assert ISO_UTC.match(added.created_at)
    assert added.updated_at == added.created_at
    assert added == replace(segment, created_at=added.created_at, updated_at=added.updated_at)
    assert store.segment(segment.id) == added


def test_bulk_add_fills_times_too(store: ProjectStore, video: Video) -> None:
    given = Segment(video.id, _label_id(store), 0, 1, created_at="2020-01-01T00:00:00.000Z")
    store.add_segments([given, Segment(video.id, _label_id(store), 1, 2)])
    first, second = store.segments()
    assert (first.created_at, first.updated_at) == (given.created_at, given.created_at)
    assert ISO_UTC.match(second.created_at)
    assert second.updated_at == second.created_at


def test_given_times_are_kept_on_add(store: ProjectStore, video: Video) -> None:
    given = Segment(video.id, _label_id(store), 0, 1, created_at="2020-01-01T00:00:00.000Z")
    assert store.add_segment(given).updated_at == "2020-01-01T00:00:00.000Z"


def test_update_keeps_created_and_moves_updated(store: ProjectStore, video: Video) -> None:
    added = store.add_segment(
        Segment(video.id, _label_id(store), 10, 20, created_at="2020-01-01T00:00:00.000Z")
    )
    changed = store.update_segment(replace(added.with_bounds(11, 25), created_at="ignored", note="fixed"))
    assert (changed.start_frame, changed.end_frame, changed.note) == (11, 25, "fixed")
    assert changed.created_at == "2020-01-01T00:00:00.000Z"
    assert changed.updated_at > added.updated_at
    assert store.segment(added.id) == changed


def test_listing_is_sorted_and_filtered(store: ProjectStore, video: Video) -> None:
    other = store.add_video("/x/other.mp4", "fp-other", video.info)
    laughter, swap = _label_id(store), _label_id(store, "driver swap")
    specs = [
        (other.id, laughter, 0, 5),
        (video.id, swap, 30, 40),
        (video.id, laughter, 30, 35),
        (video.id, swap, 2, 9),
    ]
    store.add_segments([Segment(v, lab, s, e) for v, lab, s, e in specs])
    listed = [(s.video_id, s.label_id, s.start_frame, s.end_frame) for s in store.segments()]
    assert listed == sorted(specs, key=lambda spec: (spec[0], spec[2], spec[3]))
    assert {s.video_id for s in store.segments(video_id=other.id)} == {other.id}
    assert {s.label_id for s in store.segments(label_id=swap)} == {swap}
    assert len(store.segments(video_id=video.id, label_id=laughter)) == 1
    assert store.segment_count() == 4
    assert store.segment_count(video_id=other.id) == 1


def test_soft_delete_and_restore(store: ProjectStore, video: Video) -> None:
    kept = store.add_segment(Segment(video.id, _label_id(store), 0, 10))
    gone = store.add_segment(Segment(video.id, _label_id(store), 5, 15))
    store.delete_segment(gone.id)
    assert [s.id for s in store.segments()] == [kept.id]
    assert [s.id for s in store.segments(include_deleted=True)] == [kept.id, gone.id]
    assert store.is_deleted(gone.id)
    assert store.segment(gone.id).start_frame == 5  # still readable, e.g. for undo
    assert store.segment_count() == 1
    assert store.segment_count(include_deleted=True) == 2
    assert store.restore_segment(gone.id) == store.segment(gone.id)
    assert not store.is_deleted(gone.id)
    assert [s.id for s in store.segments()] == [kept.id, gone.id]


def test_bulk_add_is_all_or_nothing(store: ProjectStore, video: Video) -> None:
    good = [Segment(video.id, _label_id(store), n, n + 1) for n in range(50)]
    past_the_end = Segment(video.id, _label_id(store), 99, 101)
    with pytest.raises(
        StoreConstraintError, match=r"end_frame 101 is past the end of video \d+ \(100 frames\)"
    ):
        store.add_segments([*good, past_the_end])
    assert store.segment_count() == 0
    duplicate = replace(good[0], start_frame=60, end_frame=70)
    with pytest.raises(StoreConstraintError, match="segment id is already in the project"):
        store.add_segments([*good, duplicate])
    assert store.segment_count() == 0


def test_unknown_video_or_label_is_named(store: ProjectStore, video: Video) -> None:
    with pytest.raises(StoreConstraintError, match="video_id 77 is not in the project"):
        store.add_segment(Segment(77, _label_id(store), 0, 1))
    with pytest.raises(StoreConstraintError, match="label_id 77 is not in the project"):
        store.add_segment(Segment(video.id, 77, 0, 1))
    added = store.add_segment(Segment(video.id, _label_id(store), 0, 1))
    with pytest.raises(StoreConstraintError, match="label_id 77"):
        store.update_segment(added.with_label(77))


def test_attributes_must_be_json(store: ProjectStore, video: Video) -> None:
    with pytest.raises(StoreConstraintError, match="attributes are not JSON"):
        store.add_segment(Segment(video.id, _label_id(store), 0, 1, attributes={"when": object()}))


@pytest.mark.parametrize(("start", "end"), [(10, 10), (10, 9), (-1, 5)])
def test_the_database_itself_refuses_bad_bounds(
    store: ProjectStore, video: Video, start: int, end: int
) -> None:
    conn = OtherProgram(store)
    with refused(store, "CHECK constraint failed", "violates check constraint"):
        conn.execute(
            "INSERT INTO segments (id, video_id, label_id, start_frame, end_frame, source, created_at, "
            "updated_at) VALUES ('x', ?, ?, ?, ?, 'manual', '', '')",
            (video.id, _label_id(store), start, end),
        )
    conn.close()


def test_the_database_itself_refuses_unknown_references(store: ProjectStore, video: Video) -> None:
    conn = OtherProgram(store)
    with refused(store, "FOREIGN KEY constraint failed", "violates foreign key constraint"):
        conn.execute(
            "INSERT INTO segments (id, video_id, label_id, start_frame, end_frame, source, created_at, "
            "updated_at) VALUES ('x', ?, 999, 0, 1, 'manual', '', '')",
            (video.id,),
        )
    conn.close()


def test_unknown_segment_ids_are_named(store: ProjectStore, video: Video) -> None:
    ghost = Segment(video.id, _label_id(store), 0, 1, id="ghost")
    for call in (
        lambda: store.segment("ghost"),
        lambda: store.update_segment(ghost),
        lambda: store.delete_segment("ghost"),
        lambda: store.restore_segment("ghost"),
        lambda: store.is_deleted("ghost"),
    ):
        with pytest.raises(StoreNotFoundError, match="no segment with id ghost"):
            call()


def test_known_segment_ids_names_only_those_held(store: ProjectStore, video: Video) -> None:
    kept = store.add_segment(Segment(video.id, _label_id(store), 0, 5))
    gone = store.add_segment(Segment(video.id, _label_id(store), 5, 9))
    store.delete_segment(gone.id)
    others = [f"00000000-0000-0000-0000-{n:012d}" for n in range(1200)]
    # asked in chunks of 500: held ids first, on a chunk's edge, and last are all found
    for asked in ([kept.id, gone.id, *others], [*others[:500], kept.id, *others[500:], gone.id]):
        assert store.known_segment_ids(asked) == {kept.id, gone.id}


def test_a_checked_write_to_a_segment_that_is_not_there_names_it(store: ProjectStore, video: Video) -> None:
    ghost = Segment(video.id, _label_id(store), 0, 1, id="ghost-segment")
    with pytest.raises(
        StoreNotFoundError, match=f"^{re.escape(store.location)}: no segment with id ghost-segment$"
    ):
        store.update_segment(replace(ghost, end_frame=2), expected=ghost)
    with pytest.raises(StoreNotFoundError, match=f"^{re.escape(store.location)}: no video with id 99$"):
        store.frame_count(99)
    assert store.frame_count(video.id) == video.info.frame_count


def test_purging_a_large_import_erases_every_segment_and_review(store: ProjectStore, video: Video) -> None:
    """Undoing an import of 1,200 segments: more ids than one statement takes at a time."""
    from annotator.domain.segment import Review, Verdict

    keep = store.add_segment(Segment(video.id, _label_id(store), 0, 1))
    imported = [Segment(video.id, _label_id(store), n % 90, n % 90 + 1) for n in range(1200)]
    store.add_segments(imported)
    store.add_reviews([Review(s.id, "rita", Verdict.APPROVED) for s in imported[::100]])
    store.purge_segments([s.id for s in imported])
    assert [s.id for s in store.segments(include_deleted=True)] == [keep.id]
    assert store.reviews() == []

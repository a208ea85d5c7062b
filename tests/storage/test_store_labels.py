"""Labels: unique names regardless of case, keys, order, archiving."""

from __future__ import annotations

from dataclasses import replace

import pytest
from storage_helpers import OtherProgram, refused

from annotator.domain.label import Label, LabelKind
from annotator.domain.segment import Segment
from annotator.domain.video import Video
from annotator.storage import ProjectStore, StoreConstraintError, StoreNotFoundError


def test_a_label_round_trips_and_goes_last(store: ProjectStore) -> None:
    added = store.add_label(Label("Gift exchange", "#123456", "4", LabelKind.POINT, "gifts change hands"))
    assert added.id is not None
    assert added.order == 3
    assert store.label(added.id) == added
    assert store.labels()[-1] == added
    assert replace(added, id=None, order=0) == Label(
        "Gift exchange", "#123456", "4", LabelKind.POINT, "gifts change hands"
    )


@pytest.mark.parametrize("name", ["LAUGHTER", "Laughter", " laughter "])
def test_names_are_unique_regardless_of_case(store: ProjectStore, name: str) -> None:
    with pytest.raises(StoreConstraintError, match="is taken by label 'laughter'"):
        store.add_label(Label(name))


def test_non_ascii_names_fold_case_too(store: ProjectStore) -> None:
    store.add_label(Label("Ärger"))
    with pytest.raises(StoreConstraintError, match="is taken"):
        store.add_label(Label("ärger"))
    found = store.label_by_name("ÄRGER")
    assert found is not None
    assert found.name == "Ärger"


def test_the_database_itself_refuses_a_case_variant(store: ProjectStore) -> None:
    conn = OtherProgram(store)
    with refused(store, r"UNIQUE constraint failed: labels\.name", r"labels_name"):
        conn.execute("INSERT INTO labels (name, colour, kind) VALUES ('Driver Swap', '#000000', 'span')")
    conn.close()


def test_label_by_name_ignores_case(store: ProjectStore) -> None:
    found = store.label_by_name("DRIVER SWAP")
    assert found is not None
    assert found.name == "driver swap"
    assert store.label_by_name("nothing") is None


def test_a_key_belongs_to_one_active_label(store: ProjectStore) -> None:
    with pytest.raises(StoreConstraintError, match="key '1' already belongs to 'driver swap'"):
        store.add_label(Label("new", key="1"))
    swap = store.label_by_name("driver swap")
    assert swap is not None
    store.update_label(replace(swap, archived=True))
    assert store.add_label(Label("new", key="1")).key == "1"


def test_archived_labels_are_kept_but_can_be_left_out(store: ProjectStore) -> None:
    laughter = store.label_by_name("laughter")
    assert laughter is not None
    store.update_label(replace(laughter, archived=True, colour="#abcdef"))
    assert store.label(laughter.id or 0).archived
    assert "laughter" in [label.name for label in store.labels()]
    assert "laughter" not in [label.name for label in store.labels(include_archived=False)]


def test_rename_to_a_case_variant_of_itself_is_allowed(store: ProjectStore) -> None:
    laughter = store.label_by_name("laughter")
    assert laughter is not None
    assert store.update_label(replace(laughter, name="Laughter")).name == "Laughter"


def test_reorder_labels(store: ProjectStore) -> None:
    ids = [label.id or 0 for label in store.labels()]
    store.reorder_labels(list(reversed(ids)))
    assert [label.id for label in store.labels()] == list(reversed(ids))
    with pytest.raises(StoreConstraintError, match="every label id once"):
        store.reorder_labels(ids[:2])
    assert [label.id for label in store.labels()] == list(reversed(ids))


def test_an_unused_label_can_be_deleted_a_used_one_cannot(store: ProjectStore, video: Video) -> None:
    added = store.add_label(Label("mistake"))
    assert added.id is not None
    store.delete_label(added.id)
    assert store.label_by_name("mistake") is None
    used = store.label_by_name("laughter")
    assert used is not None
    assert used.id is not None
    store.add_segment(Segment(video.id, used.id, 0, 1))
    with pytest.raises(StoreConstraintError, match="'laughter' is used by 1 segment"):
        store.delete_label(used.id)
    with pytest.raises(StoreNotFoundError, match="no label with id 99"):
        store.delete_label(99)


def test_unknown_label_ids_are_named(store: ProjectStore) -> None:
    with pytest.raises(StoreNotFoundError, match="no label with id 99"):
        store.label(99)
    with pytest.raises(StoreNotFoundError, match="no label with id 99"):
        store.update_label(Label("x", id=99))


def test_an_undone_delete_restores_the_label_with_its_id_and_place(store: ProjectStore) -> None:
    added = store.add_label(Label("gift", "#123456", "4"))
    assert added.id is not None
    store.add_label(Label("horse", "#654321"))
    store.delete_label(added.id)
    restored = store.restore_label(added)
    assert restored == added  # the same id and order: later edits refer to them
    assert [label.name for label in store.labels()][-2:] == ["gift", "horse"]


def test_restoring_refuses_a_label_without_an_id_or_with_a_taken_one(store: ProjectStore) -> None:
    with pytest.raises(StoreConstraintError, match=r"^label 'gift': restoring needs its id$"):
        store.restore_label(Label("gift", "#123456"))
    laughter = store.label_by_name("laughter")
    assert laughter is not None
    with pytest.raises(
        StoreConstraintError, match=rf"^label id {laughter.id} is taken: cannot restore 'gift'$"
    ):
        store.restore_label(replace(laughter, name="gift"))


def test_changing_the_first_label_is_checked_against_all_the_others(store: ProjectStore) -> None:
    first = store.labels()[0]  # listed first: its own row is met first, and the others must still be
    assert first.name == "driver swap"
    store.add_label(Label("Grüße"))
    with pytest.raises(StoreConstraintError, match="key '2' already belongs to 'laughter'"):
        store.update_label(replace(first, key="2"))
    with pytest.raises(StoreConstraintError, match="label name 'GRÜSSE' is taken by label 'Grüße'"):
        store.update_label(replace(first, name="GRÜSSE"))  # folds to the same name; NOCASE would not see it
    assert store.label(first.id or 0) == first

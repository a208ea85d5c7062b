"""Segment.from_checked: the unchecked constructor for already-validated values.

It skips ``__post_init__``, so it must build exactly what the constructor builds, keep
equality, hashing and ``replace()`` (which checks again), and be called only from the
few places whose rows are validated before: the store's reads and two importers' hot
paths (each of which has its own tests of refusals).
"""

from __future__ import annotations

import ast
import pickle
from dataclasses import fields, replace
from pathlib import Path

import pytest

import annotator
from annotator.domain.segment import Segment, SegmentError, Source

ALLOWED_CALLERS = {
    "annotator/storage/segment_table.py",  # rows the CHECK constraints already hold
    "annotator/formats/csv/row_reader.py",  # after the row's own checks
    "annotator/formats/json/reader.py",  # after the entry's own checks
}

VALUES = (
    3,
    7,
    10,
    25,
    "f2b0c4de-1111-4222-8333-444455556666",
    "ana",
    "note",
    {"k": [1]},
    Source.IMPORT,
    "c",
    "u",
)


def test_builds_the_same_segment_as_the_constructor() -> None:
    checked, built = Segment.from_checked(*VALUES), Segment(*VALUES)
    assert checked == built
    assert hash(checked) == hash(built)
    # Distinct values in every field: a setter wired to the wrong field would show here.
    assert [getattr(checked, item.name) for item in fields(Segment)] == list(VALUES)


def test_sets_every_field_and_has_no_instance_dict() -> None:
    segment = Segment.from_checked(*VALUES)
    assert not hasattr(segment, "__dict__")
    assert len(VALUES) == len(fields(Segment))


def test_stays_frozen_and_replace_checks_again() -> None:
    segment = Segment.from_checked(*VALUES)
    with pytest.raises(AttributeError):
        segment.start_frame = 0  # type: ignore[misc]
    assert replace(segment, note="other").note == "other"
    with pytest.raises(SegmentError):
        replace(segment, end_frame=segment.start_frame)
    assert pickle.loads(pickle.dumps(segment)) == segment


def test_the_constructor_still_refuses_bad_bounds() -> None:
    with pytest.raises(SegmentError):
        Segment(1, 1, 5, 5)
    with pytest.raises(SegmentError):
        Segment(1, 1, -1, 5)


def _callers() -> set[str]:
    root = Path(annotator.__file__).parent
    found = set()
    for path in root.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        if any(isinstance(node, ast.Attribute) and node.attr == "from_checked" for node in ast.walk(tree)):
            found.add(path.relative_to(root.parent).as_posix())
    return found


def test_only_storage_reads_and_validating_importers_call_it() -> None:
    callers = _callers() - {"annotator/domain/segment.py"}
    assert callers <= ALLOWED_CALLERS, (
        f"from_checked used outside the allowed modules: {callers - ALLOWED_CALLERS}"
    )
    assert "annotator/storage/segment_table.py" in callers

"""The SQLite store satisfies the protocol the document is written against."""

from __future__ import annotations

import inspect

from annotator.editing.annotation_store import AnnotationStore
from annotator.storage.project_store import ProjectStore


def _members(cls: type) -> dict[str, inspect.Signature]:
    return {
        name: inspect.signature(member)
        for name, member in inspect.getmembers(cls, inspect.isfunction)
        if not name.startswith("_")
    }


def test_project_store_has_every_method_of_the_protocol_with_its_parameters() -> None:
    wanted = _members(AnnotationStore)
    found = _members(ProjectStore)
    assert set(wanted) <= set(found), set(wanted) - set(found)
    for name, signature in wanted.items():
        assert list(found[name].parameters) == list(signature.parameters), name

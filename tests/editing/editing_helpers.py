"""Helpers for the editing tests."""

from annotator.editing.annotation_document import AnnotationDocument


def label_id(document: AnnotationDocument, name: str) -> int:
    label = document.store.label_by_name(name)
    assert label is not None
    assert label.id is not None
    return label.id

"""A document and its undo stack go when the last reference to the document goes.

Commands pushed to the undo stack belong to Qt (the stack deletes them). If they held their
document strongly, document -> stack -> commands -> document would be a cycle only the
garbage collector can break, at a moment it chooses: at interpreter exit, after the
QApplication, which crashed the non-UI suite (exit 139). Reference counting alone must
free them, in order, while Qt is alive.
"""

from __future__ import annotations

import gc
import weakref

from annotator.editing.annotation_document import AnnotationDocument
from annotator.storage.project_store import ProjectStore


def test_a_dropped_document_is_freed_without_the_cycle_collector(store: ProjectStore, qapp: object) -> None:
    video_id = store.videos()[0].id
    gc.collect()
    gc.disable()
    try:
        document = AnnotationDocument(store, user="ana")
        label = document.labels()[0]
        assert label.id is not None
        segment = document.add_segment(video_id, label.id, 10, 20)
        document.nudge([segment.id], -1, 1)
        with document.edit_group("two at once"):
            document.add_segment(video_id, label.id, 30, 40)
            document.add_segment(video_id, label.id, 50, 60)
        document.undo_stack.undo()
        document.undo_stack.undo()
        document.undo_stack.redo()
        assert document.undo_stack.count() == 3
        freed = weakref.ref(document)
        del document, label, segment
        assert freed() is None
    finally:
        gc.enable()

"""Several edits as one undo step, all or nothing (``AnnotationDocument.edit_group``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from annotator.editing.commands import DocumentCommand

if TYPE_CHECKING:
    from annotator.editing.annotation_document import AnnotationDocument


class EditGroupCommand(DocumentCommand):
    """The edits made inside one ``edit_group`` block, each already applied.

    Its undo reverts them newest first, its redo applies them again, inside the one
    transaction the document opens for a step: if one of them is refused, none is done.
    Consecutive edits that merge (the moves of one drag) are folded as Qt folds them."""

    def __init__(self, document: AnnotationDocument, text: str) -> None:
        super().__init__(document, text)
        self.children: list[DocumentCommand] = []

    def add(self, command: DocumentCommand) -> None:
        last = self.children[-1] if self.children else None
        if last is not None and last.id() != -1 and last.id() == command.id() and last.mergeWith(command):
            return
        self.children.append(command)

    def apply(self) -> None:
        for command in self.children:
            command.apply()

    def revert(self) -> None:
        for command in reversed(self.children):
            command.revert()

"""The coding keys: label keys, in and out marks, nudging and deleting selected segments.

Label keys and marks go to the workspace's ``CodingSession`` at the frame on screen; edits
to the selection go to the document (undoable).
"""

from __future__ import annotations

from collections.abc import Callable

from annotator.domain.segment import SegmentError
from annotator.editing.proposal_rules import is_proposal
from annotator.ui.workspace import Workspace


class CodingKeys:
    """Owns the coding actions of the key table."""

    def __init__(self, workspace: Workspace, selection: Callable[[], list[str]]) -> None:
        self._workspace = workspace
        self._selection = selection
        """The ids of the selected segments (in the table or on the timeline)."""

    def label_key(self, key: str) -> None:
        """Open (or close) a segment of the key's label, or label the marked range."""
        workspace = self._workspace
        if workspace.coding is None or workspace.video is None:
            return
        label_id = workspace.label_for_key(key)
        if label_id is None:
            return
        try:
            workspace.coding.press_label(label_id, workspace.current_frame)
        except SegmentError as error:
            workspace.show_message(str(error), 5000)

    def mark_in(self) -> None:
        if self._workspace.coding is not None and self._workspace.video is not None:
            self._workspace.coding.set_mark_in(self._workspace.current_frame)

    def mark_out(self) -> None:
        if self._workspace.coding is not None and self._workspace.video is not None:
            self._workspace.coding.set_mark_out(self._workspace.current_frame)

    def cancel(self) -> None:
        """Drop the open segments and the marks."""
        if self._workspace.coding is not None:
            self._workspace.coding.cancel_open()
            self._workspace.coding.clear_marks()

    def nudge_selected(self, start_delta: int, end_delta: int) -> None:
        if self._workspace.document is not None:
            self._workspace.document.nudge(self._selection(), start_delta, end_delta)

    def delete_selected(self) -> None:
        """Delete the selection in one step; a selection of proposals only is rejected
        (the same removal, named so on the undo stack)."""
        document = self._workspace.document
        if document is None:
            return
        ids = self._selection()
        if ids and all(is_proposal(document.segment(segment_id)) for segment_id in ids):
            document.reject_proposals(ids)
        else:
            document.remove_segments(ids)

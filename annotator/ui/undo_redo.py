"""Undo and redo on the open project's document, with actions that name the next step."""

from __future__ import annotations

from PySide6.QtGui import QAction, QUndoStack

from annotator.project.project import Project
from annotator.ui.workspace import Workspace


class UndoRedo:
    """Owns the Undo and Redo actions of the key table and keeps their text and state."""

    def __init__(self, workspace: Workspace) -> None:
        self._workspace = workspace
        self._stack: QUndoStack | None = None
        self._undo_action: QAction | None = None
        self._redo_action: QAction | None = None
        workspace.project_opened.connect(self._on_workspace_project_opened)
        workspace.project_closed.connect(self._on_workspace_project_closed)

    def undo(self) -> None:
        if self._stack is not None:
            self._stack.undo()

    def redo(self) -> None:
        if self._stack is not None:
            self._stack.redo()

    def attach_undo(self, action: QAction) -> None:
        self._undo_action = action
        self.refresh()  # disabled until a project is open

    def attach_redo(self, action: QAction) -> None:
        self._redo_action = action
        self.refresh()

    def refresh(self) -> None:
        """Enable the actions that can act, and name what they would undo or redo."""
        stack = self._stack
        can_undo, can_redo = bool(stack and stack.canUndo()), bool(stack and stack.canRedo())
        undo_text = f"Undo {stack.undoText()}" if stack and can_undo else "Undo"
        redo_text = f"Redo {stack.redoText()}" if stack and can_redo else "Redo"
        rows = ((self._undo_action, can_undo, undo_text), (self._redo_action, can_redo, redo_text))
        for action, enabled, text in rows:
            if action is not None:
                action.setEnabled(enabled)
                action.setText(text)  # the menu's entry; the toolbar keeps its short icon text
                action.setToolTip(text)

    def _on_workspace_project_opened(self, _project: Project) -> None:
        assert self._workspace.document is not None
        self._stack = self._workspace.document.undo_stack
        self._stack.indexChanged.connect(self._on_stack_index_changed)
        self.refresh()

    def _on_workspace_project_closed(self) -> None:
        if self._stack is not None:
            self._stack.indexChanged.disconnect(self._on_stack_index_changed)
            self._stack = None
        self.refresh()

    def _on_stack_index_changed(self, _index: int) -> None:
        self.refresh()

"""Edit ▸ Settings: the names stored with the user's segments and verdicts, changed later.

The first prompt (``Workspace.user_name``) offers the login name; this dialog is where a
name given then, or the login name used when it was cancelled, is changed afterwards.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLineEdit, QWidget

from annotator.ui.app_settings import UserRole
from annotator.ui.workspace import Workspace


class SettingsDialog(QDialog):
    """The annotator's and the reviewer's names."""

    def __init__(self, annotator: str, reviewer: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Settings")
        self.annotator = QLineEdit(annotator)
        self.reviewer = QLineEdit(reviewer)
        self.reviewer.setPlaceholderText("as the annotator")
        button = QDialogButtonBox.StandardButton
        buttons = QDialogButtonBox(button.Ok | button.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow("Your name as annotator", self.annotator)
        form.addRow("Your name as reviewer", self.reviewer)
        form.addRow(buttons)
        self.setMinimumWidth(420)

    def names(self) -> dict[UserRole, str]:
        return {
            UserRole.ANNOTATOR: self.annotator.text().strip(),
            UserRole.REVIEWER: self.reviewer.text().strip(),
        }


class UserSettings:
    """Owns the Settings row of the key table."""

    def __init__(self, workspace: Workspace) -> None:
        self._workspace = workspace
        self.dialog: SettingsDialog | None = None
        """The dialog while it is open (tests type into it)."""

    def edit(self) -> None:
        """Show the dialog; a name left blank keeps the one there was."""
        workspace = self._workspace
        self.dialog = SettingsDialog(
            workspace.known_name(UserRole.ANNOTATOR),
            workspace.settings.user_name(UserRole.REVIEWER),
            workspace.dialog_parent,
        )
        try:
            if self.dialog.exec() == QDialog.DialogCode.Accepted:
                for role, name in self.dialog.names().items():
                    if name:
                        workspace.set_user_name(role, name)
        finally:
            self.dialog.deleteLater()
            self.dialog = None

"""What the app remembers between runs: names, recent projects, window layout."""

from __future__ import annotations

import getpass
from enum import StrEnum
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

MAX_RECENT = 10


class UserRole(StrEnum):
    """Who the user is while working: a name is remembered for each."""

    ANNOTATOR = "annotator"
    REVIEWER = "reviewer"


def login_name() -> str:
    """The name the user logged in with ("" if the system cannot tell)."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no such user in the password database, no $USER
        return ""


class AppSettings:
    """A thin typed wrapper over ``QSettings`` (an INI file of its own in tests)."""

    def __init__(self, path: Path | None = None) -> None:
        self._settings = (
            QSettings(str(path), QSettings.Format.IniFormat)
            if path is not None
            else QSettings("Annotator", "Annotator")
        )

    def _text(self, key: str) -> str:
        value = self._settings.value(key, "")
        return str(value) if value is not None else ""

    def user_name(self, role: UserRole) -> str:
        return self._text(f"user/{role}")

    def set_user_name(self, role: UserRole, name: str) -> None:
        self._settings.setValue(f"user/{role}", name)

    @property
    def annotator_name(self) -> str:
        return self.user_name(UserRole.ANNOTATOR)

    @annotator_name.setter
    def annotator_name(self, name: str) -> None:
        self.set_user_name(UserRole.ANNOTATOR, name)

    @property
    def reviewer_name(self) -> str:
        return self.user_name(UserRole.REVIEWER)

    @reviewer_name.setter
    def reviewer_name(self, name: str) -> None:
        self.set_user_name(UserRole.REVIEWER, name)

    def recent_projects(self) -> list[str]:
        value = self._settings.value("recent/projects", [])
        items = [value] if isinstance(value, str) else list(value or [])
        return [str(item) for item in items if item]

    def add_recent_project(self, path: Path | str) -> None:
        """Remember a folder (resolved) or a server project's URL (which has no password)."""
        text = path if isinstance(path, str) and "://" in path else str(Path(path).resolve())
        items = [text, *(item for item in self.recent_projects() if item != text)][:MAX_RECENT]
        self._settings.setValue("recent/projects", items)

    @property
    def media_root(self) -> str:
        """Where this machine keeps server projects' videos ('' : the environment, or here)."""
        return self._text("media/root")

    @media_root.setter
    def media_root(self, folder: str) -> None:
        self._settings.setValue("media/root", folder)

    def window_state(self) -> tuple[QByteArray | None, QByteArray | None]:
        geometry = self._settings.value("window/geometry")
        state = self._settings.value("window/state")
        return (
            geometry if isinstance(geometry, QByteArray) else None,
            state if isinstance(state, QByteArray) else None,
        )

    def save_window_state(self, geometry: QByteArray, state: QByteArray) -> None:
        self._settings.setValue("window/geometry", geometry)
        self._settings.setValue("window/state", state)

    def sync(self) -> None:
        self._settings.sync()

"""What the window's parts share: the open project, its document, the video on screen.

Helpers (project actions, menus, review mode, key owners, the views) receive this object,
never the window: they read its state and listen to its signals, so the window stays a
composition of widgets. It owns the player engine, asks for the user's name when a project
opens, and is the one place that opens and closes projects and picks the current video.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

from annotator.domain.video import Video
from annotator.editing.annotation_document import AnnotationDocument
from annotator.editing.coding_session import CodingSession
from annotator.editing.live_updates import LiveUpdates
from annotator.project.project import Project
from annotator.storage.pg_store import PgProjectStore
from annotator.ui import dialogs
from annotator.ui.app_settings import AppSettings, UserRole, login_name
from annotator.ui.player.player_engine import PlayerEngine

ShowMessage = Callable[[str, int], None]
"""Shows a line in the status bar for that many milliseconds."""


class Workspace(QObject):
    """The project, document, coding session, current video and player engine, with signals."""

    project_opened = Signal(object)  # Project; the document and coding session are set
    project_closing = Signal()  # the project, document and views are still there
    project_closed = Signal()
    videos_changed = Signal(list)  # [Video] of the project, ``missing`` updated
    video_changed = Signal(object)  # Video now current (its coding session is reset)
    # The video on screen is about to be reloaded from its new proxy (which pauses the
    # player), and has been: review mode keeps its place across the swap.
    media_swapping = Signal(int)  # video id
    media_swapped = Signal(int)  # video id
    review_mode_changed = Signal(bool)
    user_changed = Signal(str)  # the name the open project's edits are stored with
    others_changed = Signal(list)  # [str]: who else has the (server) project open

    def __init__(
        self, settings: AppSettings, dialog_parent: QWidget, show_message: ShowMessage, ask_names: bool = True
    ) -> None:
        super().__init__(dialog_parent)
        self.settings = settings
        self.ask_names = ask_names
        self.dialog_parent = dialog_parent
        """The widget dialogs are shown over."""
        self.show_message = show_message
        self.engine = PlayerEngine(self)
        self.project: Project | None = None
        self.document: AnnotationDocument | None = None
        self.coding: CodingSession | None = None
        self.video: Video | None = None
        self.missing: set[int] = set()
        self.reviewing = False
        self._places: dict[int, int] = {}  # video id -> the frame it was left at
        self.live: LiveUpdates | None = None  # a server project's other clients

    # -- the project ------------------------------------------------------------------
    def open_project(self, project: Project) -> None:
        """Make ``project`` the open one (closing any other), its first video current.

        The project shows first; a user whose name is not known yet is asked just after
        (the login name offered). Until then, and if the prompt is cancelled, edits carry
        the login name, which the status bar shows: never an empty name."""
        self.close_project()
        self.project = project
        name = self.known_name(UserRole.ANNOTATOR)
        self.document = AnnotationDocument(project.store, user=name, parent=self)
        self.coding = CodingSession(self.document, self)
        self.project_opened.emit(project)
        self.document.reset.connect(self.refresh_videos)  # an import may add videos
        self.document.command_refused.connect(lambda message: self.show_message(message, 15000))
        self.settings.add_recent_project(project.location)
        self._start_live_updates(project)
        videos = self.refresh_videos()
        if videos:
            self.select_video(videos[0].id)
        self.user_changed.emit(self.document.user)
        if not self.settings.annotator_name and self.ask_names:
            QTimer.singleShot(0, lambda: self.user_name(UserRole.ANNOTATOR))

    def _start_live_updates(self, project: Project) -> None:
        """A server project: other clients' edits refresh the views; the status bar names them."""
        store = project.store
        if not isinstance(store, PgProjectStore) or self.document is None:
            return
        store.set_client_name(self.document.user)
        self.user_changed.connect(store.set_client_name)
        self.live = LiveUpdates(self.document, store.changes_elsewhere, store.others_connected, self)
        self.live.others_changed.connect(self.others_changed)

    def close_project(self) -> None:
        if self.project is None or self.document is None:
            return
        if self.live is not None:
            self.live.stop()
            self.user_changed.disconnect(self.project.store.set_client_name)  # type: ignore[attr-defined]
            self.live.deleteLater()
            self.live = None
        self.project_closing.emit()
        self.engine.pause()
        project, document = self.project, self.document
        self.project = self.document = self.coding = self.video = None
        self.missing = set()
        self._places = {}
        self.project_closed.emit()
        document.deleteLater()
        project.close()

    def known_name(self, role: UserRole) -> str:
        """The name remembered for ``role``, else the one offered for it: a reviewer is
        offered the annotator's name, anyone the login name."""
        offered = self.settings.annotator_name if role is UserRole.REVIEWER else ""
        return self.settings.user_name(role) or offered or login_name()

    def user_name(self, role: UserRole) -> str:
        """The name remembered for ``role``; if none, asked (``known_name`` offered) when
        names may be asked, and remembered; cancelled or not asked: ``known_name``."""
        name = self.settings.user_name(role)
        if name:
            return name
        offered = self.known_name(role)
        asked = dialogs.ask_user_name(self.dialog_parent, role, offered) if self.ask_names else ""
        if asked:
            self.set_user_name(role, asked)
        return asked or offered

    def set_user_name(self, role: UserRole, name: str) -> None:
        """Remember ``name`` for ``role``; the annotator's goes on every later edit."""
        self.settings.set_user_name(role, name)
        if role is UserRole.ANNOTATOR and self.document is not None:
            self.document.user = name
            self.user_changed.emit(name)

    def shutdown(self) -> None:
        """The window is closing: close the project and end the player's threads."""
        self.close_project()
        self.engine.shutdown()

    # -- videos -----------------------------------------------------------------------
    def refresh_videos(self) -> list[Video]:
        """Read the project's videos again and which of them are missing."""
        assert self.project is not None
        videos = self.project.store.videos()
        self.missing = {video.id for video in videos if self.project.is_missing(video)}
        self.videos_changed.emit(videos)
        return videos

    def select_video(self, video_id: int) -> None:
        """Make the video current: coding starts afresh, every view and the player follow
        (the player at the frame where the user left this video, ``place``)."""
        if self.project is None or self.coding is None:
            return
        if self.video is not None and self.video.id not in self.missing:
            self._places[self.video.id] = self.engine.current_frame
        self.video = self.project.store.video(video_id)
        self.coding.set_video(video_id)
        self.video_changed.emit(self.video)

    # -- the playhead -----------------------------------------------------------------
    def place(self, video_id: int) -> int:
        """The frame the user left ``video_id`` at in this session (0 if never shown)."""
        return self._places.get(video_id, 0)

    @property
    def frame_count(self) -> int:
        return self.video.info.frame_count if self.video else 0

    @property
    def current_frame(self) -> int:
        return self.engine.current_frame

    def seek(self, frame: int) -> None:
        """Show ``frame`` of the current video (clamped to it)."""
        if self.video is not None:
            self.engine.seek_frame(min(max(frame, 0), self.frame_count - 1))

    # -- keys and modes ---------------------------------------------------------------
    def label_for_key(self, key: str) -> int | None:
        """The id of the label ``key`` codes; without one, the status bar says so."""
        label = self.document.label_with_key(key) if self.document is not None else None
        if label is None or label.id is None:
            self.show_message(f"No label has key {key}", 3000)
            return None
        return label.id

    def set_reviewing(self, on: bool) -> None:
        """Review mode turned on or off (its keys take over the ones they share)."""
        if on != self.reviewing:
            self.reviewing = on
            self.review_mode_changed.emit(on)

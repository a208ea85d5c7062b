"""The search panel in the window (Edit ▸ Find…, Ctrl+F): runs the query the panel asks
for (``project.search``, the CLI's language), shows the results and their pictures, and
plays, queues for review or plays all of them.

The query runs on the GUI thread (it answers in milliseconds); the pictures are made on a
pool thread of its own (``project.search_stills``, cached on disk), so typing never waits
for a decoder. Nothing runs while the dock is hidden. It follows the document: any edit runs
the query again (a changed note shows, a deleted segment leaves) 50 ms later however many
edits came, or when the dock is next shown.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QDockWidget, QMainWindow

from annotator.domain.search_query import SearchQueryError
from annotator.editing.annotation_document import AnnotationDocument
from annotator.editing.review_queue import DEFAULT_POSTROLL_S, DEFAULT_PREROLL_S, play_range
from annotator.project.errors import ProjectError
from annotator.project.project import Project
from annotator.project.search import search
from annotator.project.search_stills import StillJob, still_jobs
from annotator.ui.background import TaskRunner
from annotator.ui.player.range_player import RangePlayer
from annotator.ui.project_views import ProjectViews
from annotator.ui.review.review_mode import ReviewMode
from annotator.ui.search.search_panel import SearchPanel
from annotator.ui.search.search_results_model import SearchResultsModel
from annotator.ui.while_shown import WhileShown
from annotator.ui.workspace import Workspace

LIMIT = 200
"""The most results a query shows (best first), as the CLI's default."""
RERUN_MS = 50
"""After an edit, the query runs again this much later (a drag's many moves: once)."""
Picture = tuple[int, int, QImage]  # video id, frame, image


class SearchPart(QObject):
    """Owns the search dock, its results and the work behind them."""

    def __init__(
        self,
        workspace: Workspace,
        views: ProjectViews,
        review: ReviewMode,
        dock_host: QMainWindow,
        beside: QDockWidget,
    ) -> None:
        super().__init__(workspace)
        self._workspace = workspace
        self._views = views
        self._review = review
        self.model = SearchResultsModel(self)
        self.panel = SearchPanel(self.model)
        self.panel.setEnabled(False)
        self.dock = QDockWidget("Search", dock_host)
        self.dock.setObjectName("dock-search")
        self.dock.setWidget(self.panel)
        dock_host.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
        dock_host.tabifyDockWidget(beside, self.dock)
        self.dock.hide()
        beside.raise_()  # the table stays in front until Ctrl+F
        self.stills = TaskRunner(self, max_threads=1)
        self._cancels: dict[str, threading.Event] = {}
        self._pending: dict[str, set[tuple[int, int]]] = {}  # task -> the pictures it makes
        self._failed: set[tuple[int, int]] = set()  # pictures that could not be made: not asked again
        self._tasks = 0
        self.player = RangePlayer(workspace.engine, self)
        self._playlist: list[str] = []
        self._text = ""
        self._follow = WhileShown(self.dock, self._run, RERUN_MS, owed=False)
        self.panel.query_changed.connect(self.run)
        self.panel.play_requested.connect(self.play)
        self.panel.queue_requested.connect(self.queue_for_review)
        self.panel.play_all_requested.connect(self.play_all)
        # Queued: the stop frame is on screen (and heard of) before the next result starts.
        self.player.finished.connect(self._on_player_finished, Qt.ConnectionType.QueuedConnection)
        self.player.interrupted.connect(self._on_player_interrupted)
        self.stills.task_failed.connect(self._on_stills_task_failed)
        self.stills.task_cancelled.connect(self._on_stills_task_cancelled)
        # The proxy swapped in under a result being played: on from the same frame.
        workspace.media_swapping.connect(lambda _video_id: self.player.hold())
        workspace.media_swapped.connect(
            lambda _video_id: self.player.resume(), Qt.ConnectionType.QueuedConnection
        )
        workspace.project_opened.connect(self._on_workspace_project_opened)
        workspace.project_closing.connect(self._on_workspace_project_closing)
        workspace.project_closed.connect(self._on_workspace_project_closed)

    # -- what the keys and the panel ask for ------------------------------------------------
    def show_panel(self) -> None:
        """Edit ▸ Find… (Ctrl+F): the dock in front, the query box focused."""
        self.dock.show()
        self.dock.raise_()
        self.panel.focus_query()

    def run(self, text: str) -> None:
        """Search for ``text``; an empty query lists every segment (the first ``LIMIT``)."""
        self._text = text
        self._run()

    def play(self, segment_id: str) -> None:
        """Play one result in context: its video, from a second before to half a second after."""
        self._playlist = []
        self._play(segment_id)

    def play_all(self) -> None:
        """Play every result in the grid's order, each in context, one after the other."""
        self._playlist = self.model.segment_ids()
        self._play_next()

    def queue_for_review(self) -> None:
        """Review mode on exactly these results."""
        self._playlist = []
        self.player.cancel()
        self._review.review_segments(self.model.segment_ids())

    # -- running the query ------------------------------------------------------------------
    def _run(self) -> None:
        project = self._workspace.project
        if project is None:
            return
        try:
            found = search(project, self._text, limit=LIMIT)
        except (SearchQueryError, ProjectError) as refused:
            self.model.set_results([])
            self.panel.show_refusal(str(refused))
            return
        self.model.set_colours(
            {label.name: label.colour for label in project.store.labels(include_archived=True)}
        )
        self.model.set_results(found)
        self.panel.show_found(len(found), LIMIT)
        self._make_pictures(project)

    def _on_document_changed(self, *_args: object) -> None:
        """An edit: run the query again soon if the panel shows, else when it is shown."""
        self._follow.changed()

    # -- pictures -----------------------------------------------------------------------------
    def _make_pictures(self, project: Project) -> None:
        """Start the stills the grid lacks (not already being made); cancel the work for
        pictures no result shows any more."""
        missing = self.model.missing_pictures()
        for name, keys in self._pending.items():
            if not keys & missing:
                self._cancels[name].set()
        segments = [found.segment for found in self.model.results()]
        have = self.model.known_pictures() | self._being_made() | self._failed
        for job in still_jobs(project, segments, have=have):
            self._submit(job)

    def _submit(self, job: StillJob) -> None:
        self._tasks += 1
        name = f"stills {self._tasks}"
        cancel = threading.Event()
        self._cancels[name] = cancel
        self._pending[name] = {(job.video_id, frame) for frame in job.frames}
        self.stills.submit(
            name, _still_work(job, cancel), lambda pictures: self._on_pictures(name, pictures), cancel
        )

    def _on_pictures(self, name: str, pictures: list[Picture]) -> None:
        if name not in self._pending:
            return  # made for a project closed since
        self._forget_task(name)
        for video_id, frame, image in pictures:
            self.model.set_picture(video_id, frame, image)

    def _on_stills_task_cancelled(self, name: str) -> None:
        """A task cancelled: what it was making is asked for again if still shown."""
        self._forget_task(name)
        project = self._workspace.project
        if project is not None and self.model.missing_pictures() - self._being_made() - self._failed:
            self._make_pictures(project)

    def _on_stills_task_failed(self, name: str, message: str) -> None:
        """A task failed (an unreadable frame): its pictures stay "…" and are not asked again."""
        self._failed |= self._pending.get(name, set())
        self._forget_task(name)
        self._workspace.show_message(f"Search pictures: {message}", 8000)

    def _being_made(self) -> set[tuple[int, int]]:
        return set().union(*self._pending.values())

    def _forget_task(self, name: str) -> None:
        self._pending.pop(name, None)
        self._cancels.pop(name, None)

    # -- playing ------------------------------------------------------------------------------
    def _play(self, segment_id: str) -> bool:
        workspace, document = self._workspace, self._workspace.document
        if document is None:
            return False
        segment = document.segment(segment_id)
        if segment.video_id in workspace.missing:
            workspace.show_message("That segment's video is missing: relink it first", 5000)
            return False
        if workspace.video is None or workspace.video.id != segment.video_id:
            workspace.select_video(segment.video_id)
        assert workspace.video is not None
        self._views.select_segments([segment_id])
        self.panel.grid.show_segment(segment_id)
        played = play_range(segment, workspace.video.info.times(), DEFAULT_PREROLL_S, DEFAULT_POSTROLL_S)
        self.player.play(played.first_frame, played.stop_frame)
        return True

    def _play_next(self) -> None:
        while self._playlist:
            segment_id = self._playlist.pop(0)
            if self._play(segment_id):
                done = len(self.model.segment_ids()) - len(self._playlist)
                self._workspace.show_message(f"Playing result {done} of {self.model.rowCount()}", 4000)
                return

    @property
    def playing_all(self) -> bool:
        """Play all has results still to play."""
        return bool(self._playlist)

    def _on_player_interrupted(self, _frame: int) -> None:
        """K, a seek or a step stopped the result: Play all ends there."""
        self._playlist = []

    def _on_player_finished(self, _stop_frame: int) -> None:
        if self._playlist:
            self._play_next()

    # -- the project --------------------------------------------------------------------------
    def _on_workspace_project_opened(self, _project: Project) -> None:
        document = self._workspace.document
        assert document is not None
        _follow(document, self._on_document_changed)
        self.model.forget_pictures()
        self.panel.setEnabled(True)
        self._on_document_changed()  # runs the query now if the panel shows, else when shown

    def _on_workspace_project_closing(self) -> None:
        self._playlist = []
        self.player.cancel()
        for cancel in self._cancels.values():
            cancel.set()
        self.stills.wait(10_000)
        self._pending.clear()
        self._cancels.clear()
        self._failed.clear()

    def _on_workspace_project_closed(self) -> None:
        self._follow.stop(owed=False)
        self.model.set_results([])
        self.model.forget_pictures()
        self.panel.show_found(0)
        self.panel.setEnabled(False)


def _follow(document: AnnotationDocument, changed: Callable[..., None]) -> None:
    for signal in (
        document.segment_added,
        document.segment_changed,
        document.segment_removed,
        document.labels_changed,
        document.review_added,
        document.review_removed,
        document.reset,
    ):
        signal.connect(changed)


def _still_work(job: StillJob, cancel: threading.Event) -> Callable[[Callable[[float], None]], list[Picture]]:
    """The pool thread's part: the stills (from the cache or decoded), read as images."""

    def work(_progress: Callable[[float], None]) -> list[Picture]:
        files = job.run(cancel=cancel.is_set)
        return [(job.video_id, frame, QImage(str(path))) for frame, path in files.items()]

    return work

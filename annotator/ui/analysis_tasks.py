"""Analyze ▸ …: the analyses of the project's videos in the background, and their proposals.

An analysis (shots and sounds, ``project.propose``) runs on the task runner with progress
and a cancel event; a cancelled run adds nothing (the cache is written per video, only when
complete). When a run ends, its shot and sound proposals go to the document as one
undoable step, so every view hears of them. "More like this" learns from a label's coded
segments (read on the GUI thread, as every store read is) and searches all videos in the
background; the UI says how many examples it learned from.

What each analysis found is kept per video (``analysis``, ``analysis_ready``): the current
video's is read from the cache when it becomes current, for the timeline's shot marks and
sound lane and for the shot keys.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QObject, Signal

from annotator.domain.video import Video
from annotator.project.analyze import VideoAnalysis, cached_analysis
from annotator.project.errors import ProjectError
from annotator.project.import_plan import ImportPlan
from annotator.project.propose import (
    analyses_of,
    found_proposals,
    like_examples,
    more_like,
    plan_new_proposals,
)
from annotator.ui.background import TaskRunner
from annotator.ui.workspace import Workspace


class AnalysisTasks(QObject):
    """Starts analyses and "more like this"; keeps what each video's analysis found."""

    analysis_ready = Signal(int, object)  # video id, VideoAnalysis
    run_finished = Signal(str)  # what the status bar said when a run ended (added, cancelled)

    def __init__(
        self, workspace: Workspace, runner: TaskRunner, selected_label: Callable[[], int | None]
    ) -> None:
        super().__init__(workspace)
        self._workspace = workspace
        self._runner = runner
        self._selected_label = selected_label
        """The label selected in the vocabulary panel, for Analyze ▸ More like this."""
        self._found: dict[int, VideoAnalysis] = {}
        self._running: str | None = None  # one run at a time: two would analyse a video twice
        workspace.video_changed.connect(self._on_workspace_video_changed)
        workspace.project_closing.connect(self.cancel)
        workspace.project_closed.connect(self._found.clear)
        runner.task_failed.connect(self._on_runner_task_failed)
        runner.task_cancelled.connect(self._on_runner_task_cancelled)

    def analysis(self, video_id: int) -> VideoAnalysis | None:
        """What the analysis of the video found, if it has been read or made."""
        return self._found.get(video_id)

    @property
    def running(self) -> bool:
        return self._running is not None

    # -- the actions ------------------------------------------------------------------
    def analyze_current(self) -> None:
        """Analyze ▸ Analyze this video."""
        if self._workspace.video is not None:
            self._analyze([self._workspace.video], f"Analyzing {self._workspace.video.name}")

    def analyze_all(self) -> None:
        """Analyze ▸ Analyze all videos."""
        project = self._workspace.project
        if project is not None:
            videos = project.store.videos()
            self._analyze(videos, f"Analyzing {len(videos)} videos")

    def more_like_selected(self) -> None:
        """Analyze ▸ More like the selected label."""
        self.more_like(self._selected_label())

    def more_like(self, label_id: int | None) -> None:
        """The ten stretches most like the segments coded ``label_id``, as its proposals."""
        workspace = self._workspace
        project, document = workspace.project, workspace.document
        if project is None or document is None or not self._can_start():
            return
        if label_id is None:
            workspace.show_message("Select a label in the Vocabulary panel first", 5000)
            return
        try:
            examples = like_examples(project, document.label(label_id).name)
        except ProjectError as error:
            workspace.show_message(str(error), 8000)
            return
        videos = self._present(project.store.videos())
        count = len(examples.coded)
        learned = f"{count} example{'' if count == 1 else 's'}"
        name = f"More like “{examples.label.name}” (learning from {learned})"

        def work(progress: Callable[[float], None], cancel: Callable[[], bool]) -> tuple[Any, Any]:
            analyses = analyses_of(project, videos, progress, cancel)
            return analyses, more_like(examples, {video.id: video for video in videos}, analyses)

        def done(result: tuple[dict[int, VideoAnalysis], Any]) -> None:
            analyses, proposals = result
            self.keep(analyses)
            plan = plan_new_proposals(project, proposals)
            self._add(plan, f"More like “{examples.label.name}”: learned from {learned}")

        self._start(name, work, done)

    def cancel(self) -> None:
        """Stop the running analysis; nothing of it is added."""
        if self._running is not None:
            self._runner.cancel(self._running)

    # -- runs ---------------------------------------------------------------------------
    def _analyze(self, videos: Sequence[Video], name: str) -> None:
        project = self._workspace.project
        if project is None or not self._can_start():
            return
        present = self._present(videos)
        if not present:
            self._workspace.show_message("The video file is missing: relink it first", 6000)
            return

        def done(analyses: dict[int, VideoAnalysis]) -> None:
            self.keep(analyses)
            plan = plan_new_proposals(project, found_proposals(present, analyses))
            self._add(plan, f"Analyzed {len(present)} video{'s' if len(present) > 1 else ''}")

        self._start(name, lambda progress, cancel: analyses_of(project, present, progress, cancel), done)

    def _start(self, name: str, work: Callable[..., Any], done: Callable[[Any], None]) -> None:
        """Run ``work(progress, cancel)`` cancellably; ``done`` runs only if the project
        that started it is still open."""
        project, event = self._workspace.project, threading.Event()

        def finished(result: Any) -> None:
            self._running = None
            if project is self._workspace.project:
                done(result)

        self._running = name
        self._runner.submit(name, lambda progress: work(progress, event.is_set), finished, event)

    def _add(self, plan: ImportPlan, what: str) -> None:
        """The run's new proposals, as one undoable step."""
        document = self._workspace.document
        assert document is not None
        count = len(plan.segments)
        if count:
            document.add_proposals(plan)
        message = f"{what}: {count} new proposal{'' if count == 1 else 's'}" + (
            " (Tab goes to the next one)" if count else ""
        )
        self._workspace.show_message(message, 15000)
        self.run_finished.emit(message)

    def keep(self, analyses: dict[int, VideoAnalysis]) -> None:
        """Remember what the analyses of these videos found, and say so."""
        for video_id, analysis in analyses.items():
            self._found[video_id] = analysis
            self.analysis_ready.emit(video_id, analysis)

    def _can_start(self) -> bool:
        if self._running is not None:
            self._workspace.show_message(f"{self._running} is still running (Analyze ▸ Cancel)", 5000)
            return False
        return True

    def _present(self, videos: Sequence[Video]) -> list[Video]:
        return [video for video in videos if video.id not in self._workspace.missing]

    # -- following the workspace and the runner ---------------------------------------
    def _on_workspace_video_changed(self, video: Video) -> None:
        """Show what an earlier analysis of the video found (from memory or its cache)."""
        known = self._found.get(video.id)
        if known is not None:
            self.analysis_ready.emit(video.id, known)
            return
        project = self._workspace.project
        assert project is not None
        cache, fingerprint = project.cache, video.fingerprint

        def done(found: VideoAnalysis | None) -> None:
            if found is not None and project is self._workspace.project:
                self.keep({video.id: found})

        self._runner.submit(
            f"Reading analysis of {video.name}", lambda _p: cached_analysis(cache, fingerprint), done
        )

    def _on_runner_task_failed(self, name: str, message: str) -> None:
        if name == self._running:
            self._running = None
            text = f"{name} failed: {message}"
            self._workspace.show_message(text, 15000)
            self.run_finished.emit(text)

    def _on_runner_task_cancelled(self, name: str) -> None:
        if name == self._running:
            self._running = None
            text = f"{name}: cancelled, nothing was added"
            self._workspace.show_message(text, 8000)
            self.run_finished.emit(text)

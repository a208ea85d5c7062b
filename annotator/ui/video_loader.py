"""Puts the current video on the player: its proxy when built, else the original meanwhile.

The slow work (proxy, waveform, filmstrip) starts in the background as a video becomes
current; when its proxy is ready the player switches to it at the same frame, between the
workspace's ``media_swapping`` and ``media_swapped`` (review mode holds its place).
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

from PySide6.QtCore import QObject

from annotator.domain.frame_times import FrameTimes
from annotator.domain.video import Video
from annotator.media.frame_source import open_frame_source
from annotator.ui.media_tasks import MediaTasks
from annotator.ui.player.player_panel import PlayerPanel
from annotator.ui.workspace import Workspace


class VideoLoader(QObject):
    """Loads the workspace's current video into its engine and swaps in the proxy."""

    def __init__(self, workspace: Workspace, media_tasks: MediaTasks, player_panel: PlayerPanel) -> None:
        super().__init__(workspace)
        self._workspace = workspace
        self._media_tasks = media_tasks
        self._player_panel = player_panel
        workspace.video_changed.connect(self._on_workspace_video_changed)
        media_tasks.proxy_ready.connect(self._on_media_proxy_ready)

    def _on_workspace_video_changed(self, video: Video) -> None:
        workspace = self._workspace
        assert workspace.project is not None
        info = video.info
        self._player_panel.set_fps(info.fps)
        if video.id in workspace.missing:
            workspace.engine.pause()
            self._player_panel.view.set_message(
                f"{video.path} is missing: double-click it in Videos to relink"
            )
            return
        source = workspace.project.video_path(video)
        proxy = workspace.project.cache.ready_proxy(video.fingerprint, info)
        self._load(video, proxy or source, info.times(), workspace.place(video.id))
        if proxy is None:
            workspace.show_message("Using the original until its proxy is built (stepping is slower)", 8000)
        self._media_tasks.start(workspace.project, video, source, proxy)

    def _load(self, video: Video, path: Path, times: FrameTimes, frame: int = 0) -> None:
        """Load ``path`` (the original or its proxy) at ``frame``; its frame source is
        opened on the decode thread through the project's probe cache."""
        assert self._workspace.project is not None
        opener = partial(open_frame_source, path, self._workspace.project.cache)
        self._workspace.engine.load(path, times, opener, has_audio=video.info.has_audio, frame=frame)

    def _on_media_proxy_ready(self, video_id: int, path: str) -> None:
        workspace = self._workspace
        video = workspace.video
        if video is None or video.id != video_id:
            return
        engine = workspace.engine
        frame, playing = engine.current_frame, engine.is_playing
        workspace.media_swapping.emit(video_id)
        self._load(video, Path(path), video.info.times(), frame)
        if playing and not workspace.reviewing:
            engine.play()
        workspace.media_swapped.emit(video_id)
        workspace.show_message("Proxy ready: stepping and seeking are now instant", 5000)

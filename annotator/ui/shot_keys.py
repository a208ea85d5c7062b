"""The shot keys: Ctrl+Left / Ctrl+Right jump to the previous / next shot boundary, and S
codes the shot under the playhead with the label selected in the vocabulary panel (one
undoable step). The boundaries are those of the current video's analysis."""

from __future__ import annotations

from annotator.domain.segment import SegmentError
from annotator.editing.proposal_rules import boundary_after, boundary_before, shot_at
from annotator.ui.analysis_tasks import AnalysisTasks
from annotator.ui.project_views import ProjectViews
from annotator.ui.workspace import Workspace

NOT_ANALYSED = "No shots known for this video yet: Analyze ▸ Analyze this video"


class ShotKeys:
    """Owns the shot actions of the key table."""

    def __init__(self, workspace: Workspace, analysis: AnalysisTasks, views: ProjectViews) -> None:
        self._workspace = workspace
        self._analysis = analysis
        self._views = views

    def step_boundary(self, direction: int) -> None:
        """Show the first frame of the next shot (1), or of the shot under the playhead or,
        on its first frame, of the one before (-1)."""
        boundaries = self._boundaries()
        if boundaries is None:
            return
        frame = self._workspace.current_frame
        starts = [0, *boundaries]  # the first shot starts at frame 0
        target = boundary_after(starts, frame) if direction > 0 else boundary_before(starts, frame)
        if target is None:
            self._workspace.show_message(
                f"No shot boundary {'after' if direction > 0 else 'before'} here", 3000
            )
            return
        self._workspace.seek(target)

    def code_shot(self) -> None:
        """The shot under the playhead becomes a segment of the selected label."""
        workspace, document, video = self._workspace, self._workspace.document, self._workspace.video
        boundaries = self._boundaries()
        if document is None or video is None or boundaries is None:
            return
        label_id = self._views.selected_label_id()
        if label_id is None:
            workspace.show_message("Select a label in the Vocabulary panel: S codes the shot with it", 5000)
            return
        start, end = shot_at(boundaries, workspace.current_frame, video.info.frame_count)
        try:
            segment = document.add_segment(video.id, label_id, start, end)
        except SegmentError as error:
            workspace.show_message(str(error), 5000)
            return
        self._views.select_segments([segment.id])
        workspace.show_message(f"Coded the shot {start}-{end - 1} as {document.label(label_id).name}", 5000)

    def _boundaries(self) -> list[int] | None:
        video = self._workspace.video
        found = self._analysis.analysis(video.id) if video is not None else None
        if found is None:
            if video is not None:
                self._workspace.show_message(NOT_ANALYSED, 5000)
            return None
        return sorted(boundary.frame for boundary in found.shots)

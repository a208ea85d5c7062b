"""The proposal keys: Tab / Shift+Tab go to the next / previous proposal of the video and
play it with a second of pre-roll; Enter accepts the selected proposals (or the one Tab went
to), "Reject" removes them (Delete does too, through the coding keys); a dialog accepts or
rejects every proposal above a score. Each decision is one undoable step of the document.
"""

from __future__ import annotations

from annotator.domain.segment import Segment
from annotator.editing.proposal_rules import is_proposal, proposal_text, proposals_at_or_above, step_proposal
from annotator.editing.review_queue import play_range
from annotator.ui.player.range_player import RangePlayer
from annotator.ui.project_views import ProjectViews
from annotator.ui.proposal_score_dialog import ProposalScoreDialog
from annotator.ui.workspace import Workspace

PREROLL_S = 1.0


class ProposalKeys:
    """Owns the proposal actions of the key table."""

    def __init__(self, workspace: Workspace, views: ProjectViews) -> None:
        self._workspace = workspace
        self._views = views
        self._player = RangePlayer(workspace.engine, workspace)
        self._current: str | None = None  # the proposal Tab went to
        workspace.video_changed.connect(lambda _video: self._forget())
        workspace.project_closed.connect(self._forget)

    def step(self, direction: int) -> None:
        """Select the next (1) or previous (-1) proposal and play it from a second before."""
        workspace, document, video = self._workspace, self._workspace.document, self._workspace.video
        if document is None or video is None:
            return
        segments = document.segments(video.id)
        found = step_proposal(segments, self._current_segment(segments) or workspace.current_frame, direction)
        if found is None:
            workspace.show_message(f"No proposal {'after' if direction > 0 else 'before'} this one", 4000)
            return
        self._current = found.id
        self._views.select_segments([found.id])
        played = play_range(found, video.info.times(), PREROLL_S, 0.0)
        self._player.play(played.first_frame, played.stop_frame)
        text = proposal_text(found, document.label(found.label_id).name)
        workspace.show_message(f"{text}: Enter accepts, Delete rejects, Tab goes on", 15000)

    def accept(self) -> None:
        """Enter: the proposals chosen become segments coded by the current user."""
        ids = self._chosen()
        if ids and self._workspace.document is not None:
            self._workspace.document.accept_proposals(ids)
            self._workspace.show_message(_counted("Accepted", ids), 5000)

    def reject(self) -> None:
        ids = self._chosen()
        if ids and self._workspace.document is not None:
            self._workspace.document.reject_proposals(ids)
            self._workspace.show_message(_counted("Rejected", ids), 5000)

    def by_score(self) -> None:
        """Ask for a minimum score (a label, this video or all), then accept or reject."""
        document = self._workspace.document
        if document is None:
            return
        proposed = {s.label_id for s in document.segments() if is_proposal(s)}
        labels = [(label.name, label.id) for label in document.labels() if label.id in proposed]
        dialog = ProposalScoreDialog(self._workspace.dialog_parent, labels, self._above)
        if dialog.exec() and dialog.choice:
            ids = dialog.picked()
            if dialog.choice == "accept":
                document.accept_proposals(ids)
            else:
                document.reject_proposals(ids)
            self._workspace.show_message(_counted(f"{dialog.choice.capitalize()}ed", ids), 8000)

    def _above(self, minimum: float, label_id: int | None, all_videos: bool) -> list[str]:
        document, video = self._workspace.document, self._workspace.video
        if document is None or (video is None and not all_videos):
            return []
        segments = document.segments(None if all_videos or video is None else video.id)
        return proposals_at_or_above(segments, minimum, label_id)

    def _chosen(self) -> list[str]:
        """The selected proposals; with none selected, the one Tab went to."""
        document, video = self._workspace.document, self._workspace.video
        if document is None or video is None:
            return []
        selected = [document.segment(i) for i in self._views.selected_segment_ids()]
        ids = [s.id for s in selected if is_proposal(s)]
        if not ids:
            current = self._current_segment(document.segments(video.id), selected_only=False)
            ids = [current.id] if current is not None else []
        if not ids:
            self._workspace.show_message("No proposal selected (Tab goes to the next one)", 4000)
        return ids

    def _current_segment(self, segments: list[Segment], selected_only: bool = True) -> Segment | None:
        """The proposal Tab went to while it is still one (and, by default, selected)."""
        if self._current is None:
            return None
        if selected_only and self._current not in self._views.selected_segment_ids():
            return None
        return next((s for s in segments if s.id == self._current and is_proposal(s)), None)

    def _forget(self) -> None:
        self._current = None
        self._player.cancel()


def _counted(verb: str, ids: list[str]) -> str:
    return f"{verb} {len(ids)} proposal{'' if len(ids) == 1 else 's'}"

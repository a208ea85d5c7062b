"""The timeline's tooltip: over a proposal, its label, what proposed it and its score."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QPointF
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QToolTip

from annotator.editing.proposal_rules import is_proposal, proposal_text

if TYPE_CHECKING:
    from annotator.ui.timeline.timeline_view import TimelineView


class ProposalTooltip(QObject):
    """Watches the view's viewport for tooltip events."""

    def __init__(self, view: TimelineView) -> None:
        super().__init__(view)
        self._view = view
        view.viewport().installEventFilter(self)

    def text_at(self, viewport_pos: QPointF) -> str:
        """The proposal's text under a viewport point; nothing over anything else."""
        segment = self._view.hit_at(viewport_pos).segment
        if segment is None or not is_proposal(segment):
            return ""
        return proposal_text(segment, self._view.tracks.labels()[segment.label_id].name)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.ToolTip or not isinstance(event, QHelpEvent):
            return False
        text = self.text_at(QPointF(event.pos()))
        if text:
            QToolTip.showText(event.globalPos(), text, self._view.viewport())
        else:
            QToolTip.hideText()
        return True

"""Every shortcut of the window in one table: the player, coding, menus and review mode.

Each row holds the callable it runs, a method of the object that owns the action (the
transport, the coding keys, the views, undo/redo, the project actions, review mode or the
window itself), with its arguments. ``KeyBindings`` turns the rows into window-wide
actions, ``menus`` places them, and ``key_docs`` writes the README's key tables from them
(``scripts/keys-table``; a test checks that the README matches). Review rows work only in
review mode, where they take over the keys they share with the others (Space, Home/End,
the brackets, 1-9).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtGui import QAction

from annotator.editing.disagreement_resolution import Resolution
from annotator.ui.agreement.agreement_keys import AgreementKeys
from annotator.ui.agreement.disagreement_keys import DisagreementKeys
from annotator.ui.analysis_tasks import AnalysisTasks
from annotator.ui.coding_keys import CodingKeys
from annotator.ui.project_actions import ProjectActions
from annotator.ui.project_views import ProjectViews
from annotator.ui.proposal_keys import ProposalKeys
from annotator.ui.review.review_mode import ReviewMode
from annotator.ui.search.search_part import SearchPart
from annotator.ui.shot_keys import ShotKeys
from annotator.ui.transport import Transport
from annotator.ui.undo_redo import UndoRedo
from annotator.ui.user_settings import UserSettings

PLAY, EDIT, LABEL_KEYS, VIEW, FILE, REVIEW = "Play", "Edit", "Edit/Label keys", "View", "File", "Review"
ANALYZE = "Analyze"
OPEN_PROJECT = "&Open project…"  # the "Open recent" menu follows it
IMPORT_TEXT = "&Import annotations (CSV, JSON, ELAN)…"
EXPORT_TEXT = "&Export annotations (CSV, JSON, ELAN, WebVTT, SRT)…"
DIGITS = "123456789"


@dataclass(frozen=True)
class KeyBinding:
    """One row: an action's text (``&`` marks its menu mnemonic), shortcuts and callable.

    ``slot(*args)`` runs when a shortcut is pressed (a ``checkable`` action's slot gets its
    checked state instead). ``menu`` is where the action is listed ("Edit/Label keys" is a
    submenu), after a separator if ``separated``; ``attach`` receives the action once made.
    """

    text: str
    shortcuts: tuple[str, ...]
    slot: Callable[..., object]
    args: tuple[object, ...] = ()
    menu: str | None = None
    review: bool = False
    separated: bool = False
    toolbar: bool = False
    checkable: bool = False
    attach: Callable[[QAction], None] | None = None

    @property
    def name(self) -> str:
        return self.text.replace("&", "")


@dataclass(frozen=True)
class KeyOwners:
    """The objects whose methods the rows call."""

    transport: Transport
    coding: CodingKeys
    views: ProjectViews
    undo: UndoRedo
    project: ProjectActions
    review: ReviewMode
    settings: UserSettings
    analysis: AnalysisTasks
    shots: ShotKeys
    proposals: ProposalKeys
    agreement: AgreementKeys
    disagreements: DisagreementKeys
    search: SearchPart
    quit: Callable[[], object]


# Moving a segment's edges, (name, shortcuts, (start delta, end delta)): the selected
# segments' while annotating, the segment under review's in review mode.
NUDGES: tuple[tuple[str, tuple[str, ...], tuple[int, int]], ...] = (
    ("Start earlier", ("[",), (-1, 0)),
    ("End later", ("]",), (0, 1)),
    ("Start later", ("Ctrl+[",), (1, 0)),
    ("End earlier", ("Ctrl+]",), (0, -1)),
    ("Start ten earlier", ("Shift+[", "{"), (-10, 0)),
    ("End ten later", ("Shift+]", "}"), (0, 10)),
    ("Start ten later", ("Ctrl+Shift+[", "Ctrl+{"), (10, 0)),
    ("End ten earlier", ("Ctrl+Shift+]", "Ctrl+}"), (0, -10)),
)


def key_table(owners: KeyOwners) -> list[KeyBinding]:
    """Every row, in the order of the README and of each menu."""
    return [
        *_player_rows(owners.transport),
        *_editing_rows(owners.undo, owners.coding),
        KeyBinding("&Find…", ("Ctrl+F",), owners.search.show_panel, (), EDIT, separated=True),
        KeyBinding("Se&ttings…", (), owners.settings.edit, (), EDIT, separated=True),
        *_view_rows(owners.views),
        *_file_rows(owners.project, owners.quit),
        *_analysis_rows(owners.analysis, owners.shots, owners.proposals),
        *_agreement_rows(owners.agreement, owners.disagreements),
        *_review_rows(owners.review, owners.disagreements),
    ]


def _player_rows(t: Transport) -> list[KeyBinding]:
    return [
        KeyBinding("Play/pause", ("Space",), t.toggle_play, (), PLAY, toolbar=True),
        KeyBinding("Previous frame", ("Left",), t.step_frames, (-1,), PLAY),
        KeyBinding("Next frame", ("Right",), t.step_frames, (1,), PLAY),
        KeyBinding("Back one second", ("Shift+Left",), t.step_seconds, (-1,), PLAY),
        KeyBinding("Forward one second", ("Shift+Right",), t.step_seconds, (1,), PLAY),
        KeyBinding("Shuttle reverse", ("J",), t.shuttle_reverse, (), PLAY),
        KeyBinding("Shuttle stop", ("K",), t.shuttle_stop, (), PLAY),
        KeyBinding("Shuttle forward", ("L",), t.shuttle_forward, (), PLAY),
        KeyBinding("Faster", ("Ctrl+Up",), t.change_speed, (2.0,), PLAY),
        KeyBinding("Slower", ("Ctrl+Down",), t.change_speed, (0.5,), PLAY),
        KeyBinding("First frame", ("Home",), t.go_to_start, (), PLAY),
        KeyBinding("Last frame", ("End",), t.go_to_end, (), PLAY),
        KeyBinding("Go to…", ("Ctrl+G",), t.go_to_dialog, (), PLAY),
    ]


def _editing_rows(undo: UndoRedo, coding: CodingKeys) -> list[KeyBinding]:
    return [
        KeyBinding("Undo", ("Ctrl+Z",), undo.undo, (), EDIT, toolbar=True, attach=undo.attach_undo),
        KeyBinding(
            "Redo", ("Ctrl+Shift+Z", "Ctrl+Y"), undo.redo, (), EDIT, toolbar=True, attach=undo.attach_redo
        ),
        KeyBinding("Mark in", ("I",), coding.mark_in, (), EDIT, separated=True),
        KeyBinding("Mark out", ("O",), coding.mark_out, (), EDIT),
        KeyBinding("Cancel open segments and marks", ("Escape",), coding.cancel, (), EDIT),
        *(KeyBinding(name, keys, coding.nudge_selected, deltas, EDIT) for name, keys, deltas in NUDGES),
        KeyBinding("Delete selected segments", ("Delete", "Backspace"), coding.delete_selected, (), EDIT),
        *(KeyBinding(f"Label key {d}", (d,), coding.label_key, (d,), LABEL_KEYS) for d in DIGITS),
    ]


def _view_rows(views: ProjectViews) -> list[KeyBinding]:
    return [
        KeyBinding("Zoom in", ("+", "=", "Ctrl+="), views.zoom_in, (), VIEW),
        KeyBinding("Zoom out", ("-", "Ctrl+-"), views.zoom_out, (), VIEW),
        KeyBinding("Zoom to fit", ("Ctrl+0",), views.zoom_to_fit, (), VIEW, toolbar=True),
        KeyBinding("Lanes per &coder", ("Ctrl+Shift+L",), views.set_coder_lanes, (), VIEW, checkable=True),
    ]


def _file_rows(project: ProjectActions, quit_: Callable[[], object]) -> list[KeyBinding]:
    return [
        KeyBinding("&New project…", ("Ctrl+N",), project.new_project, (), FILE),
        KeyBinding(OPEN_PROJECT, ("Ctrl+O",), project.open_project_dialog, (), FILE),
        KeyBinding("&Add videos…", ("Ctrl+Shift+A",), project.add_videos_dialog, (), FILE, separated=True),
        KeyBinding("Re&link missing video…", (), project.relink_current, (), FILE),
        KeyBinding("Open &team project…", (), project.open_server_project_dialog, (), FILE),
        KeyBinding(IMPORT_TEXT, ("Ctrl+I",), project.import_dialog, (), FILE, separated=True),
        KeyBinding(EXPORT_TEXT, ("Ctrl+E",), project.export_dialog, (), FILE),
        KeyBinding(
            "Export &clips (one MP4 per segment)…", ("Ctrl+Shift+E",), project.clips.export_dialog, (), FILE
        ),
        KeyBinding("&Quit", ("Ctrl+Q",), quit_, (), FILE, separated=True),
    ]


def _analysis_rows(a: AnalysisTasks, shots: ShotKeys, p: ProposalKeys) -> list[KeyBinding]:
    return [
        KeyBinding("Analyze this &video", (), a.analyze_current, (), ANALYZE),
        KeyBinding("Analyze &all videos", (), a.analyze_all, (), ANALYZE),
        KeyBinding("&More like the selected label", (), a.more_like_selected, (), ANALYZE),
        KeyBinding("&Cancel analysis", (), a.cancel, (), ANALYZE),
        KeyBinding(
            "Previous shot boundary", ("Ctrl+Left",), shots.step_boundary, (-1,), ANALYZE, separated=True
        ),
        KeyBinding("Next shot boundary", ("Ctrl+Right",), shots.step_boundary, (1,), ANALYZE),
        KeyBinding("Code the shot under the playhead", ("S",), shots.code_shot, (), ANALYZE),
        KeyBinding("Next proposal", ("Tab",), p.step, (1,), ANALYZE, separated=True),
        KeyBinding("Previous proposal", ("Shift+Tab",), p.step, (-1,), ANALYZE),
        KeyBinding("Accept proposals", ("Return", "Enter"), p.accept, (), ANALYZE),
        KeyBinding("Reject proposals", (), p.reject, (), ANALYZE),
        KeyBinding("Accept or reject proposals by &score…", (), p.by_score, (), ANALYZE),
    ]


def _agreement_rows(agreement: AgreementKeys, d: DisagreementKeys) -> list[KeyBinding]:
    return [
        KeyBinding("A&greement…", ("Ctrl+Shift+K",), agreement.open_dialog, (), ANALYZE, separated=True),
        KeyBinding("&Disagreements", ("Ctrl+Shift+D",), d.show, (), ANALYZE),
        KeyBinding("Next disagreement", ("D",), d.step, (1,), ANALYZE),
        KeyBinding("Previous disagreement", ("Shift+D",), d.step, (-1,), ANALYZE),
        KeyBinding("Keep A's segment", ("Shift+A",), d.resolve, (Resolution.KEEP_A,), ANALYZE),
        KeyBinding("Keep B's segment", ("Shift+B",), d.resolve, (Resolution.KEEP_B,), ANALYZE),
        KeyBinding("Adjust the disagreement…", ("Shift+M",), d.adjust, (), ANALYZE),
    ]


def _review_rows(r: ReviewMode, d: DisagreementKeys) -> list[KeyBinding]:
    toggle = KeyBinding(
        "Review mode",
        ("Ctrl+R",),
        r.set_active,
        (),
        REVIEW,
        toolbar=True,
        checkable=True,
        attach=r.attach_toggle,
    )
    return [
        toggle,
        KeyBinding("Review the &disagreements", (), d.review, (), REVIEW),
        KeyBinding("Approve", ("A",), r.approve, (), REVIEW, review=True, separated=True),
        KeyBinding("Reject", ("R",), r.reject, (), REVIEW, review=True),
        KeyBinding("Needs fix", ("F",), r.needs_fix, (), REVIEW, review=True),
        KeyBinding("Review note", ("N",), r.edit_note, (), REVIEW, review=True),
        KeyBinding("Replay segment", ("Space",), r.replay, (), REVIEW, review=True),
        KeyBinding("Next segment", ("Return", "Down", "Enter"), r.next, (), REVIEW, review=True),
        KeyBinding("Previous segment", ("Up",), r.previous, (), REVIEW, review=True),
        KeyBinding("Segment's first frame", ("Home",), r.show_first_frame, (), REVIEW, review=True),
        KeyBinding("Segment's last frame", ("End",), r.show_last_frame, (), REVIEW, review=True),
        *(
            KeyBinding(f"Review: {name.lower()}", keys, r.nudge, deltas, REVIEW, review=True)
            for name, keys, deltas in NUDGES
        ),
        *(KeyBinding(f"Relabel {d}", (d,), r.relabel_key, (d,), REVIEW, review=True) for d in DIGITS),
    ]

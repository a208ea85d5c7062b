"""The README's key tables, written from the key table (``scripts/keys-table`` runs this).

The keys column comes from the rows' shortcuts; the "does" column from ``DOCS``. A line
starts at each row named in ``DOCS`` and takes in the rows after it up to the next one, so
``Previous frame`` (Left) and ``Next frame`` (Right) make ``Left / Right``. A line of more
than three rows shows its first and last keys (``1 … 9``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from annotator.ui.key_table import KeyBinding

DOCS = {
    "Play/pause": "play / pause",
    "Previous frame": "one frame back / forward (exact, paused)",
    "Back one second": "one second back / forward",
    "Shuttle reverse": (
        "play backwards / stop / play forwards (press again for 2x, 4x); J is real reverse play,"
        " frame by frame"
    ),
    "Faster": "faster / slower (0.25x to 4x; the sound keeps its pitch)",
    "First frame": "first / last frame",
    "Go to…": "go to a timecode (`00:01:00;02`), a frame number (`1500`) or seconds (`60.0s`)",
    "Undo": "undo / redo (every edit; a drag is one step)",
    "Mark in": "mark in (start of the frame on screen) / out (end of the frame on screen)",
    "Cancel open segments and marks": "drop open segments and marks",
    "Start earlier": "selected segments: start one frame earlier / end one frame later",
    "Start later": "selected segments: start one frame later / end one frame earlier",
    "Start ten earlier": "selected segments: start ten frames earlier / end ten frames later",
    "Start ten later": "selected segments: start ten frames later / end ten frames earlier",
    "Delete selected segments": "delete the selected segments (selected proposals: reject them)",
    "Label key 1": (
        "the vocabulary's labels: press to open a segment at the playhead, press again to close it; several"
        " may be open at once; with I/O marked, labels exactly that range; point labels make a one-frame"
        " segment"
    ),
    "Find…": "find segments across videos: the search panel, its query box focused (Search, below)",
    "Zoom in": "zoom the timeline in / out / to fit; Ctrl+wheel zooms around the mouse",
    "Lanes per coder": "lanes per coder on / off: each coder's segments in a lane under each label's track",
    "New project…": "new project / open a project",
    "Add videos…": "add videos (or drop them on the window)",
    "Import annotations (CSV, JSON, ELAN)…": (
        "import / export annotations (CSV, JSON, ELAN; export also WebVTT, SRT)"
    ),
    "Export clips (one MP4 per segment)…": (
        "export clips: one frame-exact MP4 per segment (the selected ones, this video's or all)"
    ),
    "Quit": "quit",
    "Previous shot boundary": "previous / next shot boundary (once the video is analysed: Analyze menu)",
    "Code the shot under the playhead": (
        "code the shot under the playhead with the label selected in the Vocabulary panel"
    ),
    "Next proposal": "next / previous proposal: select it and play it from a second before",
    "Accept proposals": ("accept the selected proposals (or the one Tab went to): they become your segments"),
    "Agreement…": "the coders compared on this video: kappa, alpha, F1, boundaries (Analyze ▸ Agreement…)",
    "Disagreements": "the disagreements dock: where two coders differ (unmatched, or edges off by > N)",
    "Next disagreement": "next / previous disagreement: select its segments and play it from a second before",
    "Keep A's segment": (
        "resolve the disagreement: keep coder A's / B's segment (the other is deleted; one undo step)"
    ),
    "Adjust the disagreement…": "resolve it with new bounds (offered: the pair's mean edges)",
    "Review mode": "review mode on / off (below)",
    "Approve": "approve / reject / needs fix (a row in `reviews` with your name; the latest is the status)",
    "Review note": "write a note for the verdict",
    "Replay segment": "replay",
    "Next segment": "next / previous",
    "Segment's first frame": "the segment's first / last frame as a still",
    "Review: start earlier": (
        "fix the segment (undoable, recorded with your name): start one frame earlier / end one frame later"
    ),
    "Review: start later": "fix the segment: start one frame later / end one frame earlier",
    "Review: start ten earlier": "fix the segment: start ten frames earlier / end ten frames later",
    "Review: start ten later": "fix the segment: start ten frames later / end ten frames earlier",
    "Relabel 1": "relabel the segment",
}
SHOWN_SHORTCUTS = {"Delete selected segments": 2, "Next segment": 2, "Accept proposals": 2}
"""How many of a row's shortcuts the README names (one unless said here)."""

_SECTION = re.compile(r"(<!-- keys: (\w+) .*?-->\n)(.*?)(<!-- /keys -->)", re.DOTALL)


def key_tables(rows: Sequence[KeyBinding]) -> dict[str, str]:
    """The Markdown tables by section: ``window`` (every key but review mode's) and ``review``."""
    return {
        "window": _table([row for row in rows if not row.review]),
        "review": _table([row for row in rows if row.review]),
    }


def with_key_tables(readme: str, rows: Sequence[KeyBinding]) -> str:
    """``readme`` with each ``<!-- keys: SECTION ... -->`` ... ``<!-- /keys -->`` rewritten."""
    tables = key_tables(rows)
    return _SECTION.sub(lambda match: match[1] + tables[match[2]] + match[4], readme)


def _table(rows: Sequence[KeyBinding]) -> str:
    lines = ["| key | does |", "|---|---|"]
    lines += [f"| {_keys_text(group)} | {DOCS[group[0].name]} |" for group in _lines(rows)]
    return "\n".join(lines) + "\n"


def _lines(rows: Sequence[KeyBinding]) -> list[list[KeyBinding]]:
    """Rows with shortcuts, grouped into README lines (each starting at a row in ``DOCS``)."""
    groups: list[list[KeyBinding]] = []
    for row in rows:
        if not row.shortcuts:
            continue
        if row.name in DOCS or not groups:
            groups.append([row])
        else:
            groups[-1].append(row)
    return groups


def _keys_text(group: Sequence[KeyBinding]) -> str:
    texts = [_row_keys(row) for row in group]
    return f"{texts[0]} … {texts[-1]}" if len(texts) > 3 else " / ".join(texts)


def _row_keys(row: KeyBinding) -> str:
    shown = row.shortcuts[: SHOWN_SHORTCUTS.get(row.name, 1)]
    return " or ".join(_shortcut_text(shortcut) for shortcut in shown)


def _shortcut_text(shortcut: str) -> str:
    return shortcut.replace("[", "`[`").replace("]", "`]`")

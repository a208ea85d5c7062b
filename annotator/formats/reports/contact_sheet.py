"""A contact sheet as one HTML file: a still per segment's first, middle and last frame,
with its label, video, timecodes, duration, note, coder and status, grouped by video or
label. Plain HTML and CSS (no script), laid out to print cleanly to PDF from a browser:
a segment never splits across pages, a group's heading stays with its first segment."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape


@dataclass(frozen=True)
class Still:
    frame: int
    timecode: str
    src: str  # a data: URI, or a path relative to the sheet


@dataclass(frozen=True)
class SheetEntry:
    group: str
    label: str
    colour: str
    video: str
    start_tc: str
    end_tc: str
    duration_s: str
    note: str
    coder: str
    status: str
    stills: tuple[Still, ...]


_STYLE = """
:root { font-family: "DejaVu Sans", Arial, sans-serif; font-size: 10pt; color: #111; }
body { margin: 16px; }
header h1 { font-size: 15pt; margin: 0 0 2px; }
header p { margin: 0 0 12px; color: #555; }
h2 { font-size: 12pt; margin: 18px 0 6px; padding-bottom: 2px; border-bottom: 1px solid #999;
     break-after: avoid; page-break-after: avoid; }
article { display: flex; gap: 10px; padding: 6px 0; border-bottom: 1px solid #ddd;
          break-inside: avoid; page-break-inside: avoid; }
.stills { display: flex; gap: 4px; flex: none; }
figure { margin: 0; }
figure img { display: block; height: 90px; width: auto; background: #222; }
figcaption { font-size: 7.5pt; color: #555; text-align: center; font-variant-numeric: tabular-nums; }
dl { margin: 0; display: grid; grid-template-columns: max-content 1fr; gap: 1px 8px; align-content: start; }
dt { color: #666; } dd { margin: 0; white-space: pre-wrap; overflow-wrap: anywhere; }
.swatch { display: inline-block; width: 0.8em; height: 0.8em; margin-right: 4px; border: 1px solid #444;
          vertical-align: -0.05em; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.status-approved { color: #1a7f37; } .status-rejected { color: #b3261e; }
.status-needs_fix { color: #9a6700; }
@page { size: A4; margin: 12mm; }
.time { white-space: nowrap; }
@media print { body { margin: 0; } figure img { height: 72px; } }
"""


def render_sheet(title: str, subtitle: str, entries: Sequence[SheetEntry]) -> str:
    """The whole HTML document; ``entries`` in the order to show, grouped as they come."""
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>{escape(title)}</title>",
        f"<style>{_STYLE}</style></head><body>",
        f"<header><h1>{escape(title)}</h1><p>{escape(subtitle)}</p></header>",
    ]
    group: str | None = None
    for entry in entries:
        if entry.group != group:
            if group is not None:
                parts.append("</section>")
            group = entry.group
            count = sum(1 for e in entries if e.group == group)
            parts.append(f"<section><h2>{escape(group)} ({count})</h2>")
        parts.append(_article(entry))
    if group is not None:
        parts.append("</section>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


def _article(entry: SheetEntry) -> str:
    figures = "".join(
        f'<figure><img src="{escape(still.src)}" alt="frame {still.frame}" loading="lazy">'
        f"<figcaption>{escape(still.timecode)}</figcaption></figure>"
        for still in entry.stills
    )
    span = f"{escape(entry.start_tc)} – {escape(entry.end_tc)}"
    rows = [
        (
            "label",
            f'<span class="swatch" style="background:{escape(entry.colour)}"></span>{escape(entry.label)}',
        ),
        ("video", escape(entry.video)),
        ("time", f'<span class="time">{span}</span> ({escape(entry.duration_s)} s)'),
        ("coder", escape(entry.coder or "-")),
        (
            "status",
            f'<span class="status-{escape(entry.status)}">{escape(entry.status.replace("_", " "))}</span>',
        ),
    ]
    if entry.note:
        rows.append(("note", escape(entry.note)))
    details = "".join(f"<dt>{name}</dt><dd>{value}</dd>" for name, value in rows)
    return f'<article><div class="stills">{figures}</div><dl>{details}</dl></article>'

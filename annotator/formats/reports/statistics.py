"""Statistics as a text table, CSV, JSON or an SVG bar chart (drawn by hand: no plotting
library, the same picture on every machine)."""

from __future__ import annotations

import csv
import io
import json
from html import escape

from annotator.domain.statistics import Statistics

STATS_FORMATS = ("text", "csv", "json", "svg", "png")
COLUMNS = ("count", "total_s", "mean_s", "airtime_share")


def as_text(stats: Statistics) -> str:
    width = max([len(stats.by), *(len(g.name) for g in stats.groups)])
    lines = [f"{stats.by:<{width}}  {'segments':>8}  {'total s':>9}  {'mean s':>8}  {'airtime':>7}"]
    for g in stats.groups:
        lines.append(
            f"{g.name:<{width}}  {g.count:>8}  {g.total_s:>9.3f}  {g.mean_s:>8.3f}  {g.airtime_share:>7.2%}"
        )
    lines.append(f"footage in scope: {stats.footage_s:.3f} s")
    if stats.cooccurrence_s:
        lines.append("")
        lines.append("labels on screen together (seconds):")
        lines += [f"  {a} + {b}: {seconds:.3f}" for (a, b), seconds in stats.cooccurrence_s.items()]
    return "\n".join(lines) + "\n"


def as_csv(stats: Statistics) -> str:
    """One row per group, then one per label pair (``group`` = ``a + b``, seconds in total_s)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["kind", stats.by, *COLUMNS])
    for g in stats.groups:
        writer.writerow(
            [stats.by, g.name, g.count, f"{g.total_s:.3f}", f"{g.mean_s:.3f}", f"{g.airtime_share:.4f}"]
        )
    for (a, b), seconds in stats.cooccurrence_s.items():
        writer.writerow(["together", f"{a} + {b}", "", f"{seconds:.3f}", "", ""])
    return out.getvalue()


def as_json(stats: Statistics) -> str:
    document = {
        "by": stats.by,
        "footage_s": stats.footage_s,
        "groups": [
            {
                "name": g.name,
                "count": g.count,
                "total_s": g.total_s,
                "mean_s": g.mean_s,
                "airtime_share": g.airtime_share,
            }
            for g in stats.groups
        ],
        "together": [{"labels": [a, b], "seconds": s} for (a, b), s in stats.cooccurrence_s.items()],
    }
    return json.dumps(document, indent=1, ensure_ascii=False) + "\n"


_BAR_H, _GAP, _LEFT, _BAR_W, _RIGHT, _TOP = 22, 8, 180, 420, 200, 40


def as_svg(stats: Statistics) -> str:
    """Horizontal bars: each group's airtime share, labelled with its seconds and share."""
    rows = len(stats.groups)
    height = _TOP + rows * (_BAR_H + _GAP) + 30
    width = _LEFT + _BAR_W + _RIGHT
    top = max([g.airtime_share for g in stats.groups] + [0.0]) or 1.0
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="13">',
        f'<rect width="{width}" height="{height}" fill="#ffffff"/>',
        f'<text x="10" y="24" font-size="15" font-weight="bold">Airtime by {escape(stats.by)} '
        f"(of {stats.footage_s:.1f} s of footage)</text>",
    ]
    for row, g in enumerate(stats.groups):
        y = _TOP + row * (_BAR_H + _GAP)
        length = _BAR_W * g.airtime_share / top
        parts.append(
            f'<text x="{_LEFT - 8}" y="{y + 16}" text-anchor="end">{escape(g.name)}</text>'
            f'<rect x="{_LEFT}" y="{y}" width="{length:.1f}" height="{_BAR_H}" fill="#3b7dd8"/>'
            f'<text x="{_LEFT + length + 6:.1f}" y="{y + 16}">{g.total_s:.1f} s · {g.airtime_share:.1%}'
            f" · {g.count} seg.</text>"
        )
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


TEXT_WRITERS = {"text": as_text, "csv": as_csv, "json": as_json, "svg": as_svg}

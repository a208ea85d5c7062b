"""The agreement report as JSON, CSV or text (the contract is in ``docs/formats.md``).

JSON and CSV carry full-precision numbers and ``null`` (an empty CSV cell) where a figure
is undefined; text rounds to 3 decimals and says why each undefined figure is. CSV text
cells (video and label names) are escaped against formula injection like every export.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from annotator.analysis.agreement_figures import FIELDS, LabelAgreement
from annotator.formats.csv.cell_escape import escape_cell
from annotator.project.agreement import AgreementReport, VideoAgreement

CSV_COLUMNS = ("video", "label", "frames", *FIELDS)
ALL = "*"  # the CSV's video for pooled rows, and label for the overall row


def video_dict(result: VideoAgreement) -> dict[str, Any]:
    head: dict[str, Any] = {"video": result.video}
    if result.video is None:
        head["videos"] = list(result.videos)
    return {
        **head,
        "coders": list(result.coders),
        "frames": result.frames,
        "labels": {name: figures.as_dict() for name, figures in result.labels.items()},
        "overall": {"alpha": result.overall_alpha},
    }


def report_json(report: AgreementReport) -> str:
    """One video: its object; several: ``{"videos": [...], "pooled": {...}}``."""
    if report.pooled is None:
        document: dict[str, Any] = video_dict(report.videos[0])
    else:
        document = {"videos": [video_dict(v) for v in report.videos], "pooled": video_dict(report.pooled)}
    return json.dumps(document, indent=1, ensure_ascii=False, allow_nan=False) + "\n"


def report_csv(report: AgreementReport) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for result in _all(report):
        video = ALL if result.video is None else escape_cell(result.video)
        for name, figures in result.labels.items():
            writer.writerow(
                [video, escape_cell(name), result.frames, *(_cell(v) for v in figures.as_dict().values())]
            )
        overall = [""] * len(FIELDS)
        overall[FIELDS.index("alpha")] = _cell(result.overall_alpha)
        writer.writerow([video, ALL, result.frames, *overall])
    return out.getvalue()


def report_text(report: AgreementReport) -> str:
    return "\n".join(_video_text(result) for result in _all(report))


def _all(report: AgreementReport) -> list[VideoAgreement]:
    return [*report.videos, *([report.pooled] if report.pooled is not None else [])]


def _cell(value: float | int | None) -> str:
    return "" if value is None else str(value)


def _number(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def _video_text(result: VideoAgreement) -> str:
    where = f"video {result.video}" if result.video else "pooled over " + ", ".join(result.videos)
    coders = ", ".join(
        f"{name} (reference)" if i == 0 and len(result.coders) == 2 else name
        for i, name in enumerate(result.coders)
    )
    lines = [
        f"{where}: {result.frames} frames; coders {coders}",
        f"{'label':<20}{'kappa':>7}{'alpha':>7}{'prec':>7}{'recall':>7}{'f1':>7}{'matched':>8}"
        f"{'start med':>10}{'p90':>7}{'end med':>9}{'p90':>7}",
    ]
    lines += [_label_row(name, figures) for name, figures in result.labels.items()]
    lines.append(f"{'all labels':<20}{'':>7}{_number(result.overall_alpha):>7}")
    notes = [note for name, figures in result.labels.items() for note in _reasons(name, figures)]
    if result.overall_reason:
        notes.append(f"  all labels: alpha: {result.overall_reason}")
    if notes:
        lines += ["undefined (shown as -):", *notes]
    return "\n".join(lines) + "\n"


def _label_row(name: str, figures: LabelAgreement) -> str:
    v = figures.as_dict()
    return (
        f"{name[:19]:<20}{_number(v['kappa']):>7}{_number(v['alpha']):>7}{_number(v['precision']):>7}"
        f"{_number(v['recall']):>7}{_number(v['f1']):>7}{v['matched']:>8}"
        f"{_number(v['start_diff_median']):>10}{_number(v['start_diff_p90']):>7}"
        f"{_number(v['end_diff_median']):>9}{_number(v['end_diff_p90']):>7}"
    )


def _reasons(name: str, figures: LabelAgreement) -> list[str]:
    """One line per reason, naming the figures it explains."""
    grouped: dict[str, list[str]] = {}
    for field, reason in figures.reasons.items():
        grouped.setdefault(reason, []).append(field)
    return [f"  {name}: {', '.join(fields)}: {reason}" for reason, fields in grouped.items()]

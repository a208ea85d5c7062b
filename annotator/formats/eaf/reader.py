"""ELAN EAF import: annotations -> segments of one video, all or nothing.

:func:`read_eaf` reads the top-level (time-aligned) tiers; each annotation's label comes
from :mod:`annotator.formats.eaf.label_resolver`; its times become frames with the rule of
:class:`MsFrames` (``start_frame`` is the frame holding the start time, ``end_frame`` the
frame holding the end time, so ``[start_frame, end_frame)``; our own exports come back
exactly). Unaligned boundaries get the evenly spaced times ELAN shows
(:func:`~annotator.formats.eaf.document.parse_eaf`).

No value is thrown away: an annotation's value that is not its label's name (``prep`` on a
gesture tier mapped to a label) becomes the segment's note; the tier and annotation id go
in its attributes, with the values of symbolic dependent tiers (translations, glosses,
parts of speech: :mod:`annotator.formats.eaf.dependents`). A dependent tier named
``"<...> notes"`` gives the notes of the annotations it refers to (several joined with a
line break). Time-aligned dependent tiers (time subdivisions, included-in) become segments
when the mapping names them or ``new_labels`` is on; otherwise they are skipped.

Skipped, and reported in :attr:`EafImport.skipped`: annotations with an empty value on a
tier whose values decide the label, annotations or tiers mapped to nothing, unaligned
annotations (no time), annotations shorter than a frame, time-aligned dependent tiers not
asked for, dependent values whose annotation was skipped. Refused with
:class:`EafImportError`: malformed XML (with its line), a file that is not EAF, a time past
the end of the video, unknown or ambiguous labels.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

from annotator.domain.frame_times import FrameTimes
from annotator.formats.bulk import without_gc
from annotator.formats.eaf import dependents as eaf_dependents
from annotator.formats.eaf.document import Alignable, EafImportError, Tier, parse_eaf
from annotator.formats.eaf.label_resolver import SKIP, LabelResolver
from annotator.formats.ms_frames import MsFrames

__all__ = ["SKIP", "EafImport", "EafImportError", "EafSegment", "read_eaf", "read_eaf_media_urls"]


class EafSegment(NamedTuple):
    """A segment read from an EAF file: ``label`` is a project (or new) label name."""

    label: str
    start_frame: int
    end_frame: int
    note: str
    tier: str
    annotation_id: str
    dependents: eaf_dependents.Dependents = ()

    def attributes(self) -> dict[str, Any]:
        """What the segment keeps of its origin: tier, annotation id, dependent values."""
        kept: dict[str, Any] = {"eaf_tier": self.tier, "eaf_annotation": self.annotation_id}
        if self.dependents:
            kept["eaf_dependents"] = dict(self.dependents)
        return kept


@dataclass(frozen=True)
class EafImport:
    """The segments of an EAF file, what was skipped (one message per tier and reason),
    the media the file names (relative URL first when it has one), and the labels to make
    (``new_labels``), in the order first used."""

    segments: tuple[EafSegment, ...]
    skipped: tuple[str, ...]
    media_urls: tuple[str, ...]
    new_labels: tuple[str, ...] = ()


@without_gc
def read_eaf(
    path: Path,
    frame_times: FrameTimes,
    label_names: Iterable[str],
    mapping: Mapping[str, str] | None = None,
    *,
    new_labels: bool = False,
) -> EafImport:
    """The segments of the EAF file at ``path`` for a video with ``frame_times``.

    ``label_names`` are the project's labels; ``mapping`` maps tier names or annotation
    values (regardless of case) to a label name, or to ``""`` (:data:`SKIP`) to skip them;
    ``new_labels`` makes a label for what no label matches instead of refusing it."""
    document = parse_eaf(path)
    resolver = LabelResolver(path, label_names, mapping, new_labels)
    reader = _TierReader(path, MsFrames(frame_times), resolver, eaf_dependents.notes_of(document.tiers))
    for tier in document.tiers:
        if not tier.alignable:
            continue  # an empty tier, or one of references (gathered below)
        if not tier.parent:
            reader.read(tier, *resolver.for_tier(tier.name, (a.value for a in tier.alignable)))
        else:
            reader.read_dependent(tier, resolver.for_dependent(tier.name))
    resolver.check()
    segments = reader.with_dependents(document.tiers)
    used = {segment.label for segment in segments}
    made = tuple(name for name in resolver.new_labels if name in used)
    return EafImport(segments, tuple(reader.messages()), document.media_urls, made)


def read_eaf_media_urls(path: Path) -> tuple[str, ...]:
    """The media an EAF file names, to choose the video before :func:`read_eaf`."""
    return parse_eaf(path).media_urls


def _fold(text: str) -> str:
    return text.strip().casefold()


class _TierReader:
    def __init__(self, path: Path, frames: MsFrames, resolver: LabelResolver, notes: dict[str, str]) -> None:
        self._path, self._frames, self._resolver, self._notes = path, frames, resolver, notes
        self.segments: list[EafSegment] = []
        self._skipped: dict[tuple[str, str], list[str]] = {}
        self._starts: dict[int, int] = {}
        self._ends: dict[int, int] = {}

    def read(self, tier: Tier, tier_label: str | None, explicit: bool) -> None:
        # value -> label, for values the resolver settled: one look-up per distinct value
        # rather than per annotation (unknown and ambiguous ones are asked every time, so
        # each is still reported).
        settled: dict[str, str] = {}
        for annotation in tier.alignable:
            label = tier_label if explicit else settled.get(annotation.value)
            if label is None:
                label = self._label_of(tier.name, tier_label, annotation, settled)
            if label == SKIP:
                self._skip(tier.name, "annotations mapped to nothing", annotation.id)
            elif label is not None:
                self._add(tier.name, label, annotation)

    def read_dependent(self, tier: Tier, label: str | None) -> None:
        """A time-aligned dependent tier: segments with ``label``, or skipped (``None``)."""
        if label is None:
            for annotation in tier.alignable:
                self._skip(tier.name, f"annotations of a dependent tier (of {tier.parent!r})", annotation.id)
            return
        self.read(tier, label, explicit=True)

    def _label_of(
        self, tier: str, tier_label: str | None, annotation: Alignable, settled: dict[str, str]
    ) -> str | None:
        if tier_label is None and not annotation.value.strip():
            self._skip(tier, "annotations with an empty value", annotation.id)
            return None
        label = self._resolver.for_value(tier, tier_label, annotation.value, annotation.id)
        if label is not None:
            settled[annotation.value] = label
        return label

    def _add(self, tier: str, label: str, annotation: Alignable) -> None:
        annotation_id, start_ms, end_ms = annotation.id, annotation.start_ms, annotation.end_ms
        if start_ms is None or end_ms is None:
            self._skip(tier, "unaligned annotations (no time)", annotation_id)
            return
        # Segments share their edges: each distinct time is converted once.
        start = self._starts.get(start_ms)
        if start is None:
            start = self._starts[start_ms] = self._frame(start_ms, tier, annotation_id, is_end=False)
        end = self._ends.get(end_ms)
        if end is None:
            end = self._ends[end_ms] = self._frame(end_ms, tier, annotation_id, is_end=True)
        if end <= start:
            self._skip(tier, "annotations shorter than a frame", annotation_id)
            return
        value = annotation.value.strip()
        kept = value if value and _fold(value) != _fold(label) else ""
        note = "\n".join(part for part in (kept, self._notes.get(annotation_id, "")) if part)
        self.segments.append(EafSegment(label, start, end, note, tier, annotation_id))

    def with_dependents(self, tiers: list[Tier]) -> tuple[EafSegment, ...]:
        """The segments with the values of the symbolic tiers that refer to them."""
        found, lost = eaf_dependents.gather(tiers, {segment.annotation_id for segment in self.segments})
        for tier, ids in lost.items():
            for annotation_id in ids:
                self._skip(tier, "values of annotations that were not imported", annotation_id)
        if not found:
            return tuple(self.segments)
        return tuple(s._replace(dependents=found.get(s.annotation_id, ())) for s in self.segments)

    def _frame(self, ms: int, tier: str, annotation_id: str, *, is_end: bool) -> int:
        try:
            return self._frames.frame(ms, is_end=is_end)
        except ValueError:
            duration = self._frames.duration_ms
            reason = f"{ms} ms is past the end of the video ({duration} ms long)"
            raise EafImportError(self._path, f"tier {tier!r}, annotation {annotation_id!r}", reason) from None

    def _skip(self, tier: str, reason: str, annotation_id: str) -> None:
        self._skipped.setdefault((tier, reason), []).append(annotation_id)

    def messages(self) -> list[str]:
        return [
            f"tier {tier!r}: {len(ids)} {reason} skipped (first: {ids[0]!r})"
            for (tier, reason), ids in self._skipped.items()
        ]

"""Labels and the vocabulary (ethogram) that holds them."""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")
LABEL_KEYS = tuple("123456789")


class VocabularyError(ValueError):
    """A vocabulary file or label that cannot be used."""


class LabelKind(StrEnum):
    """A span lasts; a point marks one frame (``end_frame = start_frame + 1``)."""

    SPAN = "span"
    POINT = "point"


@dataclass(frozen=True)
class Label:
    """A category a segment can carry, with its colour and key."""

    name: str
    colour: str = "#808080"
    key: str = ""
    kind: LabelKind = LabelKind.SPAN
    description: str = ""
    order: int = 0
    archived: bool = False
    id: int | None = None

    def __post_init__(self) -> None:
        if not self.name.strip():
            raise VocabularyError("a label needs a name")
        if not _COLOUR.match(self.colour):
            raise VocabularyError(f"label {self.name!r}: colour must be #RRGGBB, got {self.colour!r}")
        if self.key and self.key not in LABEL_KEYS:
            raise VocabularyError(f"label {self.name!r}: key must be one of 1-9, got {self.key!r}")


@dataclass(frozen=True)
class Vocabulary:
    """An ordered set of labels with unique names (case-insensitive) and keys."""

    name: str
    labels: tuple[Label, ...] = field(default_factory=tuple)

    def __post_init__(self) -> None:
        names = [label.name.casefold() for label in self.labels]
        if len(set(names)) != len(names):
            raise VocabularyError(f"vocabulary {self.name!r}: label names must be unique")
        keys = [label.key for label in self.labels if label.key and not label.archived]
        if len(set(keys)) != len(keys):
            raise VocabularyError(f"vocabulary {self.name!r}: each key may belong to one label")

    def by_name(self, name: str) -> Label | None:
        wanted = name.strip().casefold()
        return next((label for label in self.labels if label.name.casefold() == wanted), None)

    def by_key(self, key: str) -> Label | None:
        return label_with_key(self.labels, key)

    @classmethod
    def from_dict(cls, data: dict[str, Any], source: str = "vocabulary") -> Vocabulary:
        try:
            labels = tuple(
                Label(
                    name=str(item["name"]),
                    colour=str(item.get("colour", "#808080")),
                    key=str(item.get("key", "")),
                    kind=LabelKind(item.get("kind", "span")),
                    description=str(item.get("description", "")),
                    order=index,
                )
                for index, item in enumerate(data["labels"])
            )
            return cls(name=str(data.get("name", source)), labels=labels)
        except (KeyError, TypeError) as exc:
            raise VocabularyError(f"{source}: missing or wrong field {exc}") from exc
        except ValueError as exc:
            raise VocabularyError(f"{source}: {exc}") from exc

    @classmethod
    def load(cls, path: Path) -> Vocabulary:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise VocabularyError(f"{path}: cannot read vocabulary: {exc}") from exc
        if not isinstance(data, dict):
            raise VocabularyError(f"{path}: a vocabulary is a JSON object with 'labels'")
        return cls.from_dict(data, source=str(path))


def label_with_key(labels: Iterable[Label], key: str) -> Label | None:
    """The active label that ``key`` codes, if any (an empty key codes none)."""
    if not key:
        return None
    return next((label for label in labels if label.key == key and not label.archived), None)

"""Where the package's bundled resources live."""

from __future__ import annotations

from pathlib import Path

RESOURCES_DIR = Path(__file__).resolve().parent.parent / "resources"
VOCABULARIES_DIR = RESOURCES_DIR / "vocabularies"


def vocabulary_path(name_or_file: str) -> Path:
    """A bundled vocabulary by name (``state-tv``), or a path to a JSON file."""
    bundled = VOCABULARIES_DIR / f"{name_or_file}.json"
    return bundled if bundled.is_file() else Path(name_or_file)

"""Typed access to a parsed JSON document that fails with the field's path.

``Fields(path, error).whole(item, "start_frame", "segments[3]")`` returns the int or raises
``error(path, "field segments[3].start_frame", "expected a whole number, got '12'")``.
A ``default`` makes a field optional; without one a missing field is refused.
"""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path
from typing import Any, NoReturn, TypeVar

from annotator.formats.errors import FormatImportError, listing

T = TypeVar("T")
_MISSING: Any = object()


class Fields:
    """Field readers for one file; every refusal is ``error(path, "field <place>", reason)``."""

    def __init__(self, path: Path, error: type[FormatImportError]) -> None:
        self.path = path
        self.error = error

    def fail(self, place: str, reason: str) -> NoReturn:
        raise self.error(self.path, f"field {place}", reason)

    def _get(self, item: dict[str, Any], key: str, place: str, default: Any) -> Any:
        value = item.get(key, _MISSING)
        if value is _MISSING or (value is None and default is not _MISSING):
            if default is _MISSING:
                self.fail(f"{place}.{key}" if place else key, "missing")
            return default
        return value

    def as_object(self, value: Any, place: str) -> dict[str, Any]:
        if type(value) is not dict:
            self.fail(place, f"expected an object, got {_kind(value)}")
        return value

    def object(self, item: dict[str, Any], key: str, place: str, default: Any = _MISSING) -> dict[str, Any]:
        value = self._get(item, key, place, default)
        if value is default:
            return dict(value)
        return self.as_object(value, _join(place, key))

    def items(self, item: dict[str, Any], key: str, place: str, *, required: bool = True) -> list[Any]:
        value = item.get(key, _MISSING)
        if value is _MISSING and not required:
            return []
        if type(value) is not list:
            self.fail(place, "missing" if value is _MISSING else f"expected a list, got {_kind(value)}")
        return value

    def text(self, item: dict[str, Any], key: str, place: str, default: str | None = None) -> str:
        value = self._get(item, key, place, _MISSING if default is None else default)
        if type(value) is not str:
            self.fail(_join(place, key), f"expected text, got {_kind(value)}")
        return value

    def whole(self, item: dict[str, Any], key: str, place: str, default: int | None = None) -> int:
        value = self._get(item, key, place, _MISSING if default is None else default)
        if type(value) is not int:
            self.fail(_join(place, key), f"expected a whole number, got {_kind(value)}")
        return value

    def flag(self, item: dict[str, Any], key: str, place: str, default: bool | None = None) -> bool:
        value = self._get(item, key, place, _MISSING if default is None else default)
        if type(value) is not bool:
            self.fail(_join(place, key), f"expected true or false, got {_kind(value)}")
        return value

    def choice(
        self, item: dict[str, Any], key: str, place: str, choices: dict[str, T], default: str = ""
    ) -> T:
        value = self._get(item, key, place, default if default else _MISSING)
        found = choices.get(value) if type(value) is str else None
        if found is None:
            self.fail(_join(place, key), f"{value!r} is not one of {listing(list(choices))}")
        return found

    def fraction(self, item: dict[str, Any], key: str, place: str, *, positive: bool = False) -> Fraction:
        """An exact number written ``"num/den"`` (or a whole number)."""
        value = self._get(item, key, place, _MISSING)
        try:
            if type(value) is bool or type(value) not in (str, int):
                raise ValueError
            number = Fraction(value)
        except (ValueError, ZeroDivisionError):
            reason = f"expected an exact number such as '30000/1001', got {_kind(value)}"
            self.fail(_join(place, key), reason)
        if number < 0 or (positive and number == 0):
            bound = "positive" if positive else "zero or more"
            self.fail(_join(place, key), f"must be {bound}, got {value!r}")
        return number


def _join(place: str, key: str) -> str:
    return f"{place}.{key}" if place else key


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."

"""An HTML (or SVG) document as a tree of elements, for tests that check what a browser shows.

Tag and attribute names come lower-cased (HTML ignores their case); text that is only white
space is dropped; an end tag that does not close the element open last fails the test."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

_VOID = {"meta", "img", "br", "hr", "link", "input", "rect"}


@dataclass
class Element:
    tag: str
    attrs: dict[str, str | None] = field(default_factory=dict)
    children: list[Element | str] = field(default_factory=list)

    @property
    def elements(self) -> list[Element]:
        return [child for child in self.children if isinstance(child, Element)]

    @property
    def text(self) -> str:
        return "".join(child if isinstance(child, str) else child.text for child in self.children)

    @property
    def tags(self) -> list[str]:
        return [child.tag for child in self.elements]

    def strays(self) -> list[str]:
        """The text children of an element meant to hold elements only."""
        return [child for child in self.children if isinstance(child, str)]

    def find_all(self, tag: str) -> list[Element]:
        found = []
        for child in self.elements:
            found += [child] if child.tag == tag else []
            found += child.find_all(tag)
        return found


class _Builder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#document")
        self.declarations: list[str] = []
        self._open = [self.root]

    def handle_decl(self, decl: str) -> None:
        self.declarations.append(decl)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, dict(attrs))
        self._open[-1].children.append(element)
        if tag not in _VOID:
            self._open.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._open[-1].children.append(Element(tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        assert self._open[-1].tag == tag, f"</{tag}> closes <{self._open[-1].tag}>"
        self._open.pop()

    def handle_data(self, data: str) -> None:
        if data.strip():
            self._open[-1].children.append(data)


def parse(document: str) -> tuple[list[str], Element]:
    """The declarations (``["DOCTYPE html"]``) and the tree of ``document``."""
    builder = _Builder()
    builder.feed(document)
    builder.close()
    assert builder._open == [builder.root], f"left open: {[e.tag for e in builder._open[1:]]}"
    return builder.declarations, builder.root

"""Text an XML 1.0 document can hold (shared by the EAF and REFI-QDA writers)."""

from __future__ import annotations

import re

# Characters XML 1.0 cannot hold (C0 controls other than tab and line breaks, and so on).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(text: str) -> str:
    """``text`` without the characters an XML document cannot contain."""
    return _NOT_XML.sub("", text)

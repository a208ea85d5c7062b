"""Reading an import file as text: bad bytes are named by line, an empty file is refused."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.formats.errors import FormatImportError, read_text_file


def test_a_byte_that_is_not_utf8_is_named_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "notes.json"
    path.write_bytes(b'{\n "a": 1,\n "b": "caf\xe9"\n}\n')
    with pytest.raises(FormatImportError) as caught:
        read_text_file(path, FormatImportError)
    assert str(caught.value) == "notes.json, line 3: not UTF-8 text (byte 0xe9)"


def test_an_empty_file_is_refused_as_a_whole(tmp_path: Path) -> None:
    path = tmp_path / "empty.eaf"
    path.write_bytes(b"")
    with pytest.raises(FormatImportError) as caught:
        read_text_file(path, FormatImportError)
    assert (str(caught.value), caught.value.place) == ("empty.eaf: the file is empty", "")

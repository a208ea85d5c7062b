"""Merging from a project this user may read but not write (a colleague's copy on a share or
a stick): it is read through a copy without a byte written beside it, even where a SQLite
reader would need to make its side files."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from child_process import without_privileges

from annotator.domain.label import Label, Vocabulary
from annotator.storage.project_store import ProjectStore

pytestmark = pytest.mark.sqlite_only

_COPY_IMPORTS = """
import os, sys
from pathlib import Path
from annotator.storage.project_copy import open_copy
"""
_COPY = """
with open_copy(Path(sys.argv[1]), Path(sys.argv[2])) as copy:
    print(os.geteuid(), copy.meta_get("marker"), [label.name for label in copy.labels()])
"""


@pytest.fixture
def shared() -> Iterator[Path]:
    """A project in a folder anyone may enter and read but only its owner may write (and,
    when not run as root, not even its owner), beside a scratch folder anyone may write."""
    folder = Path(tempfile.mkdtemp(prefix="annotator-share-"))
    try:
        folder.chmod(0o755)
        with ProjectStore.create(folder / "theirs", Vocabulary("v", (Label("laughter"),))) as store:
            store.meta_set("marker", "from-the-share")
        (folder / "scratch").mkdir(mode=0o777)
        (folder / "scratch").chmod(0o777)
        for path in (folder / "theirs", *(folder / "theirs").iterdir()):
            path.chmod(0o555 if path.is_dir() else 0o444)
        yield folder
    finally:
        (folder / "theirs").chmod(0o755)
        shutil.rmtree(folder)


def test_a_project_in_a_folder_one_may_not_write_is_merged_from_untouched(shared: Path) -> None:
    before = sorted(p.name for p in (shared / "theirs").iterdir())
    result = without_privileges(_COPY_IMPORTS, _COPY, str(shared / "theirs"), str(shared / "scratch"))
    assert result.returncode == 0, result.stderr
    uid, marker, labels = result.stdout.split(" ", 2)
    assert int(uid) != 0
    assert (marker, labels.strip()) == ("from-the-share", "['laughter']")
    assert sorted(p.name for p in (shared / "theirs").iterdir()) == before  # no -wal, no -shm
    assert os.access(shared / "scratch" / "annotations.db", os.R_OK)

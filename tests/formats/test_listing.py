"""Names listed in a refusal: up to eight, then how many there are in all; "none" for none."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import pytest
from csv_helpers import import_text, make_video

from annotator.formats.csv.errors import CsvImportError
from annotator.formats.errors import listing

NAMES = [f"v{n}.mp4" for n in range(1, 10)]


def test_up_to_eight_quoted_names_then_the_count() -> None:
    assert listing([]) == "none"
    assert listing(NAMES[:8]) == ", ".join(repr(name) for name in NAMES[:8])
    assert listing(NAMES) == ", ".join(repr(name) for name in NAMES[:8]) + ", ... (9 in all)"


@pytest.mark.parametrize("count", [8, 9])
def test_a_csv_naming_an_unknown_video_lists_the_projects(tmp_path: Path, count: int) -> None:
    videos = [make_video(n, NAMES[n - 1], Fraction(25), 100) for n in range(1, count + 1)]
    with pytest.raises(CsvImportError) as caught:
        import_text(tmp_path, "video,label,start_frame,end_frame\nnope.mp4,driving,1,2\n", videos)
    shown = ", ".join(NAMES[:8]) + (", ... (9 in all)" if count == 9 else "")
    assert str(caught.value).endswith(f"field video: no video 'nope.mp4' in the project (videos: {shown})")

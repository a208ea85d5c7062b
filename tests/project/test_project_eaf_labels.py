"""Labels an ELAN import makes: named after the tiers, coloured in turn, described as such."""

from __future__ import annotations

import warnings
from fractions import Fraction
from pathlib import Path

from annotator.domain.frame_times import FrameTimes
from annotator.domain.label import Vocabulary
from annotator.domain.video_info import VideoInfo
from annotator.project import exchange
from annotator.project.importers import NEW_LABEL_COLOURS
from annotator.project.project import Project
from annotator.resources import vocabulary_path

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from pympi.Elan import Eaf


def test_each_new_label_gets_the_next_colour_and_says_it_came_from_elan(tmp_path: Path) -> None:
    info = VideoInfo(
        path="clip.mp4", codec="h264", width=320, height=180, fps=Fraction(25), frame_count=250,
        duration_s=Fraction(10), start_time_s=Fraction(0), has_audio=False, is_vfr=False,
        frame_times=FrameTimes.constant(Fraction(25), 250),
    )  # fmt: skip
    eaf = Eaf(author="someone")
    eaf.remove_tier("default")
    tiers = [f"tier {n}" for n in range(len(NEW_LABEL_COLOURS) + 1)]
    for n, tier in enumerate(tiers):
        eaf.add_tier(tier)
        eaf.add_annotation(tier, 40 * n, 40 * n + 40, "x")
    path = tmp_path / "many.eaf"
    eaf.to_file(str(path))
    with Project.create(tmp_path / "p", Vocabulary.load(vocabulary_path("state-tv"))) as project:
        project.store.add_video("clip.mp4", "1-abc", info)
        report = exchange.import_file(project, path, new_labels=True)
        assert (report.segments, report.labels) == (len(tiers), len(tiers))
        made = [project.store.label_by_name(tier) for tier in tiers]
    assert [label.colour for label in made if label] == [*NEW_LABEL_COLOURS, NEW_LABEL_COLOURS[0]]
    assert {(label.description, label.key) for label in made if label} == {("from ELAN", "")}

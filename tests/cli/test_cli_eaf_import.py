"""``annotator import`` of ELAN files: --map keeps the values, --new-labels makes labels."""

from __future__ import annotations

import warnings
from pathlib import Path

from annotator.project.project import Project

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from pympi.Elan import Eaf


def _elan_file(tmp_path: Path) -> Path:
    eaf = Eaf(author="someone")
    eaf.remove_tier("default")
    eaf.add_tier("Gesture R")
    eaf.add_annotation("Gesture R", 400, 800, "prep")
    eaf.add_annotation("Gesture R", 800, 1600, "stroke")
    path = tmp_path / "gestures.eaf"
    eaf.to_file(str(path))
    return path


def _stored(project: Path) -> list[tuple[str, int, int, str, dict]]:
    with Project.open(project) as opened:
        store = opened.store
        return [
            (store.label(s.label_id).name, s.start_frame, s.end_frame, s.note, s.attributes)
            for s in store.segments()
        ]


def test_map_keeps_the_value_in_the_note_and_the_tier_in_the_attributes(
    run, project: Path, tmp_path: Path
) -> None:
    result = run("import", project, _elan_file(tmp_path), "--map", "Gesture R=laughter")
    assert result.exit_code == 0, result.output
    stored = _stored(project)
    assert [row[:4] for row in stored] == [("laughter", 10, 20, "prep"), ("laughter", 20, 40, "stroke")]
    assert stored[0][4]["eaf_tier"] == "Gesture R"


def test_new_labels_makes_a_label_for_an_unmapped_tier(run, project: Path, tmp_path: Path) -> None:
    path = _elan_file(tmp_path)
    refused = run("import", project, path)
    assert refused.exit_code == 2
    assert "new labels" in refused.output
    result = run("import", project, path, "--new-labels")
    assert result.exit_code == 0, result.output
    assert "1 new labels" in result.output
    assert [row[:4] for row in _stored(project)] == [
        ("Gesture R", 10, 20, "prep"),
        ("Gesture R", 20, 40, "stroke"),
    ]
    assert "Gesture R" in run("labels", project).output

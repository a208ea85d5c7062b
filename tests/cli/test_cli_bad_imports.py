"""Bad files for every import format: one line naming the place, exit 2, nothing imported."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from annotator.project.project import Project


def _segments(project: Path) -> int:
    with Project.open(project) as opened:
        return len(opened.store.segments())


@pytest.fixture
def exported_json(run, project: Path, tmp_path: Path) -> Path:
    source = tmp_path / "in.csv"
    source.write_text("video,label,start_frame,end_frame\nnumbered_25.mp4,driving,3,25\n")
    assert run("import", project, source).exit_code == 0
    out = tmp_path / "p.json"
    assert run("export", project, "--format", "json", "-o", out).exit_code == 0
    return out


def test_json_of_another_version_is_refused(run, project: Path, exported_json: Path, tmp_path: Path) -> None:
    data = json.loads(exported_json.read_text())
    data["version"] = 99
    bad = tmp_path / "future.json"
    bad.write_text(json.dumps(data))
    fresh = tmp_path / "fresh"
    run("new", fresh)
    result = run("import", fresh, bad)
    assert result.exit_code == 2
    assert "future.json" in result.output
    assert "version" in result.output
    assert _segments(fresh) == 0


def test_json_segment_past_the_end_names_the_field(run, exported_json: Path, tmp_path: Path) -> None:
    data = json.loads(exported_json.read_text())
    data["segments"][0]["end_frame"] = 10_000
    bad = tmp_path / "long.json"
    bad.write_text(json.dumps(data))
    fresh = tmp_path / "fresh"
    run("new", fresh)
    result = run("import", fresh, bad)
    assert result.exit_code == 2
    assert "segments[0].end_frame" in result.output
    assert _segments(fresh) == 0


def test_malformed_eaf_names_the_line(run, project: Path, tmp_path: Path) -> None:
    bad = tmp_path / "broken.eaf"
    bad.write_text('<?xml version="1.0"?>\n<ANNOTATION_DOCUMENT>\n<HEADER>\n</ANNOTATION_DOCUMENT>\n')
    result = run("import", project, bad)
    assert result.exit_code == 2
    assert "broken.eaf" in result.output
    assert "line" in result.output
    assert _segments(project) == 0


def test_a_file_that_is_not_what_its_extension_says(
    run, project: Path, exported_json: Path, tmp_path: Path
) -> None:
    before = _segments(project)
    disguised = tmp_path / "really-json.eaf"
    disguised.write_text(exported_json.read_text())
    result = run("import", project, disguised)
    assert result.exit_code == 2
    assert "really-json.eaf" in result.output
    assert _segments(project) == before


def test_eaf_with_unknown_values_lists_them_and_map_resolves_it(run, project: Path, tmp_path: Path) -> None:
    import pympi

    eaf = pympi.Elan.Eaf()
    eaf.add_tier("default")
    eaf.add_annotation("default", 0, 400, "giggle")
    path = tmp_path / "coded.eaf"
    eaf.to_file(str(path))
    result = run("import", project, path)
    assert result.exit_code == 2
    assert "giggle" in result.output
    assert _segments(project) == 0
    result = run("import", project, path, "--map", "giggle=laughter")
    assert result.exit_code == 0, result.output
    with Project.open(project) as opened:
        (segment,) = opened.store.segments()
        assert opened.store.label(segment.label_id).name == "laughter"
        assert (segment.start_frame, segment.end_frame) == (0, 10)


def test_bad_map_option(run, project: Path, tmp_path: Path) -> None:
    result = run("import", project, tmp_path / "x.eaf", "--map", "nonsense")
    assert result.exit_code == 2
    assert "NAME=LABEL" in result.output

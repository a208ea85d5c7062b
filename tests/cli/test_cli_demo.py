from pathlib import Path

import pytest

from annotator.domain.segment import Verdict
from annotator.project.project import Project


@pytest.mark.slow
def test_demo_builds_a_project_with_footage_and_examples(run, tmp_path: Path) -> None:
    directory = tmp_path / "demo"
    result = run("demo", directory)
    assert result.exit_code == 0, result.output
    with Project.open(directory) as project:
        (video,) = project.store.videos()
        assert video.info.frame_count == 1500
        assert video.info.has_audio
        assert project.video_path(video).is_file()
        segments = project.store.segments()
        assert len(segments) >= 10
        names = {project.store.label(s.label_id).name for s in segments}
        assert {"laughter", "driver swap", "gift exchange", "animal interaction"} <= names
        verdicts = {r.verdict for r in project.store.latest_reviews().values()}
        assert Verdict.APPROVED in verdicts
    again = run("demo", directory)
    assert again.exit_code == 2

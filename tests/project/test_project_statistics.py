"""Statistics of a project: a grouping it does not know is refused by name, with the choices."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotator.domain.label import Vocabulary
from annotator.project.errors import ProjectError
from annotator.project.project import Project
from annotator.project.statistics import project_statistics
from annotator.resources import vocabulary_path


def test_an_unknown_grouping_is_refused_with_the_choices(tmp_path: Path) -> None:
    with Project.create(tmp_path / "p", Vocabulary.load(vocabulary_path("state-tv"))) as project:
        with pytest.raises(ProjectError) as caught:
            project_statistics(project, by="coder")
        assert str(caught.value) == "--by must be one of label, video, annotator, not 'coder'"
        assert project_statistics(project, by="video").groups == []

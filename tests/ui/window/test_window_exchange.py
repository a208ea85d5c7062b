"""File menu export and import, including an ELAN file whose tiers need mapping."""

from __future__ import annotations

from pathlib import Path

import pympi
import pytest

from annotator.domain.label import Label
from annotator.domain.segment import Segment
from annotator.ui import project_actions
from annotator.ui.main_window import MainWindow


@pytest.mark.parametrize("fmt", ["csv", "json", "eaf", "vtt", "srt"])
def test_export_every_format_from_the_window(window: MainWindow, tmp_path: Path, fmt: str) -> None:
    label = window.workspace.project.store.label_by_name("gift exchange")
    window.workspace.document.add_segment(window.workspace.video.id, label.id, 12, 40)
    out = tmp_path / f"out.{fmt}"
    assert window.project_actions.export_file(out, fmt) == 1
    assert "gift exchange" in out.read_text()


def test_import_csv_refuses_all_on_a_bad_row(window: MainWindow, tmp_path: Path, monkeypatch) -> None:
    messages: list[str] = []
    monkeypatch.setattr(project_actions.QMessageBox, "warning", lambda *args: messages.append(args[2]))
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "video,label,start_frame,end_frame\nnumbered_25.mp4,laughter,1,5\nnumbered_25.mp4,nope,1,5\n"
    )
    assert window.project_actions.import_file(bad) is None
    assert "Nothing was imported" in messages[0]
    assert "line 3" in messages[0]
    assert window.workspace.project.store.segments() == []


def test_import_eaf_asks_how_to_map_unknown_tiers(window: MainWindow, tmp_path: Path, monkeypatch) -> None:
    eaf = pympi.Elan.Eaf()
    eaf.add_tier("giggles")
    eaf.add_annotation("giggles", 1000, 2000, "ha")
    eaf.add_tier("speech")
    eaf.add_annotation("speech", 0, 400, "hello")
    path = tmp_path / "other.eaf"
    eaf.to_file(str(path))

    class FakeDialog:
        def __init__(self, path, names, problem, parent) -> None:
            assert "laughter" in names
            assert problem

        def exec(self) -> int:
            return project_actions.QDialog.DialogCode.Accepted

        def mapping(self) -> dict[str, str]:
            return {"giggles": "laughter", "speech": ""}

        def new_labels(self) -> bool:
            return False

    monkeypatch.setattr(project_actions, "EafMappingDialog", FakeDialog)
    report = window.project_actions.import_file(path)
    assert report is not None
    assert report.segments == 1
    (segment,) = window.workspace.project.store.segments()
    assert (
        window.workspace.project.store.label(segment.label_id).name,
        segment.start_frame,
        segment.end_frame,
    ) == (
        "laughter",
        25,
        50,
    )
    assert window.views.table.model.rowCount() == 1


def test_eaf_mapping_dialog_lists_tiers_and_values(qtbot, tmp_path: Path) -> None:
    from annotator.ui.eaf_mapping_dialog import SKIP, EafMappingDialog

    eaf = pympi.Elan.Eaf()
    eaf.add_tier("default")
    eaf.add_annotation("default", 0, 500, "horse")
    path = tmp_path / "x.eaf"
    eaf.to_file(str(path))
    dialog = EafMappingDialog(path, ["animal interaction", "laughter"], "unknown value 'horse'")
    qtbot.addWidget(dialog)
    assert set(dialog.combos) == {"default", "horse"}
    dialog.combos["horse"].setCurrentText("animal interaction")
    dialog.combos["default"].setCurrentText(SKIP)
    assert dialog.mapping() == {"horse": "animal interaction", "default": ""}
    assert not dialog.new_labels()
    dialog.new_labels_box.setChecked(True)
    assert dialog.new_labels()


def test_the_mapping_dialog_can_make_new_labels_for_an_elan_users_tiers(
    window: MainWindow, tmp_path: Path, monkeypatch
) -> None:
    eaf = pympi.Elan.Eaf()
    eaf.add_tier("Gesture R")
    eaf.add_annotation("Gesture R", 400, 800, "prep")
    eaf.add_annotation("Gesture R", 800, 1600, "stroke")
    path = tmp_path / "elan.eaf"
    eaf.to_file(str(path))
    real = project_actions.EafMappingDialog

    def ticked(*args):
        dialog = real(*args)
        dialog.new_labels_box.setChecked(True)
        dialog.exec = lambda: project_actions.QDialog.DialogCode.Accepted
        return dialog

    monkeypatch.setattr(project_actions, "EafMappingDialog", ticked)
    report = window.project_actions.import_file(path)
    assert report is not None
    assert (report.segments, report.labels) == (2, 1)
    store = window.workspace.project.store
    assert [(store.label(s.label_id).name, s.note) for s in store.segments()] == [
        ("Gesture R", "prep"),
        ("Gesture R", "stroke"),
    ]
    assert "Gesture R" in [
        window.views.vocabulary.list.item(i).text().split("  ", 1)[1]
        for i in range(window.views.vocabulary.list.count())
    ]
    window.workspace.document.undo_stack.undo()
    assert store.segments() == []
    assert store.label_by_name("Gesture R") is None


def test_a_json_import_reaches_the_vocabulary_the_label_filter_the_videos_and_the_review_queue(
    window: MainWindow, tmp_path: Path, clip_2997: Path
) -> None:
    """Another annotator's project file: a label this project lacks, a second video."""
    from annotator.domain.label import Vocabulary
    from annotator.project import exchange
    from annotator.project.project import Project
    from annotator.resources import vocabulary_path

    other = tmp_path / "other"
    with Project.create(other, Vocabulary.load(vocabulary_path("state-tv"))) as project:
        video = project.add_video(clip_2997)
        project.store.add_label(Label("horse ride", colour="#00aa00"))
        horse = project.store.label_by_name("horse ride")
        project.store.add_segments([Segment(video.id, horse.id, 5, 50, annotator="bo")])
        exchange.export(project, "json", tmp_path / "other.json")
    window.review.enter()
    assert window.review.session is not None
    assert window.review.session.queue == []
    report = window.project_actions.import_file(tmp_path / "other.json")
    assert report is not None
    assert (report.segments, report.labels, report.videos) == (1, 1, 1)
    names = [
        window.views.vocabulary.list.item(i).text().split("  ", 1)[1]
        for i in range(window.views.vocabulary.list.count())
    ]
    assert "horse ride" in names
    combo = window.views.table.label_filter
    assert "horse ride" in [combo.itemText(i) for i in range(combo.count())]
    assert window.video_list.count() == 2
    (imported,) = window.workspace.project.store.segments()
    assert window.review.session.queue == [imported.id]
    window.workspace.document.undo_stack.undo()
    assert window.review.session.queue == []
    assert "horse ride" not in [combo.itemText(i) for i in range(combo.count())]
    window.review.leave()

"""File menu export and import, including an ELAN file whose tiers need mapping."""

from __future__ import annotations

from pathlib import Path

import pympi
import pytest

from annotator.ui import project_actions
from annotator.ui.main_window import MainWindow


@pytest.mark.parametrize("fmt", ["csv", "json", "eaf", "vtt", "srt"])
def test_export_every_format_from_the_window(window: MainWindow, tmp_path: Path, fmt: str) -> None:
    label = window.project.store.label_by_name("gift exchange")
    window.document.add_segment(window.video.id, label.id, 12, 40)
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
    assert window.project.store.segments() == []


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

    monkeypatch.setattr(project_actions, "EafMappingDialog", FakeDialog)
    report = window.project_actions.import_file(path)
    assert report is not None
    assert report.segments == 1
    (segment,) = window.project.store.segments()
    assert (window.project.store.label(segment.label_id).name, segment.start_frame, segment.end_frame) == (
        "laughter",
        25,
        50,
    )
    assert window.table.model.rowCount() == 1


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

"""File ▸ Export clips in the window: the selected segment's clip made in the background
(checked by its pixels), pre-roll and burn-in passed on, a taken name refused in a message,
and Cancel leaving no partial file."""

from __future__ import annotations

from pathlib import Path

import av
import pytest
from PySide6.QtCore import Qt

from annotator.media.synthetic import read_frame_number
from annotator.ui import clip_export
from annotator.ui.clip_export import ClipChoices, ClipsDialog
from annotator.ui.main_window import MainWindow


def numbers(path: Path) -> list[int]:
    with av.open(str(path)) as container:
        return [read_frame_number(frame.to_ndarray(format="rgb24")) for frame in container.decode(video=0)]


def coded(window: MainWindow) -> list[str]:
    """Two segments on the video; the second selected on the timeline."""
    document, video = window.workspace.document, window.workspace.video
    store = window.workspace.project.store
    document.add_segment(video.id, store.label_by_name("laughter").id, 10, 20)
    chosen = document.add_segment(video.id, store.label_by_name("driving").id, 50, 62)
    window.views.timeline.select_segments([chosen.id])
    return [chosen.id]


def answering(choices: ClipChoices, seen: list[dict[str, int]]) -> type[ClipsDialog]:
    class Answer(ClipsDialog):
        def __init__(self, counts: dict[str, int], folder: Path, parent=None) -> None:
            super().__init__(counts, folder, parent)
            seen.append(counts)
            assert self.scopes["selected"].isChecked()  # the selection is what a user means
            assert Path(self.folder.text()) == folder

        def exec(self) -> int:
            return 1

        def choices(self) -> ClipChoices:
            return choices

    return Answer


def test_the_selected_segments_clip_from_the_menu(
    qtbot, window: MainWindow, tmp_path: Path, monkeypatch
) -> None:
    coded(window)
    seen: list[dict[str, int]] = []
    folder = tmp_path / "clips"
    choices = ClipChoices("selected", 0.2, 0.0, True, folder)
    exporter = window.project_actions.clips
    monkeypatch.setattr(exporter, "dialog_class", answering(choices, seen))
    qtbot.keyClick(
        window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    )
    assert seen == [{"selected": 1, "video": 2, "project": 2}]
    qtbot.waitUntil(lambda: exporter.last_result is not None, timeout=60_000)
    (clip,) = folder.glob("*.mp4")
    assert numbers(clip) == list(range(45, 62))  # 0.2 s of pre-roll: 5 frames
    assert "1 clips written to" in window.status_line.text()


def test_a_taken_name_is_refused_in_a_message_and_nothing_starts(
    window: MainWindow, tmp_path: Path, monkeypatch
) -> None:
    coded(window)
    folder = tmp_path / "clips"
    folder.mkdir()
    (folder / "clips.csv").write_text("mine")
    warnings: list[str] = []
    monkeypatch.setattr(clip_export.QMessageBox, "warning", lambda *args: warnings.append(args[2]))
    segments = window.workspace.document.segments()
    assert not window.project_actions.clips.export(segments, ClipChoices("project", 0, 0, False, folder))
    assert warnings == [f"{folder / 'clips.csv'} exists; clips never replace files: choose an empty folder"]
    assert window.runner.running == []
    assert (folder / "clips.csv").read_text() == "mine"


@pytest.mark.parametrize("scope", ["video", "project"])
def test_cancel_leaves_no_partial_clip(qtbot, window: MainWindow, tmp_path: Path, scope: str) -> None:
    coded(window)
    folder = tmp_path / "clips"
    exporter = window.project_actions.clips
    segments = window.workspace.document.segments()
    with qtbot.waitSignal(window.runner.task_cancelled, timeout=60_000):
        assert exporter.export(segments, ClipChoices(scope, 0, 0, False, folder))
        exporter.cancel()
    assert not list(folder.glob("*.part"))
    assert not list(folder.glob("*.mp4"))
    assert "Clip export cancelled: no partial clip left" in window.status_line.text()

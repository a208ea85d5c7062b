"""A team project open in the window while another client edits it: the other client's
segments and verdicts appear in the timeline, the table and the review queue within a second,
and the status bar names who else is connected."""

from __future__ import annotations

import time
from pathlib import Path

from annotator.domain.label import Vocabulary
from annotator.domain.segment import Review, Segment, Verdict
from annotator.project.project import Project
from annotator.resources import vocabulary_path
from annotator.ui.app_settings import AppSettings
from annotator.ui.main_window import MainWindow
from annotator.ui.segment_table_model import SEGMENT_ID_ROLE


def _shown(window: MainWindow, segment_id: str, label_id: int) -> dict[str, bool]:
    views, review = window.views, window.review
    assert views.table is not None
    assert views.timeline is not None
    assert review.session is not None
    model = views.table.model
    return {
        "table": segment_id in {model.index(r, 0).data(SEGMENT_ID_ROLE) for r in range(model.rowCount())},
        "timeline": segment_id in {s.id for s in views.timeline.tracks.index(label_id).segments()},
        "review queue": segment_id in review.session.queue,
    }


def test_a_second_clients_segment_appears_in_the_open_window(
    qtbot, open_window, settings: AppSettings, pg_url: str, clip_25fps: Path
) -> None:
    media = clip_25fps.parent
    with Project.create(pg_url, Vocabulary.load(vocabulary_path("state-tv")), media) as made:
        made.add_video(clip_25fps)
    settings.media_root = str(media)
    window = open_window(settings, pg_url, 100)
    window.review.set_active(True)
    with Project.open(pg_url, media) as other:  # another annotator's client
        other.store.set_client_name("bo")
        qtbot.waitUntil(lambda: window.others_label.text() == "also here: bo", timeout=8000)
        assert other.store.others_connected() == ["tester"]
        video, label = other.store.videos()[0], other.store.labels()[1]
        assert label.id is not None
        started = time.monotonic()
        segment = other.store.add_segment(Segment(video.id, label.id, 10, 30, annotator="bo"))
        qtbot.waitUntil(lambda: all(_shown(window, segment.id, label.id).values()), timeout=5000)
        assert time.monotonic() - started < 1.0
        other.store.add_review(Review(segment.id, "rita", Verdict.APPROVED))
        model = window.views.table.model
        qtbot.waitUntil(lambda: model.status_of(segment.id) == "approved", timeout=5000)
    qtbot.waitUntil(lambda: window.others_label.text() == "no one else here", timeout=8000)


def test_file_open_team_project_asks_the_url_and_once_the_media_folder(
    qtbot, settings: AppSettings, pg_url: str, clip_25fps: Path, monkeypatch
) -> None:
    from PySide6.QtWidgets import QFileDialog, QInputDialog

    monkeypatch.delenv("ANNOTATOR_MEDIA_ROOT", raising=False)
    with Project.create(pg_url, Vocabulary.load(vocabulary_path("state-tv")), clip_25fps.parent) as made:
        made.add_video(clip_25fps)
    asked: list[str] = []
    monkeypatch.setattr(
        QInputDialog, "getText", lambda *a, **k: (asked.append("url"), (f" {pg_url} ", True))[1]
    )
    monkeypatch.setattr(
        QFileDialog,
        "getExistingDirectory",
        lambda *a, **k: (asked.append("folder"), str(clip_25fps.parent))[1],
    )
    window = MainWindow(settings=settings, ask_names=False)
    qtbot.addWidget(window)
    window.keys.actions["Open team project…"].trigger()
    assert window.workspace.project is not None
    assert window.windowTitle() == f"Annotator — {pg_url.rsplit('/', 1)[1]}"
    assert window.workspace.missing == set()  # the video found under the media folder
    assert settings.media_root == str(clip_25fps.parent)
    assert settings.recent_projects()[0] == pg_url
    window.keys.actions["Open team project…"].trigger()  # the media folder is known now
    assert asked == ["url", "folder", "url"]
    window.close()

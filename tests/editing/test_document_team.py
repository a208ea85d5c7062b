"""Two annotators' documents on one server project: each undoes only their own edits, an
undo that another's edit has made stale is refused by name, and nothing is overwritten."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from fractions import Fraction
from pathlib import Path

import pytest
from pg_server import PgServer

from annotator.domain.frame_times import FrameTimes
from annotator.domain.label import Label, Vocabulary
from annotator.domain.video_info import VideoInfo
from annotator.editing.annotation_document import AnnotationDocument
from annotator.resources import vocabulary_path
from annotator.storage.pg_store import PgProjectStore

INFO = VideoInfo("clip.mp4", "h264", 320, 180, Fraction(25), 250, Fraction(10), Fraction(0), False, False,
                 frame_times=FrameTimes.constant(Fraction(25), 250))  # fmt: skip


@pytest.fixture
def pair(
    pg_url: str, tmp_path: Path, qapp: object
) -> Iterator[tuple[AnnotationDocument, AnnotationDocument]]:
    vocabulary = Vocabulary.load(vocabulary_path("state-tv"))
    with PgProjectStore.create(pg_url, vocabulary, media_root=tmp_path) as made:
        made.add_video("clip.mp4", "1-abc", INFO)
    ana_store = PgProjectStore.open(pg_url, media_root=tmp_path)
    bo_store = PgProjectStore.open(pg_url, media_root=tmp_path)
    yield AnnotationDocument(ana_store, user="ana"), AnnotationDocument(bo_store, user="bo")
    ana_store.close()
    bo_store.close()


def test_an_undo_made_stale_by_another_annotator_is_refused(
    pair: tuple[AnnotationDocument, AnnotationDocument],
) -> None:
    ana, bo = pair
    refused: list[str] = []
    ana.command_refused.connect(refused.append)
    segment = ana.add_segment(1, 1, 10, 20)
    ana.set_bounds(segment.id, 12, 22)
    bo.set_note(segment.id, "bo's note")
    ana.undo_stack.undo()  # the bounds: bo changed the segment since
    assert len(refused) == 1
    assert f"segment {segment.id[:8]} was changed by someone else" in refused[0]
    kept = bo.segment(segment.id)
    assert (kept.start_frame, kept.end_frame, kept.note) == (12, 22, "bo's note")


def test_each_undoes_only_their_own_edits(pair: tuple[AnnotationDocument, AnnotationDocument]) -> None:
    ana, bo = pair
    mine = ana.add_segment(1, 1, 10, 20)
    theirs = bo.add_segment(1, 2, 40, 50)
    bo.set_note(theirs.id, "bo's")
    ana.set_bounds(mine.id, 11, 21)
    ana.undo_stack.undo()
    ana.undo_stack.undo()
    assert [s.id for s in ana.segments()] == [theirs.id]
    assert ana.segment(theirs.id).note == "bo's"
    assert bo.undo_stack.count() == 2


def test_an_edit_refused_as_stale_is_not_pushed_and_refreshes_the_views(
    pair: tuple[AnnotationDocument, AnnotationDocument], monkeypatch: pytest.MonkeyPatch
) -> None:
    ana, bo = pair
    segment = ana.add_segment(1, 1, 10, 20)
    stale = ana.segment(segment.id)
    bo.set_note(segment.id, "bo's")
    monkeypatch.setattr(ana.store, "segment", lambda _id: stale)  # ana's screen still shows the old one
    refused: list[str] = []
    resets: list[bool] = []
    ana.command_refused.connect(refused.append)
    ana.reset.connect(lambda: resets.append(True))
    ana.set_bounds(segment.id, 11, 21)
    monkeypatch.undo()
    assert len(refused) == 1
    assert "was not saved" in refused[0]
    assert "changed by someone else" in refused[0]
    assert resets == [True]
    assert ana.undo_stack.count() == 1  # only the add
    kept = ana.segment(segment.id)
    assert (kept.start_frame, kept.note) == (10, "bo's")


def test_an_edit_while_the_server_is_away_fails_visibly_and_is_not_shown(
    pair: tuple[AnnotationDocument, AnnotationDocument], pg_server: PgServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    ana, _ = pair
    segment = ana.add_segment(1, 1, 10, 20)
    heard: list[object] = []
    refused: list[str] = []
    ana.segment_changed.connect(lambda old, new: heard.append(new))
    ana.command_refused.connect(refused.append)
    store = ana.store
    assert isinstance(store, PgProjectStore)
    update = store.update_segment

    def dropped_first(*args: object) -> object:  # the server ends the connection mid-edit
        with pg_server.admin() as admin:
            admin.execute("SELECT pg_terminate_backend(%s)", (store.backend_pid,))
        return update(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(store, "update_segment", dropped_first)
    ana.set_bounds(segment.id, 12, 22)
    monkeypatch.undo()
    assert len(refused) == 1
    assert "was not saved" in refused[0]
    assert "lost the connection" in refused[0]
    assert heard == []
    assert ana.undo_stack.count() == 1  # the add only
    assert (ana.segment(segment.id).start_frame, store.database.reconnects) == (10, 1)  # back on its own
    ana.set_bounds(segment.id, 12, 22)
    assert ana.segment(segment.id).start_frame == 12


def test_a_label_s_redo_puts_it_back_with_its_id_so_the_later_steps_find_it(
    pair: tuple[AnnotationDocument, AnnotationDocument],
) -> None:
    ana, bo = pair
    refused: list[str] = []
    ana.command_refused.connect(refused.append)
    ana.add_label(Label("gift", colour="#123456"))
    gift = ana.store.label_by_name("gift")
    assert gift is not None
    ana.change_label(replace(gift, name="present"))
    ana.undo_stack.undo()
    ana.undo_stack.undo()
    assert [label.name for label in bo.labels()][-1] != "gift"
    ana.undo_stack.redo()  # the server's identity has moved on: a new row would get another id
    ana.undo_stack.redo()
    assert refused == []
    assert bo.store.label_by_name("present") == replace(gift, name="present")

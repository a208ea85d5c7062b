"""Add a label, import a project file that adds labels, segments and a review, then undo
to the start and redo to the end: at every step every view equals the database."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

from conftest import TIMES

from annotator.domain.label import Label
from annotator.domain.segment import Review, Segment, Verdict
from annotator.editing.annotation_document import AnnotationDocument
from annotator.editing.review_queue import ReviewFilters
from annotator.editing.review_session import ReviewSession
from annotator.formats.json.writer import save_json
from annotator.project import exchange
from annotator.project.project import Project
from annotator.ui.review.review_panel import ReviewPanel
from annotator.ui.segment_table_model import SEGMENT_ID_ROLE
from annotator.ui.segment_table_widget import ALL_LABELS, SegmentTableWidget
from annotator.ui.timeline import TimelineView
from annotator.ui.vocabulary_panel import VocabularyPanel


def _project_file(project: Project, path: Path) -> Path:
    """Two new labels and the label ``gift`` (made in the app first), a segment on each, and
    a review of one: written as another annotator's export would be."""
    video = project.store.videos()[0]
    labels = [
        Label("gift", colour="#123456", order=0, id=0),
        Label("horse ride", colour="#00aa00", key="7", order=1, id=1),
        Label("dogs", colour="#aa00aa", order=2, id=2),
    ]
    segments = [
        Segment(video.id, 0, 10, 20, annotator="bo", note="gifts"),
        Segment(video.id, 1, 30, 60, annotator="bo"),
        Segment(video.id, 2, 70, 71, annotator="bo"),
    ]
    save_json(path, [video], labels, segments, [Review(segments[0].id, "rita", Verdict.APPROVED)])
    return path


class Views:
    """Every view that shows annotations, built on one document as the window builds them."""

    def __init__(self, qtbot, document: AnnotationDocument, video_id: int) -> None:
        self.document = document
        self.table = SegmentTableWidget(document)
        self.table.model.set_video(video_id, Fraction(25), TIMES)
        self.vocabulary = VocabularyPanel(document)
        self.timeline = TimelineView(document)
        self.timeline.set_video(video_id, Fraction(25), TIMES.frame_count, TIMES)
        self.review = ReviewSession(document, reviewer="rita")
        self.review_panel = ReviewPanel(self.review)
        self.review.set_filters(ReviewFilters(status=None))  # every segment
        for widget in (self.table, self.vocabulary, self.timeline, self.review_panel):
            qtbot.addWidget(widget)

    def check_against_the_database(self) -> None:
        store = self.document.store
        segments = store.segments()
        labels = store.labels(include_archived=True)
        model = self.table.model
        rows = {model.index(row, 0).data(SEGMENT_ID_ROLE) for row in range(model.rowCount())}
        assert rows == {segment.id for segment in segments}
        latest = store.latest_reviews()
        for row in range(model.rowCount()):
            segment_id = model.segment_at(row).id
            assert model.status_of(segment_id) == (
                latest[segment_id].verdict if segment_id in latest else "unreviewed"
            )
        combo = self.table.label_filter
        assert [combo.itemText(i) for i in range(combo.count())] == [ALL_LABELS] + [
            lab.name for lab in labels
        ]
        items = self.vocabulary.list
        assert [items.item(i).text().split("  ", 1)[1] for i in range(items.count())] == [
            lab.name for lab in labels
        ]
        assert self.timeline.layout_rows.label_ids == [lab.id for lab in labels if not lab.archived]
        on_timeline = {
            segment_id
            for label_id in self.timeline.layout_rows.label_ids
            for segment_id in self._track_ids(label_id)
        }
        assert on_timeline == {segment.id for segment in segments}
        assert set(self.review.queue) == {segment.id for segment in segments}
        assert self.review_panel.queue_list.count() == len(segments)
        assert self.review.counts().approved == sum(r.verdict is Verdict.APPROVED for r in latest.values())

    def _track_ids(self, label_id: int) -> set[str]:
        index = self.timeline.tracks.index(label_id)
        return {segment.id for segment in index.segments()}


def test_every_view_equals_the_database_through_an_import_and_its_undo_and_redo(
    qtbot, document: AnnotationDocument, project: Project, tmp_path: Path
) -> None:
    video_id = project.store.videos()[0].id
    views = Views(qtbot, document, video_id)
    refused: list[str] = []
    document.command_refused.connect(refused.append)
    views.check_against_the_database()
    document.add_label(Label("gift", colour="#123456"))
    views.check_against_the_database()
    laughter = project.store.label_by_name("laughter")
    document.add_segment(video_id, laughter.id, 100, 120)
    views.check_against_the_database()
    plan = exchange.plan_import(project, _project_file(project, tmp_path / "bo.json"))
    assert document.apply_import(plan).labels == 2
    views.check_against_the_database()
    stack = document.undo_stack
    for index in range(stack.count() - 1, -1, -1):
        stack.setIndex(index)
        views.check_against_the_database()
    for index in range(1, stack.count() + 1):
        stack.setIndex(index)
        views.check_against_the_database()
    assert refused == []
    assert stack.count() == 3

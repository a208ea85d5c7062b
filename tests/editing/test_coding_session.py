"""Label keys open and close segments at the frame on screen."""

from dataclasses import replace

from editing_helpers import label_id

from annotator.domain.label import Label, LabelKind
from annotator.editing.annotation_document import AnnotationDocument
from annotator.editing.coding_session import CodingSession


def bounds(document: AnnotationDocument) -> list[tuple[str, int, int]]:
    return [(document.label(s.label_id).name, s.start_frame, s.end_frame) for s in document.store.segments()]


def test_press_twice_gives_a_half_open_segment(document: AnnotationDocument) -> None:
    session = CodingSession(document)
    session.set_video(1)
    laughter = label_id(document, "laughter")
    assert session.press_label(laughter, 50) is None
    assert session.open_labels == {laughter: 50}
    session.press_label(laughter, 80)
    assert bounds(document) == [("laughter", 50, 80)]


def test_several_labels_open_at_once(document: AnnotationDocument) -> None:
    session = CodingSession(document)
    session.set_video(1)
    laughter, driving = label_id(document, "laughter"), label_id(document, "driving")
    session.press_label(driving, 10)
    session.press_label(laughter, 20)
    session.press_label(laughter, 30)
    session.press_label(driving, 40)
    assert sorted(bounds(document)) == [("driving", 10, 40), ("laughter", 20, 30)]


def test_closing_before_the_start_swaps_and_same_frame_gives_one_frame(document: AnnotationDocument) -> None:
    session = CodingSession(document)
    session.set_video(1)
    laughter = label_id(document, "laughter")
    session.press_label(laughter, 80)
    session.press_label(laughter, 50)
    session.press_label(laughter, 7)
    session.press_label(laughter, 7)
    assert sorted(bounds(document), key=lambda b: b[1]) == [("laughter", 7, 8), ("laughter", 50, 80)]


def test_in_out_marks_label_exactly_that_range(document: AnnotationDocument) -> None:
    session = CodingSession(document)
    session.set_video(1)
    session.set_mark_in(50)
    session.set_mark_out(79)  # out marks the end of the frame on screen
    session.press_label(label_id(document, "driving"), 5)
    assert bounds(document) == [("driving", 50, 80)]
    assert session.mark_in is None
    assert session.mark_out is None


def test_point_label_makes_one_frame(document: AnnotationDocument) -> None:
    document.add_label(Label("blink", colour="#ffffff", kind=LabelKind.POINT))
    session = CodingSession(document)
    session.set_video(1)
    session.press_label(label_id(document, "blink"), 42)
    assert bounds(document) == [("blink", 42, 43)]


def test_switching_video_drops_open_segments(document: AnnotationDocument) -> None:
    session = CodingSession(document)
    session.set_video(1)
    session.press_label(label_id(document, "laughter"), 5)
    session.set_video(1)
    assert session.open_labels == {}
    assert bounds(document) == []


def test_a_new_session_has_no_marks_and_codes_nothing_before_a_video(document: AnnotationDocument) -> None:
    session = CodingSession(document, parent=document)
    assert session.parent() is document  # owned by the document's owner, not left floating
    assert (session.mark_in, session.mark_out, session.open_labels) == (None, None, {})
    assert session.press_label(label_id(document, "laughter"), 5) is None
    assert session.open_labels == {}  # nothing opened either
    session.set_mark_out(9)
    assert (session.mark_in, session.mark_out) == (None, 10)
    assert bounds(document) == []


def test_with_only_one_mark_a_label_key_opens_a_segment_at_the_playhead(document: AnnotationDocument) -> None:
    session = CodingSession(document)
    session.set_video(1)
    laughter = label_id(document, "laughter")
    session.set_mark_in(50)
    assert session.press_label(laughter, 60) is None
    assert session.open_labels == {laughter: 60}
    assert session.mark_in == 50


def test_a_mark_that_would_empty_the_range_clears_the_other(qtbot, document: AnnotationDocument) -> None:
    session = CodingSession(document)
    session.set_video(1)
    session.set_mark_out(49)  # out after frame 49: 50
    session.set_mark_in(50)
    assert (session.mark_in, session.mark_out) == (50, None)
    session.set_mark_out(49)
    assert (session.mark_in, session.mark_out) == (None, 50)
    session.set_mark_in(49)
    assert (session.mark_in, session.mark_out) == (49, 50)  # one frame: kept
    with qtbot.waitSignal(session.marks_changed):
        session.clear_marks()
    session.set_mark_in(7)
    with qtbot.waitSignal(session.marks_changed):
        session.clear_marks()  # one mark is enough to clear
    assert (session.mark_in, session.mark_out) == (None, None)
    session.set_mark_out(7)
    with qtbot.waitSignal(session.marks_changed):
        session.clear_marks()
    with qtbot.assertNotEmitted(session.marks_changed):
        session.clear_marks()  # nothing to clear


def test_a_segment_open_on_an_archived_label_stays_open_when_the_views_reload(
    document: AnnotationDocument,
) -> None:
    session = CodingSession(document)
    session.set_video(1)
    laughter = label_id(document, "laughter")
    session.press_label(laughter, 10)
    document.change_label(replace(document.label(laughter), archived=True))  # archived meanwhile
    document.refresh()  # another client changed the project: everything reloads
    assert session.open_labels == {laughter: 10}
    session.press_label(laughter, 30)
    assert bounds(document) == [("laughter", 10, 30)]

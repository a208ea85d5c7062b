import json
from pathlib import Path

import pytest

from annotator.domain.label import Label, LabelKind, Vocabulary, VocabularyError
from annotator.domain.segment import Segment, SegmentError, check_bounds
from annotator.resources import vocabulary_path

EXPECTED = [
    "driver swap",
    "laughter",
    "animal interaction",
    "gift exchange",
    "conversation",
    "driving",
    "vehicle showcase",
    "greeting/handshake",
    "agreement signing",
]


def test_state_tv_vocabulary_has_the_nine_labels_with_keys_colours_descriptions() -> None:
    vocabulary = Vocabulary.load(vocabulary_path("state-tv"))
    assert [label.name for label in vocabulary.labels] == EXPECTED
    assert [label.key for label in vocabulary.labels] == list("123456789")
    assert len({label.colour for label in vocabulary.labels}) == 9
    assert all(label.description.strip() for label in vocabulary.labels)
    assert vocabulary.by_key("2").name == "laughter"
    assert vocabulary.by_name("  LAUGHTER ").key == "2"


def test_a_name_no_label_has_finds_nothing() -> None:
    vocabulary = Vocabulary.load(vocabulary_path("state-tv"))
    assert vocabulary.by_name("unicorn") is None
    assert vocabulary.by_key("0") is None


@pytest.mark.parametrize(
    ("labels", "message"),
    [
        ([Label("a"), Label("A")], "unique"),
        ([Label("a", key="1"), Label("b", key="1")], "key"),
    ],
)
def test_vocabulary_rules(labels: list[Label], message: str) -> None:
    with pytest.raises(VocabularyError, match=message):
        Vocabulary("v", tuple(labels))


@pytest.mark.parametrize("kwargs", [{"name": " "}, {"name": "x", "colour": "red"}, {"name": "x", "key": "0"}])
def test_bad_labels_are_refused(kwargs: dict[str, str]) -> None:
    with pytest.raises(VocabularyError):
        Label(**kwargs)


def test_bad_vocabulary_file_names_the_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    with pytest.raises(VocabularyError, match=r"bad\.json"):
        Vocabulary.load(bad)
    bad.write_text(json.dumps({"labels": [{"colour": "#000000"}]}))
    with pytest.raises(VocabularyError, match=r"bad\.json"):
        Vocabulary.load(bad)


def test_segment_is_half_open() -> None:
    segment = Segment(video_id=1, label_id=2, start_frame=50, end_frame=80)
    assert segment.frame_count == 30
    assert segment.last_frame == 79
    assert segment.contains(50)
    assert segment.contains(79)
    assert not segment.contains(80)
    moved = segment.with_bounds(51, 81)
    assert moved.id == segment.id
    assert (moved.start_frame, moved.end_frame) == (51, 81)


@pytest.mark.parametrize(("start", "end"), [(-1, 5), (5, 5), (6, 5)])
def test_segment_bounds_are_checked(start: int, end: int) -> None:
    with pytest.raises(SegmentError):
        Segment(video_id=1, label_id=1, start_frame=start, end_frame=end)


def test_bounds_past_the_video_end_are_refused() -> None:
    check_bounds(0, 100, frame_count=100)
    with pytest.raises(SegmentError, match="past"):
        check_bounds(0, 101, frame_count=100)


def test_point_kind() -> None:
    assert Label("blink", kind=LabelKind.POINT).kind is LabelKind.POINT


def test_a_vocabulary_file_gives_defaults_for_what_a_label_leaves_out() -> None:
    vocabulary = Vocabulary.from_dict(
        {
            "name": "v",
            "labels": [{"name": "a"}, {"name": "b", "key": "2", "kind": "point", "colour": "#123456"}],
        }
    )
    first, second = vocabulary.labels
    assert (first.key, first.kind, first.colour, first.order) == ("", LabelKind.SPAN, "#808080", 0)
    assert (second.key, second.kind, second.colour, second.order) == ("2", LabelKind.POINT, "#123456", 1)

"""Rules the whole program shares, each written once: a segment's status, the label a key codes."""

from annotator.domain.label import Label, label_with_key
from annotator.domain.segment import UNREVIEWED, Review, Verdict, review_status


def test_a_segments_status_is_its_latest_verdict_or_unreviewed() -> None:
    assert review_status(None) == UNREVIEWED == "unreviewed"
    for verdict, text in ((Verdict.APPROVED, "approved"), (Verdict.REJECTED, "rejected")):
        assert review_status(Review("s", "rita", verdict)) == text
    assert review_status(Review("s", "rita", Verdict.NEEDS_FIX)) == "needs_fix"


def test_a_key_codes_the_one_active_label_that_holds_it() -> None:
    labels = [
        Label("archived", key="3", archived=True),
        Label("unkeyed"),
        Label("laughter", key="2"),
        Label("gift", key="3"),
    ]
    assert label_with_key(labels, "2") == labels[2]
    assert label_with_key(labels, "3") == labels[3]  # not the archived label that held it
    assert label_with_key(labels, "4") is None
    assert label_with_key(labels, "") is None  # an empty key codes nothing, not "unkeyed"

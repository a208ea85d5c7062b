"""LiveUpdates: a change reported by the poll refreshes the document's views; none, nothing;
the names of the others connected are passed on when they change, and a failing read of
them (the server away) keeps the last ones."""

from __future__ import annotations

from annotator.editing.annotation_document import AnnotationDocument
from annotator.editing.live_updates import INTERVAL_MS, LiveUpdates


def test_a_reported_change_resets_the_views_and_quiet_polls_do_not(
    qtbot, document: AnnotationDocument
) -> None:
    reports = [set(), {"segments"}, set(), {"*"}, set()]
    resets: list[bool] = []
    document.reset.connect(lambda: resets.append(True))
    live = LiveUpdates(document, lambda: reports.pop(0) if reports else set())
    qtbot.waitUntil(lambda: not reports, timeout=5 * INTERVAL_MS + 3000)
    live.stop()
    assert resets == [True, True]
    assert live.refreshes == 2


def test_the_others_are_passed_on_when_they_change(qtbot, document: AnnotationDocument) -> None:
    answers: list[object] = [["bo"], ["bo"], RuntimeError("server away"), ["bo", "rita"]]

    def others() -> list[str]:
        answer = answers.pop(0) if answers else ["bo", "rita"]
        if isinstance(answer, Exception):
            raise answer
        return answer  # type: ignore[return-value]

    heard: list[list[str]] = []
    live = LiveUpdates(document, set, others)
    live.others_changed.connect(heard.append)
    qtbot.waitUntil(lambda: not answers, timeout=60_000)
    live.stop()
    assert heard == [["bo"], ["bo", "rita"]]

"""The key table of the real window: one action per row, no key meaning two things in
either mode, and the README's key tables written from it (``scripts/keys-table --write``)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from PySide6.QtGui import QKeySequence

from annotator.ui.key_docs import DOCS, key_tables, with_key_tables
from annotator.ui.main_window import MainWindow

README = Path(__file__).resolve().parents[3] / "README.md"


def enabled_shortcuts(window: MainWindow) -> Counter[str]:
    return Counter(
        sequence.toString()
        for action in window.keys.actions.values()
        if action.isEnabled()
        for sequence in action.shortcuts()
    )


def test_the_readme_key_tables_are_the_key_table(window: MainWindow) -> None:
    readme = README.read_text(encoding="utf-8")
    tables = key_tables(window.keys.rows)
    for section in ("window", "review"):
        assert f"<!-- keys: {section} " in readme
        assert tables[section] in readme
    assert with_key_tables(readme, window.keys.rows) == readme, "run scripts/keys-table --write"


def test_every_row_is_one_action_and_documented(window: MainWindow) -> None:
    rows = window.keys.rows
    names = [row.name for row in rows]
    assert len(set(names)) == len(names)
    assert set(window.keys.actions) == set(names)
    assert set(DOCS) <= set(names)  # no description of a row that is gone
    for row in rows:
        action = window.keys.actions[row.name]
        assert action.shortcuts() == [QKeySequence(s) for s in row.shortcuts], row.name
        assert action.parent() is window
        assert action in window.actions()  # window-wide, whatever has the focus


def test_no_key_means_two_things_in_either_mode(qtbot, window: MainWindow) -> None:
    shared = {key: n for key, n in enabled_shortcuts(window).items() if n > 1}
    assert shared == {}
    window.workspace.set_reviewing(True)  # what entering review mode tells the key bindings
    shared = {key: n for key, n in enabled_shortcuts(window).items() if n > 1}
    assert shared == {}
    review_keys = {s for row in window.keys.rows if row.review for s in row.shortcuts}
    assert {"Space", "Home", "End", "[", "]", "1", "9"} <= review_keys
    assert review_keys <= set(enabled_shortcuts(window))
    window.workspace.set_reviewing(False)
    assert not review_keys & {
        s.toString()
        for row in window.keys.rows
        if row.review
        for s in window.keys.actions[row.name].shortcuts()
        if window.keys.actions[row.name].isEnabled()
    }

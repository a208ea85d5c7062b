"""The menu bar and toolbar, laid out from the key table's rows (``menu``, ``toolbar``)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial

from PySide6.QtWidgets import QDockWidget, QMainWindow, QMenu, QToolBar

from annotator.ui.key_bindings import KeyBindings
from annotator.ui.key_table import OPEN_PROJECT

MENUS = ("&File", "&Edit", "&Play", "&View", "&Analyze", "&Review")


def build_menus(
    window: QMainWindow,
    keys: KeyBindings,
    fill_recent: Callable[[QMenu], None],
    docks: Sequence[QDockWidget],
) -> QToolBar:
    """Each row's action in its menu, in table order; "Open recent" after "Open project";
    the docks' toggles at the end of View; the toolbar's actions (returned: the window adds
    its video box). A toolbar button shows the action's short ``iconText`` ("Undo"), not its
    changing text ("Undo add segment"), so the buttons after it never move."""
    bar = window.menuBar()
    menus = {title.replace("&", ""): bar.addMenu(title) for title in MENUS}
    for row in keys.rows:
        if row.menu is None:
            continue
        menu = _menu(menus, row.menu)
        if row.separated:
            menu.addSeparator()
        menu.addAction(keys.actions[row.name])
        if row.text == OPEN_PROJECT:
            recent = menu.addMenu("Open &recent")
            recent.aboutToShow.connect(partial(fill_recent, recent))
    menus["View"].addSeparator()
    for dock in docks:
        menus["View"].addAction(dock.toggleViewAction())
    toolbar = window.addToolBar("Main")
    toolbar.setObjectName("toolbar-main")
    for row in keys.rows:
        if row.toolbar:
            action = keys.actions[row.name]
            action.setIconText(row.name)
            toolbar.addAction(action)
    return toolbar


def _menu(menus: dict[str, QMenu], path: str) -> QMenu:
    """The menu at ``path`` ("Edit/Label keys"), made on first use."""
    if path not in menus:
        parent, _, title = path.rpartition("/")
        menus[path] = _menu(menus, parent).addMenu(title)
    return menus[path]

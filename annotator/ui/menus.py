"""The menu bar and toolbar: File, Edit, Play, View."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QKeySequence

if TYPE_CHECKING:
    from annotator.ui.main_window import MainWindow

PLAY_ACTIONS = (
    "Play/pause",
    "Next frame",
    "Previous frame",
    "Forward one second",
    "Back one second",
    "Shuttle reverse",
    "Shuttle stop",
    "Shuttle forward",
    "Slower",
    "Faster",
    "First frame",
    "Last frame",
    "Go to…",
)
EDIT_ACTIONS = (
    "Mark in",
    "Mark out",
    "Cancel open segments and marks",
    "Start earlier",
    "Start later",
    "End earlier",
    "End later",
    "Start ten earlier",
    "End ten later",
    "Delete selected segments",
)
VIEW_ACTIONS = ("Zoom in", "Zoom out", "Zoom to fit")


def build_menus(window: MainWindow) -> None:
    bar = window.menuBar()
    project = window.project_actions
    file_menu = bar.addMenu("&File")
    file_menu.addAction("&New project…", QKeySequence.StandardKey.New, project.new_project)
    file_menu.addAction("&Open project…", QKeySequence.StandardKey.Open, project.open_project_dialog)
    window.recent_menu = file_menu.addMenu("Open &recent")
    window.recent_menu.aboutToShow.connect(project.fill_recent_menu)
    file_menu.addSeparator()
    file_menu.addAction("&Add videos…", "Ctrl+Shift+A", project.add_videos_dialog)
    file_menu.addAction("Re&link missing video…", project.relink_current)
    file_menu.addSeparator()
    file_menu.addAction("&Import annotations (CSV, JSON, ELAN)…", "Ctrl+I", project.import_dialog)
    file_menu.addAction(
        "&Export annotations (CSV, JSON, ELAN, WebVTT, SRT)…", "Ctrl+E", project.export_dialog
    )
    file_menu.addSeparator()
    file_menu.addAction("&Quit", QKeySequence.StandardKey.Quit, window.close)

    edit_menu = bar.addMenu("&Edit")
    edit_menu.addAction(project.undo_action)
    edit_menu.addAction(project.redo_action)
    edit_menu.addSeparator()
    for name in EDIT_ACTIONS:
        edit_menu.addAction(window.actions_by_name[name])
    labels_menu = edit_menu.addMenu("Label keys")
    for digit in "123456789":
        labels_menu.addAction(window.actions_by_name[f"Label key {digit}"])

    play_menu = bar.addMenu("&Play")
    for name in PLAY_ACTIONS:
        play_menu.addAction(window.actions_by_name[name])

    view_menu = bar.addMenu("&View")
    for name in VIEW_ACTIONS:
        view_menu.addAction(window.actions_by_name[name])
    window.review.build_menu(bar)
    view_menu.addSeparator()
    for dock in (window.video_dock, window.table_dock, window.vocabulary_dock):
        view_menu.addAction(dock.toggleViewAction())

    toolbar = window.addToolBar("Main")
    toolbar.setObjectName("toolbar-main")
    toolbar.addAction(window.actions_by_name["Play/pause"])
    toolbar.addAction(project.undo_action)
    toolbar.addAction(project.redo_action)
    toolbar.addAction(window.actions_by_name["Zoom to fit"])
    toolbar.addAction(window.review.toggle_action)

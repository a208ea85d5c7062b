"""Qt widgets: main window, player, timeline, segment table, review mode."""

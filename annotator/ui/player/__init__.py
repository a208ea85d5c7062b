"""The player: a QMediaPlayer-based engine that lands on exact frames, and its widgets."""

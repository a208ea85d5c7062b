"""Reviewer playback mode: queue, verdicts, fixes, playback with pre- and post-roll."""

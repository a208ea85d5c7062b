"""The one writer of annotations and its undoable commands."""

"""A project: its store, its media and its files together, without Qt (used by the CLI and the app)."""

"""Annotator: frame-exact labelling of news footage."""

__version__ = "0.1.0"

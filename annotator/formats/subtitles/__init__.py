"""WebVTT and SRT (one cue per segment, for previews in any player): ``writer``."""

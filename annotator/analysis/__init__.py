"""Analysis of footage and annotations (later: scene cuts, agreement)."""

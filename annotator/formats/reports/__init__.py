"""Reports of a project's work: airtime statistics (text, CSV, JSON, SVG)."""
